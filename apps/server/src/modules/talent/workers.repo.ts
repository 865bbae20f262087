import { and, asc, count, desc, eq, getTableColumns, ilike, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { containsPattern } from '../../db/sql.ts';
import { scopeWhere } from '../../platform/access.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { stations } from '../stations/stations.table.ts';
import { positionHolders, positions } from './positions.table.ts';
import { qualifications } from './qualifications.table.ts';
import { certificateValidOn } from './talent-asof.repo.ts';
import { stationAssignments, workerEmployments, workers } from './workers.table.ts';

/** The rank (1–3) of the highest certificate valid on `day`, null when none: the current level, computed. */
export function levelRankOn(day: string): SQL<number | null> {
  return sql<
    number | null
  >`(select max(case ${qualifications.level} when 'assistant' then 1 when 'intermediate' then 2 when 'senior' then 3 end)
    from ${qualifications} where ${qualifications.workerId} = ${workers.id} and ${certificateValidOn(day)})`;
}

function columnsOn(day: string) {
  return {
    ...getTableColumns(workers),
    organizationName: organizations.name,
    levelRank: levelRankOn(day),
    stationId: stationAssignments.stationId,
    stationName: stations.name,
  };
}

export type WorkerRow = typeof workers.$inferSelect & {
  organizationName: string | null;
  levelRank: number | null;
  stationId: string | null;
  stationName: string | null;
};

/** The worker with their organization and current resident station (at most one: a partial unique index). */
function selectWorkers(db: Db, day: string) {
  return db
    .select(columnsOn(day))
    .from(workers)
    .leftJoin(organizations, eq(organizations.id, workers.organizationId))
    .leftJoin(stationAssignments, and(eq(stationAssignments.workerId, workers.id), isNull(stationAssignments.endedOn)))
    .leftJoin(stations, eq(stations.id, stationAssignments.stationId));
}

export async function findWorker(
  db: Db,
  scopes: readonly string[],
  id: string,
  today: string,
): Promise<WorkerRow | undefined> {
  const [row] = await selectWorkers(db, today)
    .where(and(eq(workers.id, id), scopeWhere(workers.regionCode, scopes)))
    .limit(1);
  return row;
}

/** The workers among `ids` inside the scope (for pickers: supervisees, holders). */
export async function findScopedWorkers(db: Db, scopes: readonly string[], ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: workers.id, name: workers.name, regionCode: workers.regionCode, status: workers.status })
    .from(workers)
    .where(and(inArray(workers.id, [...ids]), scopeWhere(workers.regionCode, scopes)));
}

/** Under the worker's row lock: rules over a worker's periods are checked and written one writer at a time. */
export async function lockWorker(tx: Db, id: string): Promise<void> {
  await tx.select({ id: workers.id }).from(workers).where(eq(workers.id, id)).for('update');
}

/** ID numbers are unique nationwide: the duplicate check looks beyond the actor's scope and says only "taken". */
export async function unscopedIdNumberTaken(db: Db, hash: string, exceptId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: workers.id })
    .from(workers)
    .where(and(eq(workers.idNumberHash, hash), exceptId ? ne(workers.id, exceptId) : undefined))
    .limit(1);
  return !!row;
}

export interface WorkerFilter {
  q?: string;
  /** Exact ID number, matched through its keyed hash. */
  idNumberHash?: string;
  category?: string;
  /** Current level; 'none' for workers without a valid certificate. */
  level?: string;
  organizationId?: string;
  /** Resident at this station now. */
  stationId?: string;
  regionCode?: string;
  status?: string;
  page: number;
  pageSize: number;
}

export async function listWorkers(db: Db, scopes: readonly string[], f: WorkerFilter, today: string) {
  const conds: (SQL | undefined)[] = [scopeWhere(workers.regionCode, scopes)];
  if (f.regionCode) conds.push(scopeWhere(workers.regionCode, [f.regionCode]));
  if (f.q) conds.push(ilike(workers.name, containsPattern(f.q)));
  if (f.idNumberHash) conds.push(eq(workers.idNumberHash, f.idNumberHash));
  if (f.category) conds.push(eq(workers.category, f.category));
  if (f.organizationId) conds.push(eq(workers.organizationId, f.organizationId));
  if (f.status) conds.push(eq(workers.status, f.status));
  if (f.stationId) conds.push(eq(stationAssignments.stationId, f.stationId));
  if (f.level) {
    const rank = { none: null, assistant: 1, intermediate: 2, senior: 3 }[f.level];
    conds.push(rank === null ? sql`${levelRankOn(today)} is null` : sql`${levelRankOn(today)} = ${rank}`);
  }
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    selectWorkers(db, today)
      .where(where)
      .orderBy(asc(workers.regionCode), asc(workers.name), asc(workers.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ total: count() })
      .from(workers)
      .leftJoin(
        stationAssignments,
        and(eq(stationAssignments.workerId, workers.id), isNull(stationAssignments.endedOn)),
      )
      .where(where),
  ]);
  return { rows, total };
}

export async function employmentsOf(db: Db, workerId: string) {
  return db
    .select({ ...getTableColumns(workerEmployments), organizationName: organizations.name })
    .from(workerEmployments)
    .leftJoin(organizations, eq(organizations.id, workerEmployments.organizationId))
    .where(eq(workerEmployments.workerId, workerId))
    .orderBy(desc(workerEmployments.startedOn), desc(workerEmployments.createdAt));
}

export async function assignmentsOf(db: Db, workerId: string) {
  return db
    .select({ ...getTableColumns(stationAssignments), stationName: stations.name })
    .from(stationAssignments)
    .innerJoin(stations, eq(stations.id, stationAssignments.stationId))
    .where(eq(stationAssignments.workerId, workerId))
    .orderBy(desc(stationAssignments.startedOn));
}

export async function positionsHeldBy(db: Db, workerId: string) {
  return db
    .select({
      positionId: positions.id,
      title: positions.title,
      startedOn: positionHolders.startedOn,
      endedOn: positionHolders.endedOn,
    })
    .from(positionHolders)
    .innerJoin(positions, eq(positions.id, positionHolders.positionId))
    .where(eq(positionHolders.workerId, workerId))
    .orderBy(desc(positionHolders.startedOn));
}

export async function openEmployments(db: Db, workerId: string) {
  return db
    .select()
    .from(workerEmployments)
    .where(and(eq(workerEmployments.workerId, workerId), isNull(workerEmployments.endedOn)));
}
