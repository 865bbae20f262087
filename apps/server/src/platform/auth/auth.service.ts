import { totpRequiredFor, type Permission } from '@lianxin/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { recordLogin, type LoginResult } from '../../modules/logs/logs.repo.ts';
import type { ParamsCache } from '../../modules/params/params.service.ts';
import {
  rolesOfUsers,
  scopesOfUsers,
  unscopedFindUser,
  unscopedFindUserByUsername,
  type UserRow,
} from '../../modules/users/users.repo.ts';
import { users } from '../../modules/users/users.table.ts';
import { writeAudit } from '../audit/audit.service.ts';
import type { Actor, Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import type { PiiCipher } from '../pii.ts';
import { clearFailures, lockedUntil, recordFailure } from './lockout.ts';
import {
  assertNotReused,
  assertPasswordPolicy,
  burnPasswordCheck,
  hashPassword,
  nextHistory,
  verifyPassword,
} from './password.ts';
import { createSession, revokeSessions, setSessionStage, type SessionStage } from './sessions.ts';
import { claimTotpStep, totpStep } from './totp.ts';

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
  return actorOf(
    user,
    roleRows,
    scopeRows.map((s) => s.regionCode),
    sessionId,
  );
}

/** The actor of a request, from its user, roles and scopes (without scopes: the user's region). */
export function actorOf(
  user: UserRow,
  roleRows: { code: string; permissions: string[] }[],
  scopes: string[],
  sessionId: string,
): Actor {
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

/** Whether this account must use TOTP: decided by what its roles allow; demo accounts never. */
export function requiresTotp(user: Pick<UserRow, 'isDemo'>, permissions: Iterable<string>): boolean {
  return !user.isDemo && totpRequiredFor(permissions);
}

export function stageFor(user: UserRow, permissions: Iterable<string>): SessionStage {
  if (user.mustChangePassword && !user.isDemo) return 'change_password';
  if (requiresTotp(user, permissions) && !user.totpEnabled) return 'enrol_totp';
  return 'full';
}

const lockedError = (until: Date) => new AppError('ACCOUNT_LOCKED', { extra: { lockedUntil: until.toISOString() } });

/**
 * Password (and TOTP) check with lockout. Before a correct password every refusal is the same
 * INVALID_CREDENTIALS at the same cost (an unknown user is checked against a dummy hash), whether
 * the account is unknown, disabled or locked; only a correct password learns "locked" or
 * "disabled". Every attempt lands in the login log with its true reason.
 */
export async function login(
  db: Db,
  deps: { params: ParamsCache; pii: PiiCipher },
  input: LoginInput,
  client: ClientInfo,
) {
  const log = (user: UserRow | undefined, result: LoginResult, reason: string) =>
    recordLogin(db, {
      at: client.now,
      username: input.username.slice(0, 64),
      userId: user?.id,
      regionCode: user?.regionCode,
      ip: client.ip,
      userAgent: client.userAgent,
      result,
      reason,
    });

  const user = await unscopedFindUserByUsername(db, input.username);
  if (!user) {
    await burnPasswordCheck(input.password);
    await log(undefined, 'failure', 'unknown_user');
    throw new AppError('INVALID_CREDENTIALS');
  }
  const passwordOk = await verifyPassword(user.passwordHash, input.password);
  if (!passwordOk) {
    // Counted for a disabled account too: the same work, whatever the state of the account.
    const failed = await recordFailure(db, deps.params, user.id, client.ip, client.now);
    const state =
      user.status !== 'active'
        ? '; disabled'
        : !failed.counted
          ? '; while locked'
          : failed.lockedUntil
            ? '; now locked'
            : '';
    await log(
      user,
      user.status !== 'active' ? 'disabled' : failed.lockedUntil ? 'locked' : 'failure',
      `bad_password${state}`,
    );
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.status !== 'active') {
    await log(user, 'disabled', 'disabled');
    throw new AppError('ACCOUNT_DISABLED');
  }
  const locked = await lockedUntil(db, user.id, client.ip, client.now);
  if (locked) {
    await log(user, 'locked', 'locked');
    throw lockedError(locked);
  }

  if (user.totpEnabled && user.totpSecretEnc) {
    if (!input.totp) {
      await log(user, 'totp_required', 'totp_required');
      throw new AppError('TOTP_REQUIRED');
    }
    const step = totpStep(deps.pii.decrypt(user.totpSecretEnc), input.totp, client.now);
    const reason = step === null ? 'bad_totp' : (await claimTotpStep(db, user.id, step)) ? null : 'totp_replayed';
    if (reason) {
      const failed = await recordFailure(db, deps.params, user.id, client.ip, client.now);
      await log(user, failed.lockedUntil ? 'locked' : 'failure', reason);
      if (failed.lockedUntil) throw lockedError(failed.lockedUntil);
      throw new AppError('TOTP_INVALID');
    }
  }

  const permissions = (await rolesOfUsers(db, [user.id])).flatMap((r) => r.permissions);
  const stage = stageFor(user, permissions);
  await clearFailures(db, user.id, client.ip);
  await db.update(users).set({ lastLoginAt: client.now }).where(eq(users.id, user.id));
  const session = await createSession(db, {
    userId: user.id,
    now: client.now,
    ip: client.ip,
    userAgent: client.userAgent,
    stage,
    absoluteHours: await deps.params.int('security.session.absoluteHours'),
  });
  await log(user, 'success', '');
  return { ...session, stage, user };
}

export async function logout(db: Db, ctx: Ctx) {
  await revokeSessions(db, { id: ctx.actor.sessionId }, ctx.now, 'logout');
}

/**
 * The signed-in user proves their password again (to change it or their second factor). Wrong
 * answers count toward the same lockout as logins from this address, and a locked account's
 * session cannot keep guessing.
 */
export async function confirmOwnPassword(
  db: Db,
  params: ParamsCache,
  ctx: Ctx,
  user: UserRow,
  password: string,
  path: string,
): Promise<void> {
  const locked = await lockedUntil(db, user.id, ctx.ip, ctx.now);
  if (locked) throw lockedError(locked);
  if (await verifyPassword(user.passwordHash, password)) return;
  await ownFailure(db, params, ctx, user, `bad_password:${path}`);
  throw new AppError('VALIDATION', { errors: [{ path, message: 'validation.password.wrong' }] });
}

/** Counts a wrong answer of a signed-in user (password or code) toward the lockout, logged like a login. */
export async function ownFailure(db: Db, params: ParamsCache, ctx: Ctx, user: UserRow, reason: string): Promise<void> {
  const failed = await recordFailure(db, params, user.id, ctx.ip, ctx.now);
  await recordLogin(db, {
    at: ctx.now,
    username: user.username,
    userId: user.id,
    regionCode: user.regionCode,
    ip: ctx.ip,
    userAgent: '',
    result: failed.lockedUntil ? 'locked' : 'failure',
    reason,
  });
  if (failed.lockedUntil) throw lockedError(failed.lockedUntil);
}

/**
 * Changing the password ends the forced-change stage of the current session, every other session
 * of the user, and the notice of an administrator's reset.
 */
export async function changePassword(
  db: Db,
  params: ParamsCache,
  ctx: Ctx,
  input: { oldPassword: string; newPassword: string },
): Promise<SessionStage> {
  const user = await unscopedFindUser(db, ctx.actor.id);
  if (!user) throw new AppError('UNAUTHENTICATED');
  await confirmOwnPassword(db, params, ctx, user, input.oldPassword, 'oldPassword');
  assertPasswordPolicy(input.newPassword);
  await assertNotReused(input.newPassword, user.passwordHash, user.passwordHistory);
  const passwordHash = await hashPassword(input.newPassword);
  const stage = stageFor({ ...user, mustChangePassword: false }, ctx.actor.permissions);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({
        passwordHash,
        passwordHistory: nextHistory(user.passwordHash, user.passwordHistory),
        mustChangePassword: false,
        passwordChangedAt: ctx.now,
        passwordResetAt: null,
        updatedAt: ctx.now,
        version: user.version + 1,
      })
      .where(eq(users.id, user.id));
    await setSessionStage(tx, ctx.actor.sessionId, stage);
    await revokeSessions(tx, { userId: user.id, exceptId: ctx.actor.sessionId }, ctx.now, 'password_changed');
    await writeAudit(tx, ctx, {
      action: 'change_password',
      entity: 'user',
      entityIds: [user.id],
      fields: ['password'],
      regionCode: user.regionCode,
    });
  });
  return stage;
}
