import {
  and,
  arrayContains,
  asc,
  count,
  eq,
  getTableColumns,
  ilike,
  isNotNull,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { containsPattern, queryRows } from '../../db/sql.ts';
import { scopeWhere } from '../../platform/access.ts';
import { organizations } from '../organizations/organizations.table.ts';
import type { Point } from './stations.rules.ts';
import { stationStatusHistory, stations } from './stations.table.ts';

export type StationRow = typeof stations.$inferSelect & { organizationName: string | null };

// The operating organization's name comes with the station: it is part of the station's record
// even when the organization itself is registered outside the viewer's scope.
const withOrganization = { ...getTableColumns(stations), organizationName: organizations.name };

export async function findStation(db: Db, scopes: readonly string[], id: string): Promise<StationRow | undefined> {
  const [row] = await db
    .select(withOrganization)
    .from(stations)
    .leftJoin(organizations, eq(organizations.id, stations.organizationId))
    .where(and(eq(stations.id, id), scopeWhere(stations.regionCode, scopes)))
    .limit(1);
  return row;
}

export interface StationFilter {
  kind?: string;
  status?: string;
  service?: string;
  regionCode?: string;
  q?: string;
  organizationId?: string;
  /** Only stations whose confirmed coordinates are unusual. */
  needsReview?: boolean;
  page: number;
  pageSize: number;
}

export function stationConditions(f: Omit<StationFilter, 'page' | 'pageSize'>): SQL[] {
  const conds: SQL[] = [];
  if (f.regionCode) conds.push(scopeWhere(stations.regionCode, [f.regionCode]));
  if (f.kind) conds.push(eq(stations.kind, f.kind));
  if (f.status) conds.push(eq(stations.status, f.status));
  if (f.service) conds.push(arrayContains(stations.services, [f.service]));
  if (f.organizationId) conds.push(eq(stations.organizationId, f.organizationId));
  if (f.needsReview !== undefined)
    conds.push(f.needsReview ? isNotNull(stations.coordReview) : sql`${stations.coordReview} is null`);
  if (f.q)
    conds.push(or(ilike(stations.name, containsPattern(f.q)), ilike(stations.address, containsPattern(f.q))) as SQL);
  return conds;
}

export async function listStations(db: Db, scopes: readonly string[], f: StationFilter) {
  const where = and(scopeWhere(stations.regionCode, scopes), ...stationConditions(f));
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(withOrganization)
      .from(stations)
      .leftJoin(organizations, eq(organizations.id, stations.organizationId))
      .where(where)
      .orderBy(asc(stations.regionCode), asc(stations.name), asc(stations.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(stations).where(where),
  ]);
  return { rows, total };
}

export async function stationHistory(db: Db, stationId: string) {
  return db
    .select()
    .from(stationStatusHistory)
    .where(eq(stationStatusHistory.stationId, stationId))
    .orderBy(asc(stationStatusHistory.at), asc(stationStatusHistory.id));
}

/**
 * Serialises "one operating town station per town" per town: two administrators opening a
 * station in the same town at once would otherwise both see none and both succeed.
 */
export async function lockTown(tx: Db, townCode: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`lianxin:town-station:${townCode}`}))`);
}

/** The operating town stations of a town (the town lies in the actor's scope, so the scope changes nothing here). */
export async function operatingTownStations(
  db: Db,
  scopes: readonly string[],
  townCode: string,
  exceptId?: string,
): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: stations.id, name: stations.name })
    .from(stations)
    .where(
      and(
        eq(stations.regionCode, townCode),
        eq(stations.kind, 'town'),
        eq(stations.status, 'operating'),
        scopeWhere(stations.regionCode, scopes),
        exceptId ? ne(stations.id, exceptId) : undefined,
      ),
    );
}

/**
 * The centroid of the other stations with coordinates under `prefix`. Deliberately unscoped: the
 * plausibility of a town's station is judged against its whole county, which a town
 * administrator does not see. Only the average leaves the repo. Stations already flagged for
 * review are left out, so one confirmed outlier does not drag the centre towards itself.
 */
export async function unscopedStationCentroid(db: Db, prefix: string, exceptId?: string): Promise<Point | null> {
  const [row] = await queryRows<{ lng: number | null; lat: number | null }>(
    db,
    sql`select avg(lng)::float8 as lng, avg(lat)::float8 as lat from stations
        where region_code like ${`${prefix}%`} and lng is not null and lat is not null
          and coord_review is null ${exceptId ? sql`and id <> ${exceptId}` : sql``}`,
  );
  return row && row.lng !== null && row.lat !== null ? { lng: Number(row.lng), lat: Number(row.lat) } : null;
}

export interface PublicStationFilter {
  kind?: string;
  service?: string;
  regionCode?: string;
  q?: string;
  /** "Near me": nearest first. */
  near?: Point;
  page: number;
  pageSize: number;
}

/**
 * The public map's data: deliberately unscoped (no one is logged in), so the filter on what may be
 * public lives here — operating and not hidden — and the caller presents only public columns.
 */
export async function unscopedListPublicStations(db: Db, f: PublicStationFilter) {
  const where = and(eq(stations.status, 'operating'), eq(stations.hidden, false), ...stationConditions(f));
  // Equirectangular distance is enough to order points within a city.
  const order = f.near
    ? [
        sql`(${stations.lng} - ${f.near.lng}) * cos(radians(${f.near.lat})) * (${stations.lng} - ${f.near.lng}) * cos(radians(${f.near.lat})) + (${stations.lat} - ${f.near.lat}) * (${stations.lat} - ${f.near.lat}) asc nulls last`,
        asc(stations.id),
      ]
    : [asc(stations.regionCode), asc(stations.name), asc(stations.id)];
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(withOrganization)
      .from(stations)
      .leftJoin(organizations, eq(organizations.id, stations.organizationId))
      .where(where)
      .orderBy(...order)
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(stations).where(where),
  ]);
  return { rows, total };
}

export interface PublicCentroid {
  code: string;
  lng: number;
  lat: number;
  stations: number;
}

/**
 * The centre of each county's and town's public stations, where the map writes the region's name.
 * Deliberately unscoped like the public list, with the same public filter; points still awaiting
 * review are left out so one outlier does not pull a label away from its town.
 */
export async function unscopedPublicStationCentroids(db: Db): Promise<PublicCentroid[]> {
  const rows = await queryRows<{ code: string; lng: number; lat: number; stations: number }>(
    db,
    sql`with pub as (
          select region_code, lng, lat from stations
          where status = 'operating' and hidden = false and lng is not null and lat is not null and coord_review is null
        )
        select left(region_code, 6) as code, avg(lng)::float8 as lng, avg(lat)::float8 as lat, count(*)::int as stations
          from pub where length(region_code) >= 6 group by 1
        union all
        select left(region_code, 9), avg(lng)::float8, avg(lat)::float8, count(*)::int
          from pub where length(region_code) >= 9 group by 1`,
  );
  return rows.map((r) => ({ code: r.code, lng: Number(r.lng), lat: Number(r.lat), stations: Number(r.stations) }));
}

export type StationExportRow = StationRow & { organizationCreditCode: string | null };

/** Every station in scope under the list's filters, for an export: the whole result, not a page. */
export async function listAllStations(
  db: Db,
  scopes: readonly string[],
  f: Omit<StationFilter, 'page' | 'pageSize'>,
  limit: number,
): Promise<StationExportRow[]> {
  return db
    .select({ ...withOrganization, organizationCreditCode: organizations.creditCode })
    .from(stations)
    .leftJoin(organizations, eq(organizations.id, stations.organizationId))
    .where(and(scopeWhere(stations.regionCode, scopes), ...stationConditions(f)))
    .orderBy(asc(stations.regionCode), asc(stations.name), asc(stations.id))
    .limit(limit);
}

/** An import's match: a station is known by its region and name. */
export async function findStationByName(
  db: Db,
  scopes: readonly string[],
  regionCode: string,
  name: string,
): Promise<StationRow | undefined> {
  const [row] = await db
    .select(withOrganization)
    .from(stations)
    .leftJoin(organizations, eq(organizations.id, stations.organizationId))
    .where(and(eq(stations.regionCode, regionCode), eq(stations.name, name), scopeWhere(stations.regionCode, scopes)))
    .orderBy(asc(stations.createdAt))
    .limit(1);
  return row;
}
