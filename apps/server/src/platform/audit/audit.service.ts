import crypto from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import { type BulkColumn, bulkInsert } from '../../db/bulk.ts';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../context.ts';
import { headInChain, readLastHead } from './audit.head.ts';
import { auditKeysOf, checkpointMac, hmacSm3Hex, sameHex } from './audit.keys.ts';
import { auditCheckpoints, auditLog } from './audit.table.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityIds?: string[];
  /** Names of the fields changed or read — never their values when they are personal data. */
  fields?: string[];
  regionCode?: string | null;
  detail?: Record<string, unknown>;
}

/** The names of the fields a create request filled in: what its audit row lists. */
export function filledFields(input: object): string[] {
  return Object.entries(input)
    .filter(([, v]) => v != null)
    .map(([k]) => k);
}

export const GENESIS_HASH = '0'.repeat(64);
const CHAIN_LOCK = 7461002;

/** How a row's hash was made: keyed (every row written now) or plain SHA-256 (rows written before the key). */
export type ChainKind = 'hmac-sm3' | 'sha256';

type AuditRow = typeof auditLog.$inferSelect;
type AuditContent = Omit<AuditRow, 'seq' | 'hash' | 'prevHash' | 'chain'>;

/** JSON with object keys sorted: jsonb does not keep key order, so the hash must not depend on it. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  );
}

function rowContent(r: AuditContent): string {
  return canonicalJson([
    r.at.toISOString(),
    r.actorId,
    r.actorName,
    r.ip,
    r.action,
    r.entity,
    r.entityIds,
    r.fields,
    r.regionCode,
    r.detail ?? null,
    r.requestId,
  ]);
}

/** The plain SHA-256 link of the rows written before the chain was keyed; verification only. */
export function rowHash(prevHash: string, r: AuditContent): string {
  return crypto.createHash('sha256').update(prevHash).update(rowContent(r)).digest('hex');
}

/** The keyed link: HMAC-SM3 under the audit key of the previous hash and the row's content. */
export function rowMac(key: Buffer, prevHash: string, r: AuditContent): string {
  return hmacSm3Hex(key, prevHash, rowContent(r));
}

/** Locks the chain for this transaction and returns the hash the next row links to. */
async function lockChainTail(tx: Db): Promise<string> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  if (last) return last.hash;
  const [cp] = await tx.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.seq)).limit(1);
  return cp?.prevHash ?? GENESIS_HASH;
}

function contentOf(ctx: Ctx, entry: AuditEntry): AuditContent {
  return {
    at: ctx.now,
    actorId: ctx.actor.id,
    actorName: ctx.actor.username,
    ip: ctx.ip,
    action: entry.action,
    entity: entry.entity,
    entityIds: entry.entityIds ?? [],
    fields: entry.fields ?? [],
    regionCode: entry.regionCode ?? null,
    detail: entry.detail ?? null,
    requestId: ctx.requestId,
  };
}

/**
 * Writes one audit row inside the caller's transaction. The transaction-scoped advisory lock
 * serialises chain appends, so two concurrent writers never link to the same previous row. The
 * row's hash is keyed with the audit key bound to the database handle at start-up (audit.keys.ts).
 */
export async function writeAudit(tx: Db, ctx: Ctx, entry: AuditEntry): Promise<void> {
  const { chain: key } = auditKeysOf(tx);
  const prevHash = await lockChainTail(tx);
  const row = contentOf(ctx, entry);
  await tx.insert(auditLog).values({ ...row, prevHash, hash: rowMac(key, prevHash, row), chain: 'hmac-sm3' });
}

/**
 * Many audit rows in one statement (a bulk import writes one per person): the chain is locked
 * once, each row's hash is computed here from the one before, and the rows go in with one insert.
 */
export async function writeAudits(tx: Db, ctx: Ctx, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  const { chain: key } = auditKeysOf(tx);
  let prevHash = await lockChainTail(tx);
  const rows: unknown[][] = [];
  for (const entry of entries) {
    const row = contentOf(ctx, entry);
    const hash = rowMac(key, prevHash, row);
    rows.push([
      row.at,
      row.actorId,
      row.actorName,
      row.ip,
      row.action,
      row.entity,
      row.entityIds,
      row.fields,
      row.regionCode,
      row.detail,
      row.requestId,
      prevHash,
      hash,
      'hmac-sm3',
    ]);
    prevHash = hash;
  }
  // seq is a bigserial: one statement's rows are numbered in the order unnest yields them.
  await bulkInsert(tx, 'audit_log', AUDIT_COLUMNS, rows, { chunk: rows.length, ordered: true });
}

