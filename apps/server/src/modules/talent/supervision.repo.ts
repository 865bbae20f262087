import { and, asc, count, desc, eq, exists, getTableColumns, gte, inArray, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopeWhere } from '../../platform/access.ts';
import { stations } from '../stations/stations.table.ts';
import { supervisionSessions, supervisionSupervisees } from './development.table.ts';
import { workers } from './workers.table.ts';

export type SessionRow = typeof supervisionSessions.$inferSelect & { stationName: string | null };

const withStation = { ...getTableColumns(supervisionSessions), stationName: stations.name };

/** A session is in scope by the region where it was held. */
export async function findSession(db: Db, scopes: readonly string[], id: string): Promise<SessionRow | undefined> {
  const [row] = await db
    .select(withStation)
    .from(supervisionSessions)
    .leftJoin(stations, eq(stations.id, supervisionSessions.stationId))
    .where(and(eq(supervisionSessions.id, id), scopeWhere(supervisionSessions.regionCode, scopes)))
    .limit(1);
  return row;
}

export interface SessionFilter {
  from?: string;
  to?: string;
  mode?: string;
  supervisorId?: string;
  /** Sessions this worker attended as a supervisee. */
  workerId?: string;
  stationId?: string;
  regionCode?: string;
  page: number;
  pageSize: number;
}

export async function listSessions(db: Db, scopes: readonly string[], f: SessionFilter) {
  const conds: (SQL | undefined)[] = [scopeWhere(supervisionSessions.regionCode, scopes)];
  if (f.regionCode) conds.push(scopeWhere(supervisionSessions.regionCode, [f.regionCode]));
  if (f.from) conds.push(gte(supervisionSessions.heldOn, f.from));
  if (f.to) conds.push(lte(supervisionSessions.heldOn, f.to));
  if (f.mode) conds.push(eq(supervisionSessions.mode, f.mode));
  if (f.supervisorId) conds.push(eq(supervisionSessions.supervisorId, f.supervisorId));
  if (f.stationId) conds.push(eq(supervisionSessions.stationId, f.stationId));
  if (f.workerId) {
    conds.push(
      exists(
        db
          .select({ one: sql`1` })
          .from(supervisionSupervisees)
          .where(
            and(
              eq(supervisionSupervisees.sessionId, supervisionSessions.id),
              eq(supervisionSupervisees.workerId, f.workerId),
            ),
          ),
      ),
    );
  }
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(withStation)
      .from(supervisionSessions)
      .leftJoin(stations, eq(stations.id, supervisionSessions.stationId))
      .where(where)
      .orderBy(desc(supervisionSessions.heldOn), asc(supervisionSessions.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(supervisionSessions).where(where),
  ]);
  return { rows, total };
}

export async function superviseesOf(db: Db, sessionIds: readonly string[]) {
  if (sessionIds.length === 0) return [];
  return db
    .select({ sessionId: supervisionSupervisees.sessionId, id: workers.id, name: workers.name })
    .from(supervisionSupervisees)
    .innerJoin(workers, eq(workers.id, supervisionSupervisees.workerId))
    .where(inArray(supervisionSupervisees.sessionId, [...sessionIds]))
    .orderBy(asc(workers.name));
}
