import type { Db } from '../../db/client.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { inScope } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import type { Ctx } from '../../platform/context.ts';
import { localDate } from '../../platform/dates.ts';
import type { FieldError } from '../../platform/errors.ts';
import type { ParamsCache } from '../params/params.service.ts';
import { assertDates, assertTransition, type CoordReview, type StationStatus } from '../stations/stations.rules.ts';
import { assertTownFree, checkStation, stationColumns, type StationInput } from '../stations/stations.service.ts';
import { stations, stationStatusHistory } from '../stations/stations.table.ts';
import { type StationRecord, unscopedFindStations } from './directory.repo.ts';
import { collecting, type ImportReport, outOfScope } from './directory.collect.ts';
import type { ParsedDocument, ParsedStation } from './directory.parse.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The stored fields a document carries, compared to tell "updated" from "unchanged". */
const COMPARED = [
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
  'coordConfirmed',
  'status',
  'openedOn',
  'suspendedOn',
  'closedOn',
] as const;

type Next = ReturnType<typeof stationColumns> & {
  status: StationStatus;
  openedOn: string | null;
  suspendedOn: string | null;
  closedOn: string | null;
};

function changes(row: StationRecord, next: Next): string[] {
  return COMPARED.filter((k) =>
    k === 'services' ? !same([...row.services].sort(), [...next.services].sort()) : !same(row[k], next[k]),
  );
}

/** The day a status took effect, for the lifecycle history. */
function effectiveOn(next: Next, today: string): string {
  const on = next.status === 'closed' ? next.closedOn : next.status === 'suspended' ? next.suspendedOn : next.openedOn;
  return on ?? today;
}

interface Refs {
  /** Document organization id → our id (a credit-code match may differ). */
  orgIds: Map<string, string>;
  /** Document service id → station_service value. */
  services: Map<string, string>;
}

/** Each location's services, from the service_at_location links, with the link's path per service. */
function linksByLocation(parsed: ParsedDocument, refs: Refs, errors: FieldError[]) {
  const locationIds = new Set(parsed.stations.map((s) => s.id));
  const by = new Map<string, { value: string; root: string }[]>();
  for (const l of parsed.links) {
    const value = refs.services.get(l.serviceId);
    if (!locationIds.has(l.locationId))
      errors.push({ path: `${l.root}/location_id`, message: 'validation.hsds.unknownLocation' });
    else if (!value) errors.push({ path: `${l.root}/service_id`, message: 'validation.station.unknownService' });
    else {
      const list = by.get(l.locationId) ?? [];
      if (!list.some((x) => x.value === value)) list.push({ value, root: l.root });
      by.set(l.locationId, list);
    }
  }
  return by;
}

/**
 * Stations, through the station rules (region in scope and of the right level for the kind, known
 * organization and services, plausible coordinates, dates fitting the status, lifecycle
 * transitions, one operating town station per town). A hidden station keeps its flag: the
 * document never carries it.
 */
