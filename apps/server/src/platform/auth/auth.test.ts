import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createUser, TEST_PASSWORD } from '../../../test/factories.ts';
import { users } from '../../modules/users/users.table.ts';
import { auditLog } from '../audit/audit.table.ts';

const t = useTestApp();

describe('login', () => {
  it('logs in, sets an HttpOnly SameSite=Lax session cookie and answers /me with the role permissions', async () => {
    const u = await createUser(t.database.db, t.pii, { role: 'region_admin', regionCode: '4412' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: u.username, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'lianxin_sid')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    expect(cookie.value).toMatch(/^[\w-]{43}$/);
    const me = await t.app.inject({ url: '/api/v1/me', headers: { cookie: `lianxin_sid=${cookie.value}` } });
    // A region administrator reads personal data and manages users: TOTP enrolment comes first.
    expect(me.json()).toMatchObject({
      username: u.username,
      regionName: '肇庆市',
      scopes: [{ code: '4412', name: '肇庆市' }],
      stage: 'enrol_totp',
      totpRequired: true,
      passwordResetAt: null,
    });
    expect(me.json().permissions).toContain('system:user:create');
  });

  it('uses a Secure __Host- cookie when served over https', async () => {
    const { useTestApp: _ } = await import('../../../test/app.ts');
    const { buildApp } = await import('../../app.ts');
    const { loadConfig } = await import('../../config.ts');
    const app = await buildApp({
      database: t.database,
      pii: t.pii,
      clock: t.clock,
      config: loadConfig({
        LIANXIN_DEMO: 'off',
        LIANXIN_PUBLIC_URL: 'https://lianxin.example.cn',
        LIANXIN_WEB_DIST: '/nonexistent',
      }),
    });
    const u = await createUser(t.database.db, t.pii);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: u.username, password: TEST_PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === '__Host-lianxin_sid')!;
    expect(cookie.secure).toBe(true);
    expect(cookie.path).toBe('/');
    expect(res.headers['strict-transport-security']).toBeDefined();
    await app.close();
  });

  it('limits sign-in attempts per client address, and says so', async () => {
    const { buildApp } = await import('../../app.ts');
    const { loadConfig } = await import('../../config.ts');
    const app = await buildApp({
      database: t.database,
      pii: t.pii,
      clock: t.clock,
      config: loadConfig({ LIANXIN_DEMO: 'off', LIANXIN_LOGIN_RATE_LIMIT: '3', LIANXIN_WEB_DIST: '/nonexistent' }),
    });
    const u = await createUser(t.database.db, t.pii);
    const attempt = (remoteAddress: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress,
        headers: { 'accept-language': 'zh-CN' },
        payload: { username: u.username, password: TEST_PASSWORD },
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt('192.0.2.1')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await attempt('192.0.2.1');
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited.json().title).toMatch(/频繁/);
    expect((await attempt('192.0.2.2')).statusCode).toBe(200);
    await app.close();
  });

  it('takes the client address from X-Forwarded-For only when a trusted proxy sends it', async () => {
    const attempt = (remoteAddress: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress,
        headers: { 'x-forwarded-for': '198.51.100.7' },
        payload: { username: 'nobody', password: 'Whatever#123' },
      });
    await attempt('127.0.0.1'); // the default trusts a proxy on this machine
    await attempt('203.0.113.9'); // anyone else could write any address in the header
    const auditor = await t.loginAs({ role: 'auditor', regionCode: '' });
    const log = await t.app.inject({ url: '/api/v1/login-logs?result=failure', headers: { cookie: auditor.cookie } });
    expect(
      log
        .json()
        .rows.map((r: { ip: string }) => r.ip)
        .sort(),
    ).toEqual(['198.51.100.7', '203.0.113.9']);
  });

  it('validates the body with field paths', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: '' },
      headers: { 'accept-language': 'en-US' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['password', 'username']);
  });
});

