import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { ParamsCache } from '../../modules/params/params.service.ts';
import { unscopedFindUser, type UserRow } from '../../modules/users/users.repo.ts';
import { users } from '../../modules/users/users.table.ts';
import { writeAudit } from '../audit/audit.service.ts';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import type { PiiCipher } from '../pii.ts';
import { confirmOwnPassword, ownFailure, requiresTotp, stageFor } from './auth.service.ts';
import { setSessionStage, type SessionStage } from './sessions.ts';
import {
  claimTotpStep,
  newTotpSecret,
  openPendingTotp,
  sealPendingTotp,
  secretFingerprint,
  totpEnrolment,
  totpStep,
} from './totp.ts';

interface Deps {
  params: ParamsCache;
  pii: PiiCipher;
}

/** Who proves the factor in force: the password and a current code, the code taken once. */
export interface TotpProof {
  password?: string;
  code?: string;
}

async function currentUser(db: Db, ctx: Ctx): Promise<UserRow> {
  const user = await unscopedFindUser(db, ctx.actor.id);
  if (!user) throw new AppError('UNAUTHENTICATED');
  return user;
}

const hasTotp = (user: UserRow): user is UserRow & { totpSecretEnc: string } =>
  user.totpEnabled && !!user.totpSecretEnc;

/** Replacing or removing an enabled second factor needs the password and a current code. */
async function proveTotp(db: Db, deps: Deps, ctx: Ctx, user: UserRow & { totpSecretEnc: string }, proof: TotpProof) {
  const missing = (['password', 'code'] as const).filter((k) => !proof[k]);
  if (missing.length)
    throw new AppError('VALIDATION', { errors: missing.map((path) => ({ path, message: 'validation.totp.confirm' })) });
  await confirmOwnPassword(db, deps.params, ctx, user, proof.password!, 'password');
  const step = totpStep(deps.pii.decrypt(user.totpSecretEnc), proof.code!, ctx.now);
  if (step === null || !(await claimTotpStep(db, user.id, step))) {
    await ownFailure(db, deps.params, ctx, user, step === null ? 'bad_totp:code' : 'totp_replayed:code');
    throw new AppError('VALIDATION', { errors: [{ path: 'code', message: 'validation.totp.code' }] });
  }
}

/**
 * Starts TOTP enrolment. Nothing is stored: the new secret comes back with a sealed setup token,
 * and any enabled secret stays in force until `totpEnable` proves the new one. When a second
 * factor is already enabled, starting over needs the password and a current code.
 */
export async function totpSetup(db: Db, deps: Deps, ctx: Ctx, proof: TotpProof = {}) {
  const user = await currentUser(db, ctx);
  if (hasTotp(user)) await proveTotp(db, deps, ctx, user, proof);
  const secret = newTotpSecret();
  const setupToken = sealPendingTotp(
    deps.pii,
    { userId: user.id, sessionId: ctx.actor.sessionId, secret, previous: secretFingerprint(user.totpSecretEnc) },
    ctx.now,
  );
  return { ...(await totpEnrolment(secret, ctx.actor.username)), setupToken };
}

/**
 * Enables the pending secret once a code of it proves the app has it. The code's step is stored
 * as used (login will not take it again), and the setup is void once the stored secret changes,
 * so a setup token cannot be played twice.
 */
export async function totpEnable(
  db: Db,
  deps: Deps,
  ctx: Ctx,
  input: { code: string; setupToken: string },
): Promise<SessionStage> {
  const user = await currentUser(db, ctx);
  const pending = openPendingTotp(deps.pii, input.setupToken, {
    userId: user.id,
    sessionId: ctx.actor.sessionId,
    now: ctx.now,
  });
  if (!pending || pending.previous !== secretFingerprint(user.totpSecretEnc)) {
    throw new AppError('VALIDATION', { errors: [{ path: 'setupToken', message: 'validation.totp.setupExpired' }] });
  }
  const step = totpStep(pending.secret, input.code, ctx.now);
  if (step === null) throw new AppError('VALIDATION', { errors: [{ path: 'code', message: 'validation.totp.code' }] });
  const stage = stageFor({ ...user, totpEnabled: true }, ctx.actor.permissions);
  await db.transaction(async (tx) => {
    const done = await tx
      .update(users)
      .set({
        totpSecretEnc: deps.pii.encrypt(pending.secret),
        totpEnabled: true,
        totpLastStep: step,
        updatedAt: ctx.now,
      })
      .where(
        and(
          eq(users.id, user.id),
          user.totpSecretEnc === null ? isNull(users.totpSecretEnc) : eq(users.totpSecretEnc, user.totpSecretEnc),
        ),
      )
      .returning({ id: users.id });
    if (!done.length)
      throw new AppError('VALIDATION', { errors: [{ path: 'setupToken', message: 'validation.totp.setupExpired' }] });
    await setSessionStage(tx, ctx.actor.sessionId, stage);
    await writeAudit(tx, ctx, {
      action: 'enable_totp',
      entity: 'user',
      entityIds: [user.id],
      fields: ['totp'],
      regionCode: user.regionCode,
      detail: { replaced: hasTotp(user) },
    });
  });
  return stage;
}

/** Removes the second factor of an account whose roles do not require one; needs the password and a current code. */
export async function totpDisable(db: Db, deps: Deps, ctx: Ctx, proof: TotpProof) {
  const user = await currentUser(db, ctx);
  if (!hasTotp(user)) throw new AppError('CONFLICT');
  if (requiresTotp(user, ctx.actor.permissions)) throw new AppError('FORBIDDEN');
  await proveTotp(db, deps, ctx, user, proof);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ totpEnabled: false, totpSecretEnc: null, updatedAt: ctx.now })
      .where(eq(users.id, user.id));
    await writeAudit(tx, ctx, {
      action: 'disable_totp',
      entity: 'user',
      entityIds: [user.id],
      fields: ['totp'],
      regionCode: user.regionCode,
    });
  });
}
