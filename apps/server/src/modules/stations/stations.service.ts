import type { Db } from '../../db/client.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { filledFields, writeAudit } from '../../platform/audit/audit.service.ts';
import type { Ctx } from '../../platform/context.ts';
import { localDate } from '../../platform/dates.ts';
import { AppError, assertVersion, notFound, validationError } from '../../platform/errors.ts';
import { assertDictValues } from '../dicts/dicts.service.ts';
import { findVisibleOrganizations } from '../organizations/organizations.repo.ts';
import type { ParamsCache } from '../params/params.service.ts';
import { findRegions } from '../regions/regions.repo.ts';
import { regionInScope } from '../regions/regions.service.ts';
import { type DemonstrationLevel, presentHistory, presentStation, stationRegionCodes } from './stations.presenter.ts';
import {
  findStation,
  listStations,
  lockTown,
  operatingTownStations,
  type StationFilter,
  type StationRow,
  stationHistory,
  unscopedStationCentroid,
} from './stations.repo.ts';
import {
  assertDates,
  assertKindLevel,
  centroidRegion,
  checkCoordinates,
  type CoordReview,
  type StationDates,
  type StationKind,
  type StationStatus,
} from './stations.rules.ts';
import { stations, stationStatusHistory } from './stations.table.ts';

export async function presentStations(db: Db, ctx: Ctx, rows: StationRow[]) {
  const regions = await findRegions(db, stationRegionCodes(rows));
  const extras = { regionNames: new Map(regions.map((r) => [r.code, r.name])) };
  return rows.map((r) => presentStation(r, extras, ctx.actor));
}

export async function listStationsFor(db: Db, ctx: Ctx, filter: StationFilter) {
  const { rows, total } = await listStations(db, ctx.actor.scopes, filter);
  return { rows: await presentStations(db, ctx, rows), total };
}

export async function getScopedStation(db: Db, ctx: Ctx, id: string): Promise<StationRow> {
  const row = await findStation(db, ctx.actor.scopes, id);
  if (!row) throw notFound();
  return row;
}

/** The station with its lifecycle history. */
export async function getStation(db: Db, ctx: Ctx, id: string) {
  const row = await getScopedStation(db, ctx, id);
  const [[dto], history] = await Promise.all([presentStations(db, ctx, [row]), stationHistory(db, id)]);
  return { ...dto, history: history.map(presentHistory) };
}

/**
 * One operating town station per town. A second one needs the administrator's reason, which is
 * kept on the station and in the audit row. Runs inside the writing transaction, under the
 * town's lock. Returns what to audit when the rule was overridden.
 */
export async function assertTownFree(
  tx: Db,
  ctx: Ctx,
  townCode: string,
  overrideReason: string | undefined,
  exceptId?: string,
) {
  await lockTown(tx, townCode);
  const existing = await operatingTownStations(tx, ctx.actor.scopes, townCode, exceptId);
  if (existing.length === 0) return null;
  if (!overrideReason) {
    throw new AppError('CONFLICT', {
      errors: [{ path: 'regionCode', message: 'validation.station.townTaken', params: { name: existing[0].name } }],
    });
  }
  return { reason: overrideReason, existing: existing.map((s) => s.id) };
}

export interface StationInput {
  kind: StationKind;
  regionCode: string;
  name: string;
  organizationId?: string | null;
  address?: string;
  lng?: number | null;
  lat?: number | null;
  openingHours?: string;
  phone?: string | null;
  services?: string[];
  demonstration?: boolean;
  demonstrationLevel?: DemonstrationLevel | null;
  demonstrationYear?: number | null;
  hidden?: boolean;
  coordConfirmed?: boolean;
  overrideReason?: string;
}

/** The checks every write shares; returns the stored form of the coordinates' review state. */
export async function checkStation(
  db: Db,
  ctx: Ctx,
  params: Pick<ParamsCache, 'int'>,
  next: StationInput,
  opts: { exceptId?: string; coordsChanged: boolean; orgChanged: boolean },
) {
  const region = await regionInScope(db, ctx, next.regionCode);
  assertKindLevel(next.kind, region);
  if (
    next.organizationId &&
    opts.orgChanged &&
    (await findVisibleOrganizations(db, ctx.actor.scopes, [next.organizationId])).length === 0
  ) {
    throw validationError('organizationId', 'validation.org.unknown');
  }
  await assertDictValues(db, 'station_service', next.services ?? [], 'services', 'validation.station.unknownService');
  if (!opts.coordsChanged) return undefined;
  const point = next.lng != null && next.lat != null ? { lng: next.lng, lat: next.lat } : null;
  const centroid = point ? await unscopedStationCentroid(db, centroidRegion(next.regionCode), opts.exceptId) : null;
  return checkCoordinates(
    point,
    centroid,
    await params.int('network.coord.maxDistanceKm'),
    next.coordConfirmed ?? false,
  );
}

/** The stored form of a station's editable fields. */
export function stationColumns(i: StationInput) {
  return {
    kind: i.kind,
    regionCode: i.regionCode,
    name: i.name,
    organizationId: i.organizationId ?? null,
    address: i.address ?? '',
    lng: i.lng ?? null,
    lat: i.lat ?? null,
    openingHours: i.openingHours ?? '',
    phone: i.phone ?? '',
    services: [...new Set(i.services ?? [])],
    demonstration: i.demonstration ?? false,
    demonstrationLevel: i.demonstration ? (i.demonstrationLevel ?? null) : null,
    demonstrationYear: i.demonstration ? (i.demonstrationYear ?? null) : null,
    hidden: i.hidden ?? false,
    coordConfirmed: i.coordConfirmed ?? false,
  };
}

