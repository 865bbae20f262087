import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createUser, TEST_PASSWORD } from '../../../test/factories.ts';
import { loginLog } from '../../modules/logs/login-log.table.ts';
import { users } from '../../modules/users/users.table.ts';

const t = useTestApp();
const MINUTE = 60_000;

/** A sign-in from a given client address, as the login form sends it. */
const attempt = (username: string, password: string, remoteAddress = '192.0.2.10') =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { username, password } });

/** The answer without its request id: what tells one refusal from another. */
const shape = (res: Awaited<ReturnType<typeof attempt>>) => {
  const { requestId, ...rest } = res.json();
  expect(requestId).toBeTruthy();
  return { status: res.statusCode, contentType: res.headers['content-type'], body: rest };
};

describe('login answers', () => {
  it('answers an unknown user, a wrong password, a disabled and a locked account alike until the password is right', async () => {
    const active = await createUser(t.database.db, t.pii, { role: 'supervisor' });
    const disabled = await createUser(t.database.db, t.pii, { role: 'supervisor' });
    await t.database.db.update(users).set({ status: 'disabled' }).where(eq(users.id, disabled.id));
    const locked = await createUser(t.database.db, t.pii, { role: 'supervisor' });
    for (let i = 0; i < 5; i++) await attempt(locked.username, 'Wrong#Pass123');

    const answers = [
      await attempt('nobody-here', 'Wrong#Pass123'),
      await attempt(active.username, 'Wrong#Pass123'),
      await attempt(disabled.username, 'Wrong#Pass123'),
      await attempt(locked.username, 'Wrong#Pass123'),
    ].map(shape);
    expect(answers[0]).toEqual({
      status: 401,
      contentType: 'application/problem+json; charset=utf-8',
      body: { type: 'about:blank', status: 401, code: 'INVALID_CREDENTIALS', title: '用户名或密码错误' },
    });
    for (const a of answers.slice(1)) expect(a).toEqual(answers[0]);

    // Only the right password learns the state of the account.
    const lockedRight = await attempt(locked.username, TEST_PASSWORD);
    expect(lockedRight.statusCode).toBe(423);
    expect(lockedRight.json()).toMatchObject({
      code: 'ACCOUNT_LOCKED',
      lockedUntil: new Date(t.clock.now().getTime() + 10 * MINUTE).toISOString(),
    });
    expect((await attempt(disabled.username, TEST_PASSWORD)).json().code).toBe('ACCOUNT_DISABLED');

    // The login log keeps the true reason of each.
    const log = await t.database.db.select().from(loginLog);
    const reasons = (username: string) =>
      log
        .filter((r) => r.username === username)
        .map((r) => `${r.result}: ${r.reason}`)
        .sort();
    expect(reasons('nobody-here')).toEqual(['failure: unknown_user']);
    expect(reasons(disabled.username)).toEqual(['disabled: bad_password; disabled', 'disabled: disabled']);
    expect(reasons(locked.username)).toEqual(
      [
        ...Array(4).fill('failure: bad_password'),
        'locked: bad_password; now locked',
        'locked: bad_password; while locked',
        'locked: locked',
      ].sort(),
    );
  });

  it('locks for 10 minutes after 5 wrong passwords, refusing even the right one, then lets it in', async () => {
    const u = await createUser(t.database.db, t.pii, { role: 'supervisor' });
    for (let i = 0; i < 5; i++)
      expect((await attempt(u.username, 'Wrong#Pass123')).json().code).toBe('INVALID_CREDENTIALS');
    const right = await attempt(u.username, TEST_PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(new Date(right.json().lockedUntil).getTime() - t.clock.now().getTime()).toBe(10 * MINUTE);
    t.clock.advance(10 * MINUTE + 1000);
    expect((await attempt(u.username, TEST_PASSWORD)).statusCode).toBe(200);
    // A correct login starts the count afresh: four more wrong answers do not lock.
    for (let i = 0; i < 4; i++) await attempt(u.username, 'Wrong#Pass123');
    expect((await attempt(u.username, TEST_PASSWORD)).statusCode).toBe(200);
  });
});

describe('lockout under concurrency', () => {
  it('counts 20 parallel wrong passwords: the right password is then refused as locked', async () => {
    const u = await createUser(t.database.db, t.pii, { role: 'supervisor' });
    const answers = await Promise.all(Array.from({ length: 20 }, () => attempt(u.username, 'Wrong#Pass123')));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(401));
    const right = await attempt(u.username, TEST_PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
  });
});

describe('lockout per account and address', () => {
  it('a lock from one address does not stop the owner signing in from another', async () => {
    const admin = await createUser(t.database.db, t.pii, { role: 'supervisor' });
    // A stranger who knows the name tries hard, in parallel, from one address.
    await Promise.all(Array.from({ length: 20 }, () => attempt(admin.username, 'Guess#Pass123', '203.0.113.66')));
    expect((await attempt(admin.username, TEST_PASSWORD, '203.0.113.66')).statusCode).toBe(423);
    expect((await attempt(admin.username, TEST_PASSWORD, '198.51.100.20')).statusCode).toBe(200);
  });

  it('locks the account everywhere once guesses spread over addresses reach the account-wide limit', async () => {
    const u = await createUser(t.database.db, t.pii, { role: 'supervisor' });
    // Four addresses, five guesses each: no address is over its limit by more than the lock, the account is at 20.
    for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) {
      for (let i = 0; i < 5; i++) await attempt(u.username, 'Guess#Pass123', ip);
    }
    expect((await attempt(u.username, TEST_PASSWORD, '198.51.100.20')).statusCode).toBe(200);
    // That correct login cleared the account-wide count: it takes 20 counted guesses from now.
    for (const ip of ['203.0.113.4', '203.0.113.5', '203.0.113.6']) {
      for (let i = 0; i < 5; i++) await attempt(u.username, 'Guess#Pass123', ip);
    }
    expect((await attempt(u.username, TEST_PASSWORD, '198.51.100.21')).statusCode).toBe(200);
    for (const ip of ['203.0.113.7', '203.0.113.8', '203.0.113.9', '203.0.113.10']) {
      await Promise.all(Array.from({ length: 5 }, () => attempt(u.username, 'Guess#Pass123', ip)));
    }
    const elsewhere = await attempt(u.username, TEST_PASSWORD, '198.51.100.22');
    expect(elsewhere.statusCode).toBe(423);
    expect(elsewhere.json().lockedUntil).toBe(new Date(t.clock.now().getTime() + 10 * MINUTE).toISOString());
  });

  it('follows the account-wide limit the security administrator sets', async () => {
    const spread = async () => {
      const u = await createUser(t.database.db, t.pii, { role: 'supervisor' });
      for (const ip of ['203.0.113.1', '203.0.113.2']) {
        for (let i = 0; i < 5; i++) await attempt(u.username, 'Guess#Pass123', ip);
      }
      return (await attempt(u.username, TEST_PASSWORD, '198.51.100.20')).statusCode;
    };
    expect(await spread()).toBe(200);
    const sec = await t.loginAs({ role: 'secadmin', regionCode: '' });
    const params = await t.app.inject({ url: '/api/v1/params', headers: { cookie: sec.cookie } });
    const param = params.json().rows.find((p: { key: string }) => p.key === 'security.login.maxAccountFailures');
    expect(param.value).toBe('20');
    const set = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/params/security.login.maxAccountFailures',
      headers: { cookie: sec.cookie },
      payload: { value: '10', version: param.version },
    });
    expect(set.statusCode).toBe(200);
    expect(await spread()).toBe(423);
  });
});

describe('password confirmation inside a session', () => {
  it('counts wrong old passwords toward the lockout, and a locked session cannot keep guessing', async () => {
    const u = await createUser(t.database.db, t.pii, { role: 'supervisor' });
    const login = await attempt(u.username, TEST_PASSWORD);
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const change = (oldPassword: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        remoteAddress: '192.0.2.10',
        headers: { cookie },
        payload: { oldPassword, newPassword: 'New#Pass2026' },
      });
    for (let i = 0; i < 4; i++) {
      const wrong = await change('Guess#Pass123');
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().errors).toEqual([expect.objectContaining({ path: 'oldPassword' })]);
    }
    expect((await change('Guess#Pass123')).statusCode).toBe(423);
    expect((await change(TEST_PASSWORD)).json().code).toBe('ACCOUNT_LOCKED');
    expect((await attempt(u.username, TEST_PASSWORD)).statusCode).toBe(423);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, u.id));
    expect(row.passwordChangedAt).toBeNull();
  });
});
