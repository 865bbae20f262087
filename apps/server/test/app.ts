import { BUILTIN_ROLES, totpRequiredFor } from '@lianxin/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import type { Database } from '../src/db/client.ts';
import type { App } from '../src/platform/http.ts';
import { currentTotp, newTotpSecret } from '../src/platform/auth/totp.ts';
import { users } from '../src/modules/users/users.table.ts';
import { createPiiCipher, type PiiCipher } from '../src/platform/pii.ts';
import { openTestDatabase, resetDatabase } from './db.ts';
import { createUser, TEST_PASSWORD, type UserSpec } from './factories.ts';

export const TEST_KEY = 'a1'.repeat(32);

/** A clock tests can move: sessions, lockouts and TOTP all read it. */
export class TestClock {
  constructor(public current = new Date('2026-03-01T02:00:00Z')) {}
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestContext {
  app: App;
  database: Database;
  pii: PiiCipher;
  clock: TestClock;
  /**
   * Creates a user and logs in; returns the cookie header for requests. A user whose roles require
   * TOTP has it enrolled and signs in with a code; `totpSecret` gives the codes for a later login
   * (move the clock on first: a code is accepted once).
   */
  loginAs(spec?: UserSpec): Promise<{ cookie: string; id: string; username: string; totpSecret?: string }>;
  login(username: string, password?: string, totp?: string): Promise<{ status: number; cookie: string; body: any }>;
}

/** One app and database per test file; tables are emptied before each test. */
export function useTestApp(env: Record<string, string> = {}): TestContext {
  const ctx = {} as TestContext;
  beforeAll(async () => {
    ctx.database = await openTestDatabase();
    ctx.pii = createPiiCipher(TEST_KEY);
    ctx.clock = new TestClock();
    ctx.app = await buildApp({
      database: ctx.database,
      pii: ctx.pii,
      clock: ctx.clock,
      config: loadConfig({
        LIANXIN_DEMO: 'off',
        LIANXIN_DATA_DIR: '/nonexistent',
        LIANXIN_WEB_DIST: '/nonexistent',
        LIANXIN_LOGIN_RATE_LIMIT: '1000',
        ...env,
      }),
    });
    await ctx.app.ready();
    ctx.login = async (username, password = TEST_PASSWORD, totp) => {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password, ...(totp ? { totp } : {}) },
      });
      const set = res.cookies.find((c) => c.name.endsWith('lianxin_sid'));
      return { status: res.statusCode, cookie: set ? `${set.name}=${set.value}` : '', body: res.json() };
    };
    ctx.loginAs = async (spec = {}) => {
      const u = await createUser(ctx.database.db, ctx.pii, spec);
      // Whoever may read personal data or manage users has TOTP: enrolled beforehand, as by
      // POST /auth/totp/setup and /enable (those are tested in totp.test.ts; here they would only
      // add an audit row to every test).
      let totpSecret: string | undefined;
      if (!spec.isDemo && totpRequiredFor(BUILTIN_ROLES[u.role].permissions)) {
        totpSecret = newTotpSecret();
        await ctx.database.db
          .update(users)
          .set({ totpSecretEnc: ctx.pii.encrypt(totpSecret), totpEnabled: true })
          .where(eq(users.id, u.id));
      }
      const { cookie, status, body } = await ctx.login(
        u.username,
        TEST_PASSWORD,
        totpSecret && currentTotp(totpSecret, ctx.clock.now()),
      );
      if (status !== 200) throw new Error(`login failed: ${JSON.stringify(body)}`);
      return { cookie, id: u.id, username: u.username, totpSecret };
    };
  });
  beforeEach(async () => {
    ctx.clock.current = new Date('2026-03-01T02:00:00Z');
    await resetDatabase(ctx.database);
    ctx.app.deps.params.invalidate();
  });
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.database?.close();
  });
  return ctx;
}
