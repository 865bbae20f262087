import { and, isNotNull, lt, or, sql } from 'drizzle-orm';
import { exportAuditHead, type HeadLog } from './platform/audit/audit.head.ts';
import { pruneAuditLog } from './platform/audit/audit.retention.ts';
import { pruneIdempotencyKeys } from './platform/idempotency/idempotency.ts';
import { sessions } from './platform/auth/sessions.table.ts';
import type { Database, Db } from './db/client.ts';
import type { Job } from './platform/jobs.ts';
import type { ParamsCache } from './modules/params/params.service.ts';

const HOUR = 3_600_000;

/**
 * Refreshes the planner's statistics. PostgreSQL's autovacuum does this by itself; PGlite runs no
 * autovacuum, and without statistics the as-of statistics queries pick nested loops that take
 * minutes instead of about a second on the demo's register.
 */
export const refreshPlannerStatistics = (db: Db) => db.execute(sql`analyze`);

/** Where and how often the audit chain's head is exported (config.auditHeadFile, auditHeadEveryMs). */
export interface AuditHeadJob {
  file: string;
  everyMs: number;
  log: HeadLog;
}

/** The scheduled jobs of a server instance. */
export function serverJobs(params: ParamsCache, kind: Database['kind'], auditHead?: AuditHeadJob): Job[] {
  // Every instance exports the head to its own file (no lock between instances): each file then
  // holds every head its instance saw.
  const heads: Job[] = auditHead
    ? [
        {
          name: 'audit-head',
          lockKey: null,
          everyMs: auditHead.everyMs,
          run: (db, now) => exportAuditHead(db, { file: auditHead.file, now, log: auditHead.log }),
        },
      ]
    : [];
  const embedded: Job[] =
    kind === 'pglite'
      ? [{ name: 'planner-statistics', lockKey: 7461104, everyMs: 6 * HOUR, run: refreshPlannerStatistics }]
      : [];
  return [
    ...embedded,
    ...heads,
    {
      name: 'audit-retention',
      lockKey: 7461101,
      everyMs: HOUR,
      // The parameter is read through the job's transaction: on PGlite the outer handle waits for it.
      run: async (db, now) => pruneAuditLog(db, now, await params.int('audit.retentionDays', db)),
    },
    {
      name: 'session-cleanup',
      lockKey: 7461102,
      everyMs: HOUR,
      run: (db, now) => {
        const weekAgo = new Date(now.getTime() - 7 * 24 * HOUR);
        return db
          .delete(sessions)
          .where(
            or(lt(sessions.expiresAt, weekAgo), and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, weekAgo))),
          );
      },
    },
    {
      name: 'idempotency-key-cleanup',
      lockKey: 7461103,
      everyMs: HOUR,
      run: (db, now) => pruneIdempotencyKeys(db, now),
    },
  ];
}
