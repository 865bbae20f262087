import { and, asc, eq, inArray, isNull, like, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { containsPattern } from '../../db/sql.ts';
import { scopeWhere } from '../../platform/access.ts';
import { regions } from './regions.table.ts';

export type RegionRow = typeof regions.$inferSelect;
export type RegionRowWithChildren = RegionRow & { hasChildren: boolean };

/** Region codes have 2, 4, 6, 9 or 12 digits; these are the ancestor lengths. */
const LEVEL_LENGTHS = [2, 4, 6, 9] as const;

/** The codes above `code` in the tree, province first: 441202001 → 44, 4412, 441202. */
export function ancestorCodes(code: string): string[] {
  return LEVEL_LENGTHS.filter((n) => n < code.length).map((n) => code.slice(0, n));
}

/** The code and the codes above it, province first: 441202001 → 44, 4412, 441202, 441202001. */
export function pathCodes(code: string): string[] {
  return [...ancestorCodes(code), code];
}

/**
 * Which regions a user may see: everything under one of the scopes, and the scopes' ancestors
 * (a county administrator sees 广东省 and 肇庆市 for breadcrumbs, not the neighbouring county).
 * `null` is the whole country (no condition) — e.g. for validating a code regardless of the user.
 */
export type RegionVisibility = readonly string[] | null;

export function visibleWhere(visibility: RegionVisibility): SQL | undefined {
  if (visibility === null || visibility.includes('')) return undefined;
  const above = [...new Set(visibility.flatMap(ancestorCodes))];
  const under = scopeWhere(regions.code, visibility);
  return above.length ? (or(under, inArray(regions.code, above)) as SQL) : under;
}

/** EXISTS on regions_parent_idx: one index probe per row, not a count of the children. */
// Written out in full: drizzle renders a column unqualified in a select list, which inside the
// subquery would bind to the child's own code.
const hasChildren = sql<boolean>`exists (select 1 from regions c where c.parent_code = "regions"."code")`.as(
  'has_children',
);

const withChildren = {
  code: regions.code,
  name: regions.name,
  level: regions.level,
  parentCode: regions.parentCode,
  kind: regions.kind,
  initials: regions.initials,
  updatedAt: regions.updatedAt,
  hasChildren,
};

export async function findRegion(db: Db, code: string): Promise<RegionRow | undefined> {
  const [row] = await db.select().from(regions).where(eq(regions.code, code)).limit(1);
  return row;
}

export async function findRegions(db: Db, codes: readonly string[]): Promise<RegionRow[]> {
  if (codes.length === 0) return [];
  return db
    .select()
    .from(regions)
    .where(inArray(regions.code, [...codes]))
    .orderBy(asc(regions.code));
}

/** Regions by code with `hasChildren`, limited to what the visibility allows; ordered by code (= by level along one path). */
export async function findVisibleRegions(
  db: Db,
  codes: readonly string[],
  visibility: RegionVisibility,
): Promise<RegionRowWithChildren[]> {
  if (codes.length === 0) return [];
  return db
    .select(withChildren)
    .from(regions)
    .where(and(inArray(regions.code, [...codes]), visibleWhere(visibility)))
    .orderBy(asc(regions.code));
}

/** Direct children of `code` (null: the provinces) that the visibility allows, by code. */
export async function childrenOf(
  db: Db,
  code: string | null,
  visibility: RegionVisibility,
): Promise<RegionRowWithChildren[]> {
  const parent = code === null ? isNull(regions.parentCode) : eq(regions.parentCode, code);
  return db
    .select(withChildren)
    .from(regions)
    .where(and(parent, visibleWhere(visibility)))
    .orderBy(asc(regions.code));
}

/**
 * Name substring, or — for ASCII input such as "dzq" — a prefix of the pinyin initials (which uses
 * regions_initials_idx). Higher levels first: a search for 端州 should show the county before its
 * streets and communities.
 */
export async function searchRegions(
  db: Db,
  q: string,
  visibility: RegionVisibility,
  limit: number,
): Promise<RegionRowWithChildren[]> {
  const term = q.trim();
  if (!term) return [];
  const ascii = /^[a-z0-9]+$/i.test(term);
  const match = ascii
    ? or(like(regions.initials, `${term.toLowerCase()}%`), like(regions.code, `${term}%`))
    : sql`${regions.name} like ${containsPattern(term)} escape '\\'`;
  return db
    .select(withChildren)
    .from(regions)
    .where(and(match, visibleWhere(visibility)))
    .orderBy(asc(regions.level), asc(regions.code))
    .limit(limit);
}

/** How many regions per level lie under `prefix` ('' = the country): the import's summary. */
export async function countByLevel(db: Db, prefix: string): Promise<Record<number, number>> {
  const rows = await db
    .select({ level: regions.level, n: sql<number>`count(*)::int` })
    .from(regions)
    .where(prefix ? like(regions.code, `${prefix}%`) : undefined)
    .groupBy(regions.level)
    .orderBy(asc(regions.level));
  return Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]));
}

/** Region names by code, for presenting records that carry region codes. */
export async function regionNamesOf(db: Db, codes: readonly string[]): Promise<Map<string, string>> {
  const rows = await findRegions(db, [...new Set(codes)]);
  return new Map(rows.map((r) => [r.code, r.name]));
}

/**
 * The names along each code's path from the province down, looked up at once for all of them:
 * 441202001 → 广东省/肇庆市/端州区/城东街道, as registers show where a record is.
 */
export async function regionPathsOf(db: Db, codes: readonly string[]): Promise<(code: string) => string> {
  const names = await regionNamesOf(db, [...new Set(codes)].flatMap(pathCodes));
  return (code) =>
    pathCodes(code)
      .map((c) => names.get(c))
      .filter(Boolean)
      .join('/');
}
