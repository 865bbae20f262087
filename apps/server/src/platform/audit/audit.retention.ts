import { and, asc, count, gte, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { enterAuditMaintenance } from './audit.guard.ts';
import { auditKeysOf, checkpointMac } from './audit.keys.ts';
import { auditCheckpoints, auditLog } from './audit.table.ts';

export const MIN_RETENTION_DAYS = 184;
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** Midnight in Asia/Shanghai, `days` days before `now`: deletions only ever remove whole days. */
export function retentionCutoff(now: Date, days: number): Date {
  const local = now.getTime() + SHANGHAI_OFFSET_MS;
  const midnight = Math.floor(local / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
  return new Date(midnight - Math.max(days, MIN_RETENTION_DAYS) * DAY_MS);
}

/**
 * Deletes audit rows older than the retention period and records a checkpoint: the first row
 * kept and the hash it chains from, so `verifyAuditChain` still checks everything that remains.
 * The deletion needs the server's maintenance secret (audit.guard.ts) and the checkpoint carries
 * the audit key's MAC: nobody else can remove rows or move the chain's start.
 */
export async function pruneAuditLog(db: Db, now: Date, days: number): Promise<{ deleted: number; cutoff: Date }> {
  const cutoff = retentionCutoff(now, days);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(7461002)`);
    const [first] = await tx
      .select()
      .from(auditLog)
      .where(gte(auditLog.at, cutoff))
      .orderBy(asc(auditLog.seq))
      .limit(1);
    const [{ n }] = await tx
      .select({ n: count() })
      .from(auditLog)
      .where(and(lt(auditLog.at, cutoff), first ? lt(auditLog.seq, first.seq) : undefined));
    // Keep at least one row: the chain's tail is where the next append links to.
    if (n === 0 || !first) return { deleted: 0, cutoff };
    await enterAuditMaintenance(tx);
    await tx.delete(auditLog).where(lt(auditLog.seq, first.seq));
    const checkpoint = {
      at: now,
      firstSeq: first.seq,
      prevHash: first.prevHash,
      deletedBefore: cutoff,
      deletedRows: n,
    };
    await tx.insert(auditCheckpoints).values({ ...checkpoint, mac: checkpointMac(auditKeysOf(tx), checkpoint) });
    return { deleted: n, cutoff };
  });
}
