import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopeOrAboveWhere, scopeWhere } from '../../platform/access.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { stations } from '../stations/stations.table.ts';

export type OrganizationRow = typeof organizations.$inferSelect;
export type StationRecord = typeof stations.$inferSelect;

/** The stations an export may carry: in scope and never hidden (a shelter's address stays inside). */
export async function exportableStations(db: Db, scopes: readonly string[]): Promise<StationRecord[]> {
  return db
    .select()
    .from(stations)
    .where(and(scopeWhere(stations.regionCode, scopes), eq(stations.hidden, false)))
    .orderBy(asc(stations.regionCode), asc(stations.name), asc(stations.id));
}

/**
 * The organizations registered in scope, and those registered above it that operate an exported
 * station (a city agency running a town's station): the ones the caller may read.
 */
export async function exportableOrganizations(
  db: Db,
  scopes: readonly string[],
  operatorIds: readonly string[],
): Promise<OrganizationRow[]> {
  const operators = operatorIds.length
    ? and(inArray(organizations.id, [...operatorIds]), scopeOrAboveWhere(organizations.regionCode, scopes))
    : undefined;
  return db
    .select()
    .from(organizations)
    .where(or(scopeWhere(organizations.regionCode, scopes), operators))
    .orderBy(asc(organizations.regionCode), asc(organizations.name), asc(organizations.id));
}

/**
 * Deliberately unscoped: an import must tell "new" from "exists outside your scope", which the
 * scoped finders cannot. Callers check the scope of what they get.
 */
export async function unscopedFindStations(db: Db, ids: readonly string[]): Promise<StationRecord[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(stations)
    .where(inArray(stations.id, [...ids]));
}

export async function unscopedFindOrganizationsByIdOrCode(
  db: Db,
  ids: readonly string[],
  codes: readonly string[],
): Promise<OrganizationRow[]> {
  const conds = [
    ids.length ? inArray(organizations.id, [...ids]) : undefined,
    codes.length ? inArray(organizations.creditCode, [...codes]) : undefined,
  ].filter(Boolean);
  if (conds.length === 0) return [];
  return db
    .select()
    .from(organizations)
    .where(or(...conds));
}
