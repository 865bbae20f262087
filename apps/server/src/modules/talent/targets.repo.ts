import { and, asc, count, eq, isNull, ne, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopeWhere } from '../../platform/access.ts';
import { targets } from './targets.table.ts';

export type TargetRow = typeof targets.$inferSelect;

export interface TargetFilter {
  page: number;
  pageSize: number;
  /** Targets of this region and below. */
  regionCode?: string;
  metric?: string;
  parentId?: string;
  /** Only targets that are not a share of another. */
  topLevel?: boolean;
}

export async function findTarget(db: Db, scopes: readonly string[], id: string): Promise<TargetRow | undefined> {
  const [row] = await db
    .select()
    .from(targets)
    .where(and(eq(targets.id, id), scopeWhere(targets.regionCode, scopes)))
    .limit(1);
  return row;
}

/** Under the target's row lock: the children's sum is checked against it one writer at a time. */
export async function lockTarget(tx: Db, id: string): Promise<TargetRow | undefined> {
  const [row] = await tx.select().from(targets).where(eq(targets.id, id)).for('update');
  return row;
}

export async function listTargets(db: Db, scopes: readonly string[], f: TargetFilter) {
  const conds: (SQL | undefined)[] = [
    scopeWhere(targets.regionCode, scopes),
    f.regionCode ? scopeWhere(targets.regionCode, [f.regionCode]) : undefined,
    f.metric ? eq(targets.metric, f.metric) : undefined,
    f.parentId ? eq(targets.parentId, f.parentId) : undefined,
    f.topLevel ? isNull(targets.parentId) : undefined,
  ];
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(targets)
      .where(where)
      .orderBy(asc(targets.dueOn), asc(targets.regionCode), asc(targets.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(targets).where(where),
  ]);
  return { rows, total };
}

/**
 * The children of a target, whatever the caller's scope: a split is checked against all of its
 * shares, and a city administrator reading the city's target sees each county's share.
 */
export async function unscopedChildrenOf(db: Db, parentId: string, exceptId?: string): Promise<TargetRow[]> {
  return db
    .select()
    .from(targets)
    .where(and(eq(targets.parentId, parentId), exceptId ? ne(targets.id, exceptId) : undefined))
    .orderBy(asc(targets.regionCode));
}

/** Number of children and the sum of their values per parent. */
export async function childTotals(
  db: Db,
  parentIds: readonly string[],
): Promise<Map<string, { count: number; sum: number }>> {
  if (parentIds.length === 0) return new Map();
  const rows = await db
    .select({ parentId: targets.parentId, count: count(), sum: sql<string>`coalesce(sum(${targets.value}), 0)` })
    .from(targets)
    .where(sql`${targets.parentId} in ${[...parentIds]}`)
    .groupBy(targets.parentId);
  return new Map(rows.map((r) => [r.parentId as string, { count: r.count, sum: Number(r.sum) }]));
}

/** Parents named by the targets (read without scope: a county sees the city target it is a share of, in outline). */
export async function unscopedParents(db: Db, ids: readonly string[]): Promise<Map<string, TargetRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select()
    .from(targets)
    .where(sql`${targets.id} in ${[...ids]}`);
  return new Map(rows.map((r) => [r.id, r]));
}