describe('sessions', () => {
  it('expires after 30 idle minutes but not while in use', async () => {
    const { cookie } = await t.loginAs();
    for (let i = 0; i < 4; i++) {
      t.clock.advance(20 * 60_000);
      expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);
    }
    t.clock.advance(31 * 60_000);
    const res = await t.app.inject({ url: '/api/v1/me', headers: { cookie } });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('UNAUTHENTICATED');
  });

  it('ends after 12 hours however active', async () => {
    const { cookie } = await t.loginAs();
    for (let i = 0; i < 29; i++) {
      t.clock.advance(25 * 60_000);
      await t.app.inject({ url: '/api/v1/me', headers: { cookie } });
    }
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('logout revokes the session at once', async () => {
    const { cookie } = await t.loginAs();
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } })).statusCode).toBe(
      204,
    );
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('a security administrator forces a user offline', async () => {
    const victim = await t.loginAs({ role: 'social_worker' });
    const sec = await t.loginAs({ role: 'secadmin', regionCode: '' });
    const list = await t.app.inject({ url: '/api/v1/online-sessions', headers: { cookie: sec.cookie } });
    const row = list.json().rows.find((r: { username: string }) => r.username === victim.username);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/online-sessions/${row.handle}`,
      headers: { cookie: sec.cookie },
    });
    expect(del.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: victim.cookie } })).statusCode).toBe(401);
  });

  it('refuses a state-changing request from another origin', async () => {
    const { cookie } = await t.loginAs();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, origin: 'https://evil.example.com', host: 'localhost:3000' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('CSRF');
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(200);
  });
});

describe('passwords', () => {
  it('forces a change at first login, enforcing policy and the last-5 rule', async () => {
    const u = await createUser(t.database.db, t.pii, { role: 'supervisor', mustChangePassword: true });
    const login = await t.login(u.username);
    expect(login.body.stage).toBe('change_password');
    const cookie = login.cookie;
    expect((await t.app.inject({ url: '/api/v1/users', headers: { cookie } })).json().code).toBe(
      'PASSWORD_CHANGE_REQUIRED',
    );
    const change = (newPassword: string, oldPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: { cookie },
        payload: { oldPassword, newPassword },
      });
    const weak = await change('abcdefgh', TEST_PASSWORD);
    expect(weak.statusCode).toBe(422);
    expect(weak.json().errors[0]).toMatchObject({ path: 'newPassword' });
    expect((await change(TEST_PASSWORD, TEST_PASSWORD)).json().code).toBe('PASSWORD_REUSED');
    const ok = await change('New#Pass2026', TEST_PASSWORD);
    expect(ok.json()).toEqual({ stage: 'full' });
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie } })).json().stage).toBe('full');
    // Cycle through four more: the first (TEST_PASSWORD) is then six back and allowed again.
    let current = 'New#Pass2026';
    for (const next of ['Pass#Two2026', 'Pass#Three2026', 'Pass#Four2026']) {
      expect((await change(next, current)).statusCode).toBe(200);
      current = next;
    }
    expect((await change(TEST_PASSWORD, current)).json().code).toBe('PASSWORD_REUSED');
    expect((await change('Pass#Five2026', current)).statusCode).toBe(200);
    expect((await change(TEST_PASSWORD, 'Pass#Five2026')).statusCode).toBe(200);
  });

  it('ends the other sessions of the user, not the one that changed it', async () => {
    const u = await createUser(t.database.db, t.pii, { role: 'supervisor' });
    const here = await t.login(u.username);
    const elsewhere = await t.login(u.username);
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie: here.cookie },
      payload: { oldPassword: TEST_PASSWORD, newPassword: 'New#Pass2026' },
    });
    expect(change.statusCode).toBe(200);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: elsewhere.cookie } })).statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: here.cookie } })).statusCode).toBe(200);
    const [audit] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'change_password'));
    expect(audit).toMatchObject({ actorId: u.id, entityIds: [u.id] });
  });

  it('tells the user at login that an administrator reset the password, until they change it', async () => {
    const u = await createUser(t.database.db, t.pii, { role: 'supervisor', mustChangePassword: true });
    // As an administrator's reset leaves it.
    await t.database.db
      .update(users)
      .set({ passwordResetAt: new Date('2026-03-01T02:00:00Z') })
      .where(eq(users.id, u.id));
    const login = await t.login(u.username);
    expect(login.body.user.passwordResetAt).toBe('2026-03-01T02:00:00.000Z');
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: login.cookie } })).json().passwordResetAt).toBe(
      '2026-03-01T02:00:00.000Z',
    );
    const change = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie: login.cookie },
      payload: { oldPassword: TEST_PASSWORD, newPassword: 'New#Pass2026' },
    });
    expect(change.statusCode).toBe(200);
    expect(
      (await t.app.inject({ url: '/api/v1/me', headers: { cookie: login.cookie } })).json().passwordResetAt,
    ).toBeNull();
    expect((await t.login(u.username, 'New#Pass2026')).body.user.passwordResetAt).toBeNull();
  });
});
