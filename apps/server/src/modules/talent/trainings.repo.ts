import { and, asc, count, desc, eq, getTableColumns, gte, ilike, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { containsPattern, queryRows } from '../../db/sql.ts';
import { scopeWhere } from '../../platform/access.ts';
import { trainingRecords } from './development.table.ts';
import { workers } from './workers.table.ts';

/** A worker's trainings, the latest first. */
export function trainingsOf(db: Db, workerId: string) {
  return db
    .select()
    .from(trainingRecords)
    .where(eq(trainingRecords.workerId, workerId))
    .orderBy(desc(trainingRecords.startedOn), desc(trainingRecords.createdAt));
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

export interface TrainingFilter {
  /** The worker's region and below. */
  regionCode?: string;
  /** Part of the worker's name. */
  workerName?: string;
  /** The year whose continuing-education hours the course counts toward: the year of its last day. */
  year?: number;
  provider?: string;
  course?: string;
  /** Courses that ran on some day from `from` to `to` (inclusive). */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export type TrainingListRow = typeof trainingRecords.$inferSelect & { workerName: string; workerRegionCode: string };

/** 培训记录台账: the trainings of the workers in scope, the latest first. */
export async function listTrainingRecords(
  db: Db,
  scopes: readonly string[],
  f: TrainingFilter,
): Promise<{ rows: TrainingListRow[]; total: number }> {
  const conds: (SQL | undefined)[] = [scopeWhere(workers.regionCode, scopes)];
  if (f.regionCode) conds.push(scopeWhere(workers.regionCode, [f.regionCode]));
  if (f.workerName) conds.push(ilike(workers.name, containsPattern(f.workerName)));
  if (f.provider) conds.push(ilike(trainingRecords.provider, containsPattern(f.provider)));
  if (f.course) conds.push(ilike(trainingRecords.course, containsPattern(f.course)));
  if (f.year)
    conds.push(gte(trainingRecords.endedOn, `${f.year}-01-01`), lte(trainingRecords.endedOn, `${f.year}-12-31`));
  if (f.from) conds.push(gte(trainingRecords.endedOn, f.from));
  if (f.to) conds.push(lte(trainingRecords.startedOn, f.to));
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ ...getTableColumns(trainingRecords), workerName: workers.name, workerRegionCode: workers.regionCode })
      .from(trainingRecords)
      .innerJoin(workers, eq(workers.id, trainingRecords.workerId))
      .where(where)
      .orderBy(
        desc(trainingRecords.endedOn),
        desc(trainingRecords.startedOn),
        asc(workers.name),
        asc(trainingRecords.id),
      )
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ total: count() })
      .from(trainingRecords)
      .innerJoin(workers, eq(workers.id, trainingRecords.workerId))
      .where(where),
  ]);
  return { rows, total };
}
