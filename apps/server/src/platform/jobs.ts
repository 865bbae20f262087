import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { queryRows } from '../db/sql.ts';

export interface Job {
  name: string;
  /** A stable number for the advisory lock that keeps N instances from running the job twice; null: every instance runs it. */
  lockKey: number | null;
  everyMs: number;
  run(db: Db, now: Date): Promise<unknown>;
}

/**
 * Runs each job on its interval. The work happens inside a transaction holding a transaction-level
 * advisory lock, so with several app instances exactly one runs it each time.
 */
export function startJobs(db: Db, jobs: Job[], clock: { now(): Date }, log: { error(o: object, m: string): void }) {
  const timers = jobs.map((job) =>
    setInterval(async () => {
      try {
        const lockKey = job.lockKey;
        if (lockKey === null) {
          await job.run(db, clock.now());
          return;
        }
        await db.transaction(async (tx) => {
          const [row] = await queryRows<{ got: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${lockKey}) as got`);
          if (row?.got) await job.run(tx, clock.now());
        });
      } catch (err) {
        log.error({ err, job: job.name }, 'scheduled job failed');
      }
    }, job.everyMs).unref(),
  );
  return () => timers.forEach(clearInterval);
}