const AUDIT_COLUMNS: BulkColumn[] = [
  ['at', 'timestamptz'],
  ['actor_id', 'uuid'],
  ['actor_name', 'text'],
  ['ip', 'text'],
  ['action', 'text'],
  ['entity', 'text'],
  ['entity_ids', 'text[]'],
  ['fields', 'text[]'],
  ['region_code', 'text'],
  ['detail', 'jsonb'],
  ['request_id', 'text'],
  ['prev_hash', 'text'],
  ['hash', 'text'],
  ['chain', 'text'],
];

/** Why verification stopped at a row (or at the exported head). */
export type BrokenReason =
  /** The row does not link to the one before it (a row was deleted or inserted in between). */
  | 'prev_hash'
  /** The row's content does not match its hash (it was altered). */
  | 'content'
  /** A plain SHA-256 row after keyed rows: someone rewrote it without the key. */
  | 'downgrade'
  /** The retention checkpoint the chain starts from was not made with the audit key. */
  | 'checkpoint'
  /** The last exported head's row is gone: the newest rows were deleted. */
  | 'tail_missing'
  /** The last exported head's row has another hash than was exported. */
  | 'head_mismatch'
  /** The last line of the head file is not one the product wrote (its HMAC does not match). */
  | 'head_forged';

export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The first row whose link is broken: its seq, and why. */
  brokenAt?: { seq: number; reason: BrokenReason };
  /** The last head exported outside the database that the chain was compared against, if any. */
  head?: { seq: number; at: string };
}

export interface VerifyOptions {
  /** The file the chain heads are exported to (config.auditHeadFile); without it only the chain is walked. */
  headFile?: string;
  pageSize?: number;
}

/**
 * Walks the chain from the latest checkpoint (or the genesis) in pages, then compares the chain with
 * the last head exported outside the database. Plain SHA-256 rows are accepted only before the first
 * keyed row; a checkpoint without a MAC only where the chain still starts with plain rows.
 */
export async function verifyAuditChain(db: Db, opts: VerifyOptions = {}): Promise<ChainReport> {
  const keys = auditKeysOf(db);
  const pageSize = opts.pageSize ?? 5000;
  const [cp] = await db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.seq)).limit(1);
  if (cp?.mac != null && !sameHex(cp.mac, checkpointMac(keys, cp)))
    return { ok: false, checked: 0, brokenAt: { seq: cp.firstSeq, reason: 'checkpoint' } };
  const legacyCheckpoint = !!cp && cp.mac == null;
  let expectPrev = cp?.prevHash ?? GENESIS_HASH;
  let after = cp ? cp.firstSeq - 1 : 0;
  let checked = 0;
  let keyed = false;
  for (;;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, after))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize);
    for (const r of page) {
      const broken = (reason: BrokenReason): ChainReport => ({ ok: false, checked, brokenAt: { seq: r.seq, reason } });
      if (checked === 0 && legacyCheckpoint && r.chain !== 'sha256') return broken('checkpoint');
      if (r.prevHash !== expectPrev) return broken('prev_hash');
      if (r.chain === 'hmac-sm3') {
        keyed = true;
        if (!sameHex(rowMac(keys.chain, r.prevHash, r), r.hash)) return broken('content');
      } else if (r.chain === 'sha256') {
        if (keyed) return broken('downgrade');
        if (rowHash(r.prevHash, r) !== r.hash) return broken('content');
      } else {
        return broken('content');
      }
      expectPrev = r.hash;
      checked++;
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1].seq;
  }
  if (!opts.headFile) return { ok: true, checked };
  const head = readLastHead(opts.headFile, keys);
  if (!head) return { ok: true, checked };
  if (!head.valid) return { ok: false, checked, brokenAt: { seq: head.seq, reason: 'head_forged' } };
  const found = await headInChain(db, head);
  const report: ChainReport = { ok: found === 'ok', checked, head: { seq: head.seq, at: head.at } };
  if (found !== 'ok') report.brokenAt = { seq: head.seq, reason: found };
  return report;
}
