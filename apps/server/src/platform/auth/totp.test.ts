import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createUser, TEST_PASSWORD } from '../../../test/factories.ts';
import { users } from '../../modules/users/users.table.ts';
import { auditLog } from '../audit/audit.table.ts';
import { currentTotp } from './totp.ts';

const t = useTestApp();
const STEP = 30_000;

const post = (cookie: string, url: string, payload?: Record<string, unknown>) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/auth/totp/${url}`,
    headers: { cookie },
    ...(payload ? { payload } : {}),
  });

/** Enrols TOTP from a fresh session as the authenticator app would; returns the secret. */
async function enrol(cookie: string): Promise<string> {
  const setup = (await post(cookie, 'setup')).json();
  const enable = await post(cookie, 'enable', {
    code: currentTotp(setup.secret, t.clock.now()),
    setupToken: setup.setupToken,
  });
  expect(enable.statusCode).toBe(200);
  return setup.secret;
}

describe('TOTP enrolment', () => {
  it('is required for administrators: enrol by QR, then every login asks for the code', async () => {
    const u = await createUser(t.database.db, t.pii, { role: 'secadmin', regionCode: '' });
    const first = await t.login(u.username);
    expect(first.body.stage).toBe('enrol_totp');
    const setup = await post(first.cookie, 'setup');
    const { secret, qrDataUrl, uri, setupToken } = setup.json();
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(uri).toContain('otpauth://totp/');
    expect((await post(first.cookie, 'enable', { code: '000000', setupToken })).statusCode).toBe(400);
    const enable = await post(first.cookie, 'enable', { code: currentTotp(secret, t.clock.now()), setupToken });
    expect(enable.json()).toEqual({ stage: 'full' });
    t.clock.advance(STEP);
    expect((await t.login(u.username)).body.code).toBe('TOTP_REQUIRED');
    expect((await t.login(u.username, TEST_PASSWORD, '123456')).body.code).toBe('TOTP_INVALID');
    const ok = await t.login(u.username, TEST_PASSWORD, currentTotp(secret, t.clock.now()));
    expect(ok.status).toBe(200);
    expect(ok.body.stage).toBe('full');
  });

  it('is required of every account that reads personal data or manages users, from its permissions; never of demo accounts', async () => {
    for (const role of ['region_admin', 'station_head', 'social_worker', 'sysadmin', 'auditor'] as const) {
      const u = await createUser(t.database.db, t.pii, {
        role,
        regionCode: role === 'region_admin' ? '4412' : role === 'sysadmin' || role === 'auditor' ? '' : '441202',
      });
      const login = await t.login(u.username);
      expect([role, login.body.stage, login.body.user.totpRequired]).toEqual([role, 'enrol_totp', true]);
      expect((await t.app.inject({ url: '/api/v1/stations', headers: { cookie: login.cookie } })).json().code).toBe(
        'TOTP_ENROLMENT_REQUIRED',
      );
    }
    const supervisor = await t.login((await createUser(t.database.db, t.pii, { role: 'supervisor' })).username);
    expect([supervisor.body.stage, supervisor.body.user.totpRequired]).toEqual(['full', false]);
    const demoAdmin = await createUser(t.database.db, t.pii, {
      role: 'sysadmin',
      regionCode: '',
      isDemo: true,
      mustChangePassword: true,
    });
    const demo = await t.login(demoAdmin.username);
    expect([demo.body.stage, demo.body.user.totpRequired]).toEqual(['full', false]);
  });
});

describe('TOTP codes', () => {
  it('accepts each code once: a code used to enable or to sign in is refused the next time', async () => {
    const u = await createUser(t.database.db, t.pii, { role: 'secadmin', regionCode: '' });
    const first = await t.login(u.username);
    const setup = (await post(first.cookie, 'setup')).json();
    const enableCode = currentTotp(setup.secret, t.clock.now());
    await post(first.cookie, 'enable', { code: enableCode, setupToken: setup.setupToken });
    // Within the same 30 seconds, the code that enabled TOTP is spent.
    expect((await t.login(u.username, TEST_PASSWORD, enableCode)).body.code).toBe('TOTP_INVALID');
    t.clock.advance(STEP);
    const code = currentTotp(setup.secret, t.clock.now());
    expect((await t.login(u.username, TEST_PASSWORD, code)).status).toBe(200);
    expect((await t.login(u.username, TEST_PASSWORD, code)).body.code).toBe('TOTP_INVALID');
    // The enabling request cannot be played again either.
    expect((await post(first.cookie, 'enable', { code, setupToken: setup.setupToken })).json().errors[0].path).toBe(
      'setupToken',
    );
    t.clock.advance(STEP);
    expect((await t.login(u.username, TEST_PASSWORD, currentTotp(setup.secret, t.clock.now()))).status).toBe(200);
  });
});

describe('replacing and removing TOTP', () => {
  it('a live session cannot peel the second factor off: setup without the password and a current code changes nothing', async () => {
    const admin = await t.loginAs({ role: 'secadmin', regionCode: '' });
    const bare = await post(admin.cookie, 'setup');
    expect(bare.statusCode).toBe(400);
    expect(
      bare
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['code', 'password']);
    const wrong = await post(admin.cookie, 'setup', {
      password: 'Guess#Pass123',
      code: currentTotp(admin.totpSecret!, t.clock.now()),
    });
    expect(wrong.json().errors).toEqual([expect.objectContaining({ path: 'password' })]);
    // Whoever has the password still needs the enrolled authenticator to sign in.
    t.clock.advance(STEP);
    expect((await t.login(admin.username)).body.code).toBe('TOTP_REQUIRED');
    expect((await t.login(admin.username, TEST_PASSWORD, currentTotp(admin.totpSecret!, t.clock.now()))).status).toBe(
      200,
    );
  });

  it('replaces it with the password and a current code; the old secret holds until the new one is proved', async () => {
    const admin = await t.loginAs({ role: 'secadmin', regionCode: '' });
    t.clock.advance(STEP);
    const setup = await post(admin.cookie, 'setup', {
      password: TEST_PASSWORD,
      code: currentTotp(admin.totpSecret!, t.clock.now()),
    });
    expect(setup.statusCode).toBe(200);
    const fresh = setup.json();
    // Not yet proved: the enrolled authenticator still signs in, the new one does not.
    t.clock.advance(STEP);
    expect((await t.login(admin.username, TEST_PASSWORD, currentTotp(fresh.secret, t.clock.now()))).body.code).toBe(
      'TOTP_INVALID',
    );
    expect((await t.login(admin.username, TEST_PASSWORD, currentTotp(admin.totpSecret!, t.clock.now()))).status).toBe(
      200,
    );
    t.clock.advance(STEP);
    const enable = await post(admin.cookie, 'enable', {
      code: currentTotp(fresh.secret, t.clock.now()),
      setupToken: fresh.setupToken,
    });
    expect(enable.json()).toEqual({ stage: 'full' });
    t.clock.advance(STEP);
    expect(
      (await t.login(admin.username, TEST_PASSWORD, currentTotp(admin.totpSecret!, t.clock.now()))).body.code,
    ).toBe('TOTP_INVALID');
    expect((await t.login(admin.username, TEST_PASSWORD, currentTotp(fresh.secret, t.clock.now()))).status).toBe(200);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'enable_totp'));
    expect(audits.map((a) => a.detail)).toEqual([{ replaced: true }]);
  });

  it('a setup token is bound to its session', async () => {
    const a = await createUser(t.database.db, t.pii, { role: 'supervisor' });
    const one = await t.login(a.username);
    const two = await t.login(a.username);
    const setup = (await post(one.cookie, 'setup')).json();
    const other = await post(two.cookie, 'enable', {
      code: currentTotp(setup.secret, t.clock.now()),
      setupToken: setup.setupToken,
    });
    expect(other.statusCode).toBe(400);
    expect(other.json().errors[0].path).toBe('setupToken');
    const [row] = await t.database.db.select().from(users).where(eq(users.id, a.id));
    expect(row.totpEnabled).toBe(false);
  });

  it('is removed only with the password and a current code, and only where the roles do not require it', async () => {
    const u = await createUser(t.database.db, t.pii, { role: 'supervisor' });
    const login = await t.login(u.username);
    const secret = await enrol(login.cookie);
    t.clock.advance(STEP);
    expect((await post(login.cookie, 'disable', { password: TEST_PASSWORD, code: '000000' })).json().errors).toEqual([
      expect.objectContaining({ path: 'code' }),
    ]);
    expect(
      (
        await post(login.cookie, 'disable', { password: 'Guess#Pass123', code: currentTotp(secret, t.clock.now()) })
      ).json().errors,
    ).toEqual([expect.objectContaining({ path: 'password' })]);
    expect((await t.login(u.username)).body.code).toBe('TOTP_REQUIRED');
    t.clock.advance(STEP);
    expect(
      (await post(login.cookie, 'disable', { password: TEST_PASSWORD, code: currentTotp(secret, t.clock.now()) }))
        .statusCode,
    ).toBe(204);
    expect((await t.login(u.username)).status).toBe(200);
    const [audit] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'disable_totp'));
    expect(audit).toMatchObject({ actorId: u.id, entityIds: [u.id] });

    const worker = await t.loginAs({ role: 'social_worker' });
    t.clock.advance(STEP);
    const refused = await post(worker.cookie, 'disable', {
      password: TEST_PASSWORD,
      code: currentTotp(worker.totpSecret!, t.clock.now()),
    });
    expect(refused.statusCode).toBe(403);
    t.clock.advance(STEP);
    expect((await t.login(worker.username)).body.code).toBe('TOTP_REQUIRED');
  });

  it('wrong answers while replacing count toward the lockout', async () => {
    const admin = await t.loginAs({ role: 'secadmin', regionCode: '' });
    for (let i = 0; i < 4; i++) {
      expect((await post(admin.cookie, 'setup', { password: 'Guess#Pass123', code: '123456' })).statusCode).toBe(400);
    }
    expect((await post(admin.cookie, 'setup', { password: TEST_PASSWORD, code: '123456' })).statusCode).toBe(423);
    t.clock.advance(STEP);
    expect(
      (
        await post(admin.cookie, 'setup', {
          password: TEST_PASSWORD,
          code: currentTotp(admin.totpSecret!, t.clock.now()),
        })
      ).json().code,
    ).toBe('ACCOUNT_LOCKED');
  });
});