export async function importStations(
  tx: Db,
  ctx: Ctx,
  params: Pick<ParamsCache, 'int'>,
  parsed: ParsedDocument,
  refs: Refs,
  report: ImportReport,
  errors: FieldError[],
) {
  const links = linksByLocation(parsed, refs, errors);
  const existing = new Map(
    (
      await unscopedFindStations(
        tx,
        parsed.stations.map((s) => s.id),
      )
    ).map((r) => [r.id, r]),
  );
  const today = localDate(ctx.now);
  for (const st of parsed.stations) {
    const row = existing.get(st.id);
    if (row && !inScope(row.regionCode, ctx.actor.scopes)) {
      errors.push(outOfScope(`${st.root}/id`));
      continue;
    }
    const serviceLinks = links.get(st.id) ?? [];
    const paths = {
      ...st.paths,
      ...Object.fromEntries(serviceLinks.map((l, i) => [`services.${i}`, `${l.root}/service_id`])),
    };
    await collecting(errors, { root: st.root, paths }, async () => {
      const s = st.input;
      const input: StationInput = {
        ...s,
        organizationId: s.organizationId ? (refs.orgIds.get(s.organizationId) ?? s.organizationId) : null,
        services: serviceLinks.map((l) => l.value),
        hidden: row?.hidden ?? false,
        overrideReason: s.overrideReason ?? undefined,
      };
      const next: Next = {
        ...stationColumns(input),
        status: s.status,
        openedOn: s.openedOn,
        suspendedOn: s.suspendedOn,
        closedOn: s.closedOn,
      };
      const dates = { openedOn: s.openedOn, suspendedOn: s.suspendedOn, closedOn: s.closedOn };
      if (!row) {
        await create(tx, ctx, params, st, input, next, today);
        report.locations.created++;
        report.service_at_locations.created += next.services.length;
        return;
      }
      const changed = changes(row, next);
      const linked = next.services.filter((v) => row.services.includes(v)).length;
      report.service_at_locations.unchanged += linked;
      report.service_at_locations.created += next.services.length - linked;
      if (changed.length === 0) {
        report.locations.unchanged++;
        return;
      }
      if (row.status !== next.status) assertTransition(row.status as StationStatus, next.status);
      assertDates(next.status, dates);
      const coordsChanged = changed.some(
        (k) => k === 'lng' || k === 'lat' || k === 'regionCode' || k === 'coordConfirmed',
      );
      const review = await checkStation(tx, ctx, params, input, {
        exceptId: row.id,
        coordsChanged,
        orgChanged: changed.includes('organizationId'),
      });
      const coordReview: CoordReview | null = review === undefined ? (row.coordReview as CoordReview | null) : review;
      const recheckTown =
        next.status === 'operating' &&
        next.kind === 'town' &&
        ['status', 'kind', 'regionCode'].some((k) => changed.includes(k));
      const override = recheckTown
        ? await assertTownFree(tx, ctx, next.regionCode, input.overrideReason, row.id)
        : null;
      // Another edit since the document's records were looked up refuses this one (VERSION_CONFLICT).
      await updateVersioned(tx, stations, row.id, row.version, {
        ...next,
        coordReview,
        ...(recheckTown ? { overrideReason: override?.reason ?? null } : {}),
        updatedAt: ctx.now,
      });
      if (row.status !== next.status) {
        await tx.insert(stationStatusHistory).values({
          stationId: row.id,
          fromStatus: row.status,
          toStatus: next.status,
          on: effectiveOn(next, today),
          reason: 'HSDS',
          overrideReason: override?.reason ?? null,
          actorId: ctx.actor.id,
          actorName: ctx.actor.username,
          at: ctx.now,
        });
      }
      await writeAudit(tx, ctx, {
        action: 'update',
        entity: 'station',
        entityIds: [row.id],
        regionCode: next.regionCode,
        fields: changed,
        detail: { source: 'hsds', ...(override ? { override } : {}) },
      });
      report.locations.updated++;
    });
  }
}

async function create(
  tx: Db,
  ctx: Ctx,
  params: Pick<ParamsCache, 'int'>,
  st: ParsedStation,
  input: StationInput,
  next: Next,
  today: string,
) {
  assertDates(next.status, { openedOn: next.openedOn, suspendedOn: next.suspendedOn, closedOn: next.closedOn });
  const coordReview = (await checkStation(tx, ctx, params, input, { coordsChanged: true, orgChanged: true })) ?? null;
  const override =
    next.status === 'operating' && next.kind === 'town'
      ? await assertTownFree(tx, ctx, next.regionCode, input.overrideReason)
      : null;
  await tx.insert(stations).values({
    id: st.id,
    ...next,
    coordReview,
    overrideReason: override?.reason ?? null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  await tx.insert(stationStatusHistory).values({
    stationId: st.id,
    fromStatus: null,
    toStatus: next.status,
    on: effectiveOn(next, today),
    reason: 'HSDS',
    overrideReason: override?.reason ?? null,
    actorId: ctx.actor.id,
    actorName: ctx.actor.username,
    at: ctx.now,
  });
  await writeAudit(tx, ctx, {
    action: 'create',
    entity: 'station',
    entityIds: [st.id],
    regionCode: next.regionCode,
    fields: Object.keys(next),
    detail: {
      name: next.name,
      kind: next.kind,
      status: next.status,
      source: 'hsds',
      ...(override ? { override } : {}),
      ...(coordReview ? { coordReview } : {}),
    },
  });
}
