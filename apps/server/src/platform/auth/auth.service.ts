import { TOTP_REQUIRED_ROLES, type Permission } from '@lianxin/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { recordLogin } from '../../modules/logs/logs.repo.ts';
import type { ParamsCache } from '../../modules/params/params.service.ts';
import { rolesOfUsers, scopesOfUsers, unscopedFindUser, unscopedFindUserByUsername, type UserRow } from '../../modules/users/users.repo.ts';
import { users } from '../../modules/users/users.table.ts';
import { writeAudit } from '../audit/audit.service.ts';
import type { Actor, Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import type { PiiCipher } from '../pii.ts';
import { assertNotReused, assertPasswordPolicy, burnPasswordCheck, hashPassword, nextHistory, verifyPassword } from './password.ts';
import { createSession, revokeSessions, setSessionStage, type SessionStage } from './sessions.ts';
import { checkTotp, newTotpSecret, totpEnrolment } from './totp.ts';

export interface LoginInput {
  username: string;
  password: string;
  totp?: string;
}

export interface ClientInfo {
  ip: string;
  userAgent: string;
  now: Date;
}

export async function loadActor(db: Db, user: UserRow, sessionId: string): Promise<Actor> {
  const [roleRows, scopeRows] = await Promise.all([rolesOfUsers(db, [user.id]), scopesOfUsers(db, [user.id])]);
  return actorOf(user, roleRows, scopeRows.map((s) => s.regionCode), sessionId);
}

/** The actor of a request, from its user, roles and scopes (without scopes: the user's region). */
export function actorOf(user: UserRow, roleRows: { code: string; permissions: string[] }[], scopes: string[], sessionId: string): Actor {
  const permissions = new Set<Permission>(roleRows.flatMap((r) => r.permissions as Permission[]));
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    regionCode: user.regionCode,
    roles: roleRows.map((r) => r.code),
    permissions,
    scopes: scopes.length ? scopes : [user.regionCode],
    isDemo: user.isDemo,
    sessionId,
  };
}

function requiresTotp(roleCodes: string[], user: UserRow): boolean {
  return !user.isDemo && roleCodes.some((c) => (TOTP_REQUIRED_ROLES as readonly string[]).includes(c));
}

export function stageFor(user: UserRow, roleCodes: string[]): SessionStage {
  if (user.mustChangePassword && !user.isDemo) return 'change_password';
  if (requiresTotp(roleCodes, user) && !user.totpEnabled) return 'enrol_totp';
  return 'full';
}

/**
 * Password (and TOTP) check with lockout: `maxFailures` wrong answers in a row lock the account
 * for `lockMinutes`. Every attempt lands in the login log; unknown usernames cost the same time.
 */
export async function login(db: Db, deps: { params: ParamsCache; pii: PiiCipher }, input: LoginInput, client: ClientInfo) {
  const log = (user: UserRow | undefined, result: Parameters<typeof recordLogin>[1]['result'], reason: string) =>
    recordLogin(db, { at: client.now, username: input.username.slice(0, 64), userId: user?.id, regionCode: user?.regionCode, ip: client.ip, userAgent: client.userAgent, result, reason });

  const user = await unscopedFindUserByUsername(db, input.username);
  if (!user) {
    await burnPasswordCheck(input.password);
    await log(undefined, 'failure', 'unknown_user');
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.status !== 'active') {
    await log(user, 'disabled', 'disabled');
    throw new AppError('ACCOUNT_DISABLED');
  }
  if (user.lockedUntil && user.lockedUntil > client.now) {
    await log(user, 'locked', 'locked');
    throw new AppError('ACCOUNT_LOCKED', { extra: { lockedUntil: user.lockedUntil.toISOString() } });
  }

  const fail = async (reason: string, code: 'INVALID_CREDENTIALS' | 'TOTP_INVALID') => {
    const max = await deps.params.int('security.login.maxFailures');
    const failures = user.failedLogins + 1;
    if (failures >= max) {
      const lockedUntil = new Date(client.now.getTime() + (await deps.params.int('security.login.lockMinutes')) * 60_000);
      await db.update(users).set({ failedLogins: 0, lockedUntil }).where(eq(users.id, user.id));
      await log(user, 'locked', `${reason}; locked after ${failures} failures`);
      throw new AppError('ACCOUNT_LOCKED', { extra: { lockedUntil: lockedUntil.toISOString() } });
    }
    await db.update(users).set({ failedLogins: failures }).where(eq(users.id, user.id));
    await log(user, 'failure', reason);
    throw new AppError(code, { extra: { remainingAttempts: max - failures } });
  };

  if (!(await verifyPassword(user.passwordHash, input.password))) return fail('bad_password', 'INVALID_CREDENTIALS');
  if (user.totpEnabled && user.totpSecretEnc) {
    if (!input.totp) {
      await log(user, 'totp_required', 'totp_required');
      throw new AppError('TOTP_REQUIRED');
    }
    if (!checkTotp(deps.pii.decrypt(user.totpSecretEnc), input.totp, client.now)) return fail('bad_totp', 'TOTP_INVALID');
  }

  const roleCodes = (await rolesOfUsers(db, [user.id])).map((r) => r.code);
  const stage = stageFor(user, roleCodes);
  await db.update(users).set({ failedLogins: 0, lockedUntil: null, lastLoginAt: client.now }).where(eq(users.id, user.id));
  const session = await createSession(db, {
    userId: user.id, now: client.now, ip: client.ip, userAgent: client.userAgent, stage,
    absoluteHours: await deps.params.int('security.session.absoluteHours'),
  });
  await log(user, 'success', '');
  return { ...session, stage, user };
}

