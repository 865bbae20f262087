import crypto from 'node:crypto';
import type { Db } from '../../db/client.ts';

/** The keys of one audit chain, all derived from the audit key, which never goes to the database. */
export interface AuditKeys {
  /** HMAC-SM3 key of each row's hash. */
  chain: Buffer;
  /** HMAC-SM3 key of the chain heads exported outside the database. */
  head: Buffer;
  /** HMAC-SM3 key of the retention checkpoints (where the chain restarts after old days went). */
  checkpoint: Buffer;
  /** The value the retention job sets for its own transaction to delete; the trigger knows only its SHA-256. */
  maintenance: string;
}

export class AuditKeyError extends Error {}

export function auditKeys(key: Buffer): AuditKeys {
  if (key.length !== 32) throw new AuditKeyError('The audit key must be 32 bytes (64 hex characters)');
  const sub = (label: string) => crypto.createHmac('sm3', key).update(label).digest();
  return {
    chain: Buffer.from(key),
    head: sub('lianxin/audit-head/v1'),
    checkpoint: sub('lianxin/audit-checkpoint/v1'),
    maintenance: sub('lianxin/audit-maintenance/v1').toString('hex'),
  };
}

/**
 * The audit keys of each database handle, found from the handle or any of its transactions.
 * writeAudit(tx, ctx, entry) gets only the transaction, so the key is bound once to the drizzle
 * instance at start-up (openRuntime, buildApp): every transaction drizzle opens on it shares the
 * instance's dialect object, which is the WeakMap's key. Two apps in one process on two databases
 * thus never mix keys, and a handle with no key bound refuses to write rather than fall back to an
 * unkeyed hash.
 */
const bound = new WeakMap<object, AuditKeys>();

function identity(db: Db): object {
  const dialect = (db as unknown as { dialect?: object }).dialect;
  if (!dialect || typeof dialect !== 'object') throw new AuditKeyError('Not a drizzle database handle');
  return dialect;
}

export function bindAuditKey(db: Db, key: Buffer): void {
  const keys = auditKeys(key);
  const current = bound.get(identity(db));
  if (current && !current.chain.equals(keys.chain))
    throw new AuditKeyError('This database handle already has another audit key');
  bound.set(identity(db), keys);
}

export function auditKeysOf(db: Db): AuditKeys {
  const keys = bound.get(identity(db));
  if (!keys) throw new AuditKeyError('No audit key is bound to this database handle (bindAuditKey at start-up)');
  return keys;
}

export function hmacSm3Hex(key: Buffer, ...parts: string[]): string {
  const h = crypto.createHmac('sm3', key);
  for (const p of parts) h.update(p);
  return h.digest('hex');
}

/** Constant-time comparison of two hex strings of any length. */
export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** A retention checkpoint's keyed MAC: only the retention job, holding the key, can move the chain's start. */
export function checkpointMac(
  keys: AuditKeys,
  cp: { at: Date; firstSeq: number; prevHash: string; deletedBefore: Date; deletedRows: number },
): string {
  return hmacSm3Hex(
    keys.checkpoint,
    JSON.stringify([cp.at.toISOString(), cp.firstSeq, cp.prevHash, cp.deletedBefore.toISOString(), cp.deletedRows]),
  );
}
