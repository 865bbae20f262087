import { inScope } from '../../platform/access.ts';
import { pathCodes } from '../regions/regions.repo.ts';
import type { Actor } from '../../platform/context.ts';
import type { StationRow } from './stations.repo.ts';
import type { CoordReview, StationKind, StationStatus } from './stations.rules.ts';
import type { stationStatusHistory } from './stations.table.ts';

export type DemonstrationLevel = 'national' | 'provincial' | 'city' | 'county';

export interface StationExtras {
  /** Region names by code, for the station's region and its ancestors. */
  regionNames: Map<string, string>;
}

export function stationRegionCodes(rows: readonly { regionCode: string }[]): string[] {
  return [...new Set(rows.flatMap((r) => pathCodes(r.regionCode)))];
}

export function presentStation(r: StationRow, x: StationExtras, viewer: Actor) {
  const names = pathCodes(r.regionCode)
    .map((c) => x.regionNames.get(c))
    .filter((n): n is string => !!n);
  return {
    id: r.id,
    kind: r.kind as StationKind,
    regionCode: r.regionCode,
    regionName: x.regionNames.get(r.regionCode) ?? r.regionCode,
    regionPath: names.join('/'),
    name: r.name,
    organization: r.organizationId ? { id: r.organizationId, name: r.organizationName ?? '' } : null,
    address: r.address,
    lng: r.lng,
    lat: r.lat,
    openingHours: r.openingHours,
    phone: r.phone,
    services: r.services,
    status: r.status as StationStatus,
    openedOn: r.openedOn,
    suspendedOn: r.suspendedOn,
    closedOn: r.closedOn,
    demonstration: r.demonstration,
    demonstrationLevel: r.demonstrationLevel as DemonstrationLevel | null,
    demonstrationYear: r.demonstrationYear,
    hidden: r.hidden,
    coordConfirmed: r.coordConfirmed,
    needsReview: r.coordReview !== null,
    coordReview: r.coordReview as CoordReview | null,
    overrideReason: r.overrideReason,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
    abilities: {
      update: viewer.permissions.has('network:station:update') && inScope(r.regionCode, viewer.scopes),
      lifecycle:
        viewer.permissions.has('network:station:lifecycle') &&
        inScope(r.regionCode, viewer.scopes) &&
        r.status !== 'closed',
    },
  };
}

export type StationDto = ReturnType<typeof presentStation>;

export function presentHistory(h: typeof stationStatusHistory.$inferSelect) {
  return {
    fromStatus: h.fromStatus as StationStatus | null,
    toStatus: h.toStatus as StationStatus,
    on: h.on,
    reason: h.reason,
    overrideReason: h.overrideReason,
    actorName: h.actorName,
    at: h.at.toISOString(),
  };
}