export async function logout(db: Db, ctx: Ctx) {
  await revokeSessions(db, { id: ctx.actor.sessionId }, ctx.now, 'logout');
}

/** Changing the password also ends the forced-change stage of the current session. */
export async function changePassword(db: Db, ctx: Ctx, input: { oldPassword: string; newPassword: string }): Promise<SessionStage> {
  const user = await unscopedFindUser(db, ctx.actor.id);
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!(await verifyPassword(user.passwordHash, input.oldPassword))) {
    throw new AppError('VALIDATION', { errors: [{ path: 'oldPassword', message: 'validation.password.wrong' }] });
  }
  assertPasswordPolicy(input.newPassword);
  await assertNotReused(input.newPassword, user.passwordHash, user.passwordHistory);
  const passwordHash = await hashPassword(input.newPassword);
  const updated = { ...user, mustChangePassword: false };
  const stage = stageFor(updated, ctx.actor.roles);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordHistory: nextHistory(user.passwordHash, user.passwordHistory), mustChangePassword: false, passwordChangedAt: ctx.now, updatedAt: ctx.now, version: user.version + 1 })
      .where(eq(users.id, user.id));
    await setSessionStage(tx, ctx.actor.sessionId, stage);
    await writeAudit(tx, ctx, { action: 'change_password', entity: 'user', entityIds: [user.id], fields: ['password'], regionCode: user.regionCode });
  });
  return stage;
}

/** Starts TOTP enrolment: a fresh secret is kept (encrypted) until a code proves the app has it. */
export async function totpSetup(db: Db, pii: PiiCipher, ctx: Ctx) {
  const secret = newTotpSecret();
  await db.update(users).set({ totpSecretEnc: pii.encrypt(secret), totpEnabled: false }).where(eq(users.id, ctx.actor.id));
  return totpEnrolment(secret, ctx.actor.username);
}

export async function totpEnable(db: Db, pii: PiiCipher, ctx: Ctx, code: string): Promise<SessionStage> {
  const user = await unscopedFindUser(db, ctx.actor.id);
  if (!user?.totpSecretEnc || !checkTotp(pii.decrypt(user.totpSecretEnc), code, ctx.now)) {
    throw new AppError('VALIDATION', { errors: [{ path: 'code', message: 'validation.totp.code' }] });
  }
  const stage = stageFor({ ...user, totpEnabled: true }, ctx.actor.roles);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ totpEnabled: true, updatedAt: ctx.now }).where(eq(users.id, user.id));
    await setSessionStage(tx, ctx.actor.sessionId, stage);
    await writeAudit(tx, ctx, { action: 'enable_totp', entity: 'user', entityIds: [user.id], fields: ['totp'], regionCode: user.regionCode });
  });
  return stage;
}
