import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/sql.ts';
import { scopeWhere } from '../../platform/access.ts';
import { trainingRecords } from './development.table.ts';
import { workers } from './workers.table.ts';

/** A worker's trainings, the latest first. */
export function trainingsOf(db: Db, workerId: string) {
  return db.select().from(trainingRecords).where(eq(trainingRecords.workerId, workerId)).orderBy(desc(trainingRecords.startedOn), desc(trainingRecords.createdAt));
}

/** Training and supervision hours per calendar year (trainings by their last day, supervision by its day). */
export async function hoursByYear(db: Db, workerId: string) {
  return queryRows<{ year: number; training: number; supervision: number }>(
    db,
    sql`select year::int as year, sum(training)::float8 as training, sum(supervision)::float8 as supervision from (
          select extract(year from ended_on) as year, hours as training, 0 as supervision from training_records where worker_id = ${workerId}
          union all
          select extract(year from s.held_on), 0, s.hours from supervision_sessions s join supervision_supervisees p on p.session_id = s.id where p.worker_id = ${workerId}
        ) h group by year order by year desc`,
  );
}

/** A training is in scope when its worker is. */
export async function findTraining(db: Db, scopes: readonly string[], id: string) {
  const [row] = await db
    .select({ training: trainingRecords, regionCode: workers.regionCode })
    .from(trainingRecords)
    .innerJoin(workers, eq(workers.id, trainingRecords.workerId))
    .where(and(eq(trainingRecords.id, id), scopeWhere(workers.regionCode, scopes)))
    .limit(1);
  return row;
}
