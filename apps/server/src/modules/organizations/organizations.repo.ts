import { and, arrayContains, asc, count, eq, ilike, inArray, isNull, ne, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { containsPattern } from '../../db/sql.ts';
import { scopeOrAboveWhere, scopeWhere } from '../../platform/access.ts';
import { stations } from '../stations/stations.table.ts';
import { organizations } from './organizations.table.ts';

export type OrganizationRow = typeof organizations.$inferSelect;

/** An organization the actor may change: registered inside the scope. */
export async function findOrganization(
  db: Db,
  scopes: readonly string[],
  id: string,
): Promise<OrganizationRow | undefined> {
  const [row] = await db
    .select()
    .from(organizations)
    .where(and(eq(organizations.id, id), scopeWhere(organizations.regionCode, scopes)))
    .limit(1);
  return row;
}

/** Organizations the actor may read and pick: inside the scope or registered above it. */
export async function findVisibleOrganizations(
  db: Db,
  scopes: readonly string[],
  ids: readonly string[],
): Promise<OrganizationRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(organizations)
    .where(and(inArray(organizations.id, [...ids]), scopeOrAboveWhere(organizations.regionCode, scopes)));
}

/** For a record that already names the organization: keeping a link needs no fresh visibility check. */
export async function unscopedFindOrganization(db: Db, id: string): Promise<OrganizationRow | undefined> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id)).limit(1);
  return row;
}

/** Credit codes are unique nationwide, so the duplicate check looks beyond the actor's scope. */
export async function unscopedCreditCodeTaken(db: Db, creditCode: string, exceptId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.creditCode, creditCode), exceptId ? ne(organizations.id, exceptId) : undefined))
    .limit(1);
  return !!row;
}

export interface OrganizationFilter {
  q?: string;
  type?: string;
  domain?: string;
  regionCode?: string;
  page: number;
  pageSize: number;
}

export async function listOrganizations(db: Db, scopes: readonly string[], f: OrganizationFilter) {
  const conds: SQL[] = [scopeOrAboveWhere(organizations.regionCode, scopes)];
  if (f.regionCode) conds.push(scopeWhere(organizations.regionCode, [f.regionCode]));
  if (f.type) conds.push(eq(organizations.type, f.type));
  if (f.domain) conds.push(arrayContains(organizations.domains, [f.domain]));
  if (f.q)
    conds.push(
      or(ilike(organizations.name, containsPattern(f.q)), eq(organizations.creditCode, f.q.toUpperCase())) as SQL,
    );
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(organizations)
      .where(where)
      .orderBy(asc(organizations.regionCode), asc(organizations.name))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(organizations).where(where),
  ]);
  return { rows, total };
}

/** How many stations inside the viewer's scope each organization runs. */
export async function stationCounts(
  db: Db,
  scopes: readonly string[],
  ids: readonly string[],
): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: stations.organizationId, n: count() })
    .from(stations)
    .where(and(inArray(stations.organizationId, [...ids]), scopeWhere(stations.regionCode, scopes)))
    .groupBy(stations.organizationId);
  return new Map(rows.map((r) => [r.id as string, Number(r.n)]));
}

/** An import names an organization by credit code or by name: the visible ones that match. */
export async function findVisibleOrganizationsBy(
  db: Db,
  scopes: readonly string[],
  by: { creditCode: string } | { name: string },
): Promise<OrganizationRow[]> {
  const match = 'creditCode' in by ? eq(organizations.creditCode, by.creditCode) : eq(organizations.name, by.name);
  return db
    .select()
    .from(organizations)
    .where(and(match, scopeOrAboveWhere(organizations.regionCode, scopes)))
    .limit(2);
}

/** Every organization the viewer may read under the list's filters, for an export. */
export async function listAllOrganizations(
  db: Db,
  scopes: readonly string[],
  f: Omit<OrganizationFilter, 'page' | 'pageSize'>,
  limit: number,
): Promise<OrganizationRow[]> {
  const { rows } = await listOrganizations(db, scopes, { ...f, page: 1, pageSize: limit });
  return rows;
}

/**
 * An import's match among the organizations the caller may read (an export lists those registered
 * above the scope too): by credit code, or by region and name when there is none.
 */
export async function findOrganizationForImport(
  db: Db,
  scopes: readonly string[],
  key: { creditCode: string | null; regionCode: string; name: string },
): Promise<OrganizationRow | undefined> {
  const match = key.creditCode
    ? eq(organizations.creditCode, key.creditCode)
    : and(
        eq(organizations.regionCode, key.regionCode),
        eq(organizations.name, key.name),
        isNull(organizations.creditCode),
      );
  const [row] = await db
    .select()
    .from(organizations)
    .where(and(match, scopeOrAboveWhere(organizations.regionCode, scopes)))
    .limit(1);
  return row;
}
