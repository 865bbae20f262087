import { and, asc, count, desc, eq, getTableColumns, isNotNull, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopeWhere } from '../../platform/access.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { stations } from '../stations/stations.table.ts';
import { positionHolders, positions } from './positions.table.ts';
import { workers } from './workers.table.ts';

const columns = {
  ...getTableColumns(positions),
  organizationName: organizations.name,
  stationName: stations.name,
  holderId: positionHolders.workerId,
  holderName: workers.name,
  holderSince: positionHolders.startedOn,
};

export type PositionRow = typeof positions.$inferSelect & {
  organizationName: string | null;
  stationName: string | null;
  holderId: string | null;
  holderName: string | null;
  holderSince: string | null;
};

/** A position with its organization, station and current holder (at most one: a partial unique index). */
function selectPositions(db: Db) {
  return db
    .select(columns)
    .from(positions)
    .leftJoin(organizations, eq(organizations.id, positions.organizationId))
    .leftJoin(stations, eq(stations.id, positions.stationId))
    .leftJoin(positionHolders, and(eq(positionHolders.positionId, positions.id), isNull(positionHolders.endedOn)))
    .leftJoin(workers, eq(workers.id, positionHolders.workerId));
}

export async function findPosition(db: Db, scopes: readonly string[], id: string): Promise<PositionRow | undefined> {
  const [row] = await selectPositions(db)
    .where(and(eq(positions.id, id), scopeWhere(positions.regionCode, scopes)))
    .limit(1);
  return row;
}

export interface PositionFilter {
  regionCode?: string;
  organizationId?: string;
  stationId?: string;
  level?: string;
  fundedBy?: string;
  filled?: boolean;
  /** Abolished positions are left out unless asked for. */
  abolished?: boolean;
  page: number;
  pageSize: number;
}

export async function listPositions(db: Db, scopes: readonly string[], f: PositionFilter) {
  const conds: (SQL | undefined)[] = [scopeWhere(positions.regionCode, scopes)];
  if (f.regionCode) conds.push(scopeWhere(positions.regionCode, [f.regionCode]));
  if (f.organizationId) conds.push(eq(positions.organizationId, f.organizationId));
  if (f.stationId) conds.push(eq(positions.stationId, f.stationId));
  if (f.level) conds.push(eq(positions.level, f.level));
  if (f.fundedBy) conds.push(eq(positions.fundedBy, f.fundedBy));
  if (f.filled !== undefined) conds.push(f.filled ? isNotNull(positionHolders.id) : isNull(positionHolders.id));
  conds.push(f.abolished ? isNotNull(positions.abolishedOn) : isNull(positions.abolishedOn));
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    selectPositions(db)
      .where(where)
      .orderBy(asc(positions.regionCode), asc(positions.title), asc(positions.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db
      .select({ total: count() })
      .from(positions)
      .leftJoin(positionHolders, and(eq(positionHolders.positionId, positions.id), isNull(positionHolders.endedOn)))
      .where(where),
  ]);
  return { rows, total };
}

export async function holdersOf(db: Db, positionId: string) {
  return db
    .select({
      id: positionHolders.id,
      workerId: positionHolders.workerId,
      name: workers.name,
      startedOn: positionHolders.startedOn,
      endedOn: positionHolders.endedOn,
    })
    .from(positionHolders)
    .innerJoin(workers, eq(workers.id, positionHolders.workerId))
    .where(eq(positionHolders.positionId, positionId))
    .orderBy(desc(positionHolders.startedOn));
}
