import crypto from 'node:crypto';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { Db } from '../../db/client.ts';
import { users } from '../../modules/users/users.table.ts';
import type { PiiCipher } from '../pii.ts';

const ISSUER = '连心 Lianxin';
const PERIOD = 30;
/** How long a started setup may wait for the code that proves it. */
const SETUP_TTL_MS = 10 * 60_000;

export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

function totpFor(secret: string, label: string) {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

export async function totpEnrolment(secret: string, username: string) {
  const uri = totpFor(secret, username).toString();
  return { secret, uri, qrDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 200 }) };
}

/**
 * The 30-second step a code belongs to, accepting the current step and one on either side (clock
 * drift); null for a wrong code. Callers claim the step with `claimTotpStep` so a code counts once.
 */
export function totpStep(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secret, '').validate({ token: code, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : Math.floor(now.getTime() / 1000 / PERIOD) + delta;
}

/** Records `step` as the user's last accepted code; false when that step or a later one was already used. */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const rows = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return rows.length === 1;
}

export function currentTotp(secret: string, now: Date): string {
  return totpFor(secret, '').generate({ timestamp: now.getTime() });
}

/**
 * A started setup is only a pending secret: it travels to the client sealed (SM4 + HMAC-SM3 with
 * the data key), bound to the user, the session, the secret in force when it began and an expiry.
 * The enabled secret stays in the database, and in force, until a code proves the new one.
 */
export interface PendingTotp {
  userId: string;
  sessionId: string;
  secret: string;
  /** Fingerprint of the stored secret at setup: the setup is void once that secret changes. */
  previous: string;
  expiresAt: number;
}

export const secretFingerprint = (stored: string | null) =>
  crypto
    .createHash('sha256')
    .update(stored ?? '')
    .digest('hex');

export function sealPendingTotp(pii: PiiCipher, p: Omit<PendingTotp, 'expiresAt'>, now: Date): string {
  return pii.encrypt(JSON.stringify({ kind: 'totp-setup', ...p, expiresAt: now.getTime() + SETUP_TTL_MS }));
}

/** The pending setup in a token, or null when it was not made by us, for this session, or has expired. */
export function openPendingTotp(
  pii: PiiCipher,
  token: string,
  want: { userId: string; sessionId: string; now: Date },
): PendingTotp | null {
  let p: PendingTotp & { kind?: string };
  try {
    p = JSON.parse(pii.decrypt(token));
  } catch {
    return null;
  }
  if (
    p.kind !== 'totp-setup' ||
    p.userId !== want.userId ||
    p.sessionId !== want.sessionId ||
    !(p.expiresAt > want.now.getTime())
  )
    return null;
  return p;
}
