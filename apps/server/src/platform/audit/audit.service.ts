import crypto from 'node:crypto';
import { asc, desc, gt, sql } from 'drizzle-orm';
import { type BulkColumn, bulkInsert } from '../../db/bulk.ts';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../context.ts';
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
  return Object.entries(input).filter(([, v]) => v != null).map(([k]) => k);
}

export const GENESIS_HASH = '0'.repeat(64);
const CHAIN_LOCK = 7461002;

type AuditRow = typeof auditLog.$inferSelect;

/** JSON with object keys sorted: jsonb does not keep key order, so the hash must not depend on it. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]]))
      : v,
  );
}

export function rowHash(prevHash: string, r: Omit<AuditRow, 'seq' | 'hash' | 'prevHash' | 'chain'>): string {
  const content = canonicalJson([
    r.at.toISOString(), r.actorId, r.actorName, r.ip, r.action, r.entity, r.entityIds, r.fields,
    r.regionCode, r.detail ?? null, r.requestId,
  ]);
  return crypto.createHash('sha256').update(prevHash).update(content).digest('hex');
}

/**
 * Writes one audit row inside the caller's transaction. The transaction-scoped advisory lock
 * serialises chain appends, so two concurrent writers never link to the same previous row.
 */
export async function writeAudit(tx: Db, ctx: Ctx, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  let prevHash = last?.hash;
  if (!prevHash) {
    const [cp] = await tx.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.seq)).limit(1);
    prevHash = cp?.prevHash ?? GENESIS_HASH;
  }
  const row = {
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
  await tx.insert(auditLog).values({ ...row, prevHash, hash: rowHash(prevHash, row) });
}

/**
 * Many audit rows in one statement (a bulk import writes one per person): the chain is locked
 * once, each row's hash is computed here from the one before, and the rows go in with one insert.
 */
export async function writeAudits(tx: Db, ctx: Ctx, entries: readonly AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${CHAIN_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1);
  let prevHash = last?.hash;
  if (!prevHash) {
    const [cp] = await tx.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.seq)).limit(1);
    prevHash = cp?.prevHash ?? GENESIS_HASH;
  }
  const rows: unknown[][] = [];
  for (const entry of entries) {
    const row = {
      at: ctx.now, actorId: ctx.actor.id, actorName: ctx.actor.username, ip: ctx.ip, action: entry.action, entity: entry.entity,
      entityIds: entry.entityIds ?? [], fields: entry.fields ?? [], regionCode: entry.regionCode ?? null, detail: entry.detail ?? null, requestId: ctx.requestId,
    };
    const hash = rowHash(prevHash, row);
    rows.push([row.at, row.actorId, row.actorName, row.ip, row.action, row.entity, row.entityIds, row.fields, row.regionCode, row.detail, row.requestId, prevHash, hash]);
    prevHash = hash;
  }
  // seq is a bigserial: one statement's rows are numbered in the order unnest yields them.
  await bulkInsert(tx, 'audit_log', AUDIT_COLUMNS, rows, { chunk: rows.length, ordered: true });
}

const AUDIT_COLUMNS: BulkColumn[] = [
  ['at', 'timestamptz'], ['actor_id', 'uuid'], ['actor_name', 'text'], ['ip', 'text'], ['action', 'text'], ['entity', 'text'], ['entity_ids', 'text[]'],
  ['fields', 'text[]'], ['region_code', 'text'], ['detail', 'jsonb'], ['request_id', 'text'], ['prev_hash', 'text'], ['hash', 'text'],
];

export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The first row whose link is broken: its seq, and why. */
  brokenAt?: { seq: number; reason: 'prev_hash' | 'content' };
}

/** Walks the chain from the latest checkpoint (or the genesis) in pages. */
export async function verifyAuditChain(db: Db, pageSize = 5000): Promise<ChainReport> {
  const [cp] = await db.select().from(auditCheckpoints).orderBy(desc(auditCheckpoints.seq)).limit(1);
  let expectPrev = cp?.prevHash ?? GENESIS_HASH;
  let after = cp ? cp.firstSeq - 1 : 0;
  let checked = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(pageSize);
    for (const r of page) {
      if (r.prevHash !== expectPrev) return { ok: false, checked, brokenAt: { seq: r.seq, reason: 'prev_hash' } };
      if (rowHash(r.prevHash, r) !== r.hash) return { ok: false, checked, brokenAt: { seq: r.seq, reason: 'content' } };
      expectPrev = r.hash;
      checked++;
    }
    if (page.length < pageSize) return { ok: true, checked };
    after = page[page.length - 1].seq;
  }
}