export interface CreateStationInput extends StationInput {
  /**
   * A station is registered while planned, or as already operating (an existing station entered
   * late). An import restoring an exported register may also bring suspended and closed ones.
   */
  status?: StationStatus;
  openedOn?: string | null;
  suspendedOn?: string | null;
  closedOn?: string | null;
}

export async function createStation(db: Db, ctx: Ctx, params: ParamsCache, input: CreateStationInput) {
  const status = input.status ?? 'planned';
  const openedOn = input.openedOn ?? (status === 'operating' ? localDate(ctx.now) : null);
  const suspendedOn = input.suspendedOn ?? null;
  const closedOn = input.closedOn ?? null;
  assertDates(status, { openedOn, suspendedOn, closedOn });
  const coordReview = (await checkStation(db, ctx, params, input, { coordsChanged: true, orgChanged: true })) ?? null;
  const id = await db.transaction(async (tx) => {
    const override =
      status === 'operating' && input.kind === 'town'
        ? await assertTownFree(tx, ctx, input.regionCode, input.overrideReason)
        : null;
    const [row] = await tx
      .insert(stations)
      .values({
        ...stationColumns(input),
        status,
        openedOn,
        suspendedOn,
        closedOn,
        coordReview,
        overrideReason: override?.reason ?? null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning({ id: stations.id });
    await tx.insert(stationStatusHistory).values({
      stationId: row.id,
      fromStatus: null,
      toStatus: status,
      on: closedOn ?? suspendedOn ?? openedOn ?? localDate(ctx.now),
      overrideReason: override?.reason ?? null,
      actorId: ctx.actor.id,
      actorName: ctx.actor.username,
      at: ctx.now,
    });
    await writeAudit(tx, ctx, {
      action: 'create',
      entity: 'station',
      entityIds: [row.id],
      regionCode: input.regionCode,
      fields: filledFields(input),
      detail: {
        name: input.name,
        kind: input.kind,
        status,
        ...(override ? { override } : {}),
        ...(coordReview ? { coordReview } : {}),
      },
    });
    return row.id;
  });
  return getStation(db, ctx, id);
}

export interface UpdateStationInput extends StationInput, Partial<StationDates> {
  version?: number;
}

const FIELDS = [
  'kind',
  'regionCode',
  'name',
  'organizationId',
  'address',
  'lng',
  'lat',
  'openingHours',
  'phone',
  'services',
  'demonstration',
  'demonstrationLevel',
  'demonstrationYear',
  'hidden',
  'coordConfirmed',
  'openedOn',
  'suspendedOn',
  'closedOn',
] as const;

/** Updates the record; fields left out keep their values. The status changes only through lifecycle actions. */
export async function updateStation(db: Db, ctx: Ctx, params: ParamsCache, id: string, input: UpdateStationInput) {
  const row = await getScopedStation(db, ctx, id);
  await assertVersion(row.version, input.version, () => getStation(db, ctx, id));
  const pick = <K extends (typeof FIELDS)[number]>(k: K) => (input[k] !== undefined ? input[k] : row[k]) as never;
  const next = Object.fromEntries(FIELDS.map((k) => [k, pick(k)])) as unknown as StationInput & StationDates;
  next.overrideReason = input.overrideReason;
  // A confirmation was for the old point: a moved station must be confirmed again.
  const moved = (['lng', 'lat', 'regionCode'] as const).some((k) => input[k] !== undefined && input[k] !== row[k]);
  if (moved && input.coordConfirmed === undefined) next.coordConfirmed = false;
  const changed = FIELDS.filter((k) => JSON.stringify(row[k]) !== JSON.stringify(next[k]));
  const dates = { openedOn: next.openedOn, suspendedOn: next.suspendedOn, closedOn: next.closedOn };
  assertDates(row.status as StationStatus, dates);
  const coordsChanged = changed.some((k) => k === 'lng' || k === 'lat' || k === 'regionCode' || k === 'coordConfirmed');
  const review = await checkStation(db, ctx, params, next, {
    exceptId: id,
    coordsChanged,
    orgChanged: changed.includes('organizationId'),
  });
  const coordReview: CoordReview | null = review === undefined ? (row.coordReview as CoordReview | null) : review;
  const recheckTown =
    row.status === 'operating' && next.kind === 'town' && (changed.includes('kind') || changed.includes('regionCode'));
  await db.transaction(async (tx) => {
    const override = recheckTown ? await assertTownFree(tx, ctx, next.regionCode, input.overrideReason, id) : null;
    await updateVersioned(tx, stations, id, row.version, {
      ...stationColumns(next),
      ...dates,
      coordReview,
      updatedAt: ctx.now,
      // A station that no longer shares its town keeps no stale override reason.
      ...(recheckTown ? { overrideReason: override?.reason ?? null } : {}),
    });
    await writeAudit(tx, ctx, {
      action: 'update',
      entity: 'station',
      entityIds: [id],
      regionCode: next.regionCode,
      fields: changed,
      ...(override || (coordReview && coordsChanged)
        ? { detail: { ...(override ? { override } : {}), ...(coordReview ? { coordReview } : {}) } }
        : {}),
    });
  });
  return getStation(db, ctx, id);
}
