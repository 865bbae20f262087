import { and, asc, count, eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopeWhere } from '../../platform/access.ts';
import { coverageDeadlines } from './coverage-deadlines.table.ts';

export type DeadlineRow = typeof coverageDeadlines.$inferSelect;

export async function findDeadline(db: Db, scopes: readonly string[], id: string): Promise<DeadlineRow | undefined> {
  const [row] = await db
    .select()
    .from(coverageDeadlines)
    .where(and(eq(coverageDeadlines.id, id), scopeWhere(coverageDeadlines.regionCode, scopes)))
    .limit(1);
  return row;
}

export interface DeadlineFilter {
  regionCode?: string;
  kind?: string;
  page: number;
  pageSize: number;
}

export async function listDeadlines(db: Db, scopes: readonly string[], f: DeadlineFilter) {
  const conds: SQL[] = [scopeWhere(coverageDeadlines.regionCode, scopes)];
  if (f.regionCode) conds.push(scopeWhere(coverageDeadlines.regionCode, [f.regionCode]));
  if (f.kind) conds.push(eq(coverageDeadlines.kind, f.kind));
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(coverageDeadlines)
      .where(where)
      .orderBy(asc(coverageDeadlines.dueOn), asc(coverageDeadlines.regionCode), asc(coverageDeadlines.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(coverageDeadlines).where(where),
  ]);
  return { rows, total };
}
