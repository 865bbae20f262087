import type { Db } from '../../db/client.ts';
import { dictLabels } from '../dicts/dicts.service.ts';
import { findRegions } from '../regions/regions.repo.ts';
import { stationRegionCodes } from './stations.presenter.ts';
import {
  type PublicStationFilter,
  type StationRow,
  unscopedListPublicStations,
  unscopedPublicStationCentroids,
} from './stations.repo.ts';
import { haversineKm, type Point, type StationKind } from './stations.rules.ts';

type Labels = Map<string, { label: string; labelEn: string }>;

/**
 * What anyone may see of a station: where it is, when it is open, how to call it, what it offers.
 * No review state, override reasons, history or anything about people.
 */
function presentPublicStation(
  r: StationRow,
  regionNames: Map<string, string>,
  services: Labels,
  near: Point | undefined,
) {
  const codes = stationRegionCodes([r]);
  const point = r.lng !== null && r.lat !== null ? { lng: r.lng, lat: r.lat } : null;
  return {
    id: r.id,
    kind: r.kind as StationKind,
    name: r.name,
    regionCode: r.regionCode,
    regionName: regionNames.get(r.regionCode) ?? '',
    // From the city down: 肇庆市/端州区/端州区城东街道.
    regionPath: codes
      .slice(1)
      .map((c) => regionNames.get(c))
      .filter(Boolean)
      .join('/'),
    organizationName: r.organizationName,
    address: r.address,
    lng: r.lng,
    lat: r.lat,
    openingHours: r.openingHours,
    phone: r.phone,
    services: r.services.map((value) => ({
      value,
      label: services.get(value)?.label ?? value,
      labelEn: services.get(value)?.labelEn ?? value,
    })),
    demonstration: r.demonstration,
    distanceKm: near && point ? Math.round(haversineKm(near, point) * 10) / 10 : null,
  };
}

export async function listPublicStations(db: Db, filter: PublicStationFilter) {
  const { rows, total } = await unscopedListPublicStations(db, filter);
  const [regions, services] = await Promise.all([
    findRegions(db, stationRegionCodes(rows)),
    dictLabels(db, 'station_service'),
  ]);
  const names = new Map(regions.map((r) => [r.code, r.name]));
  return { rows: rows.map((r) => presentPublicStation(r, names, services, filter.near)), total };
}

/** The map's filter choices, with labels, so the public page needs no login to read dictionaries. */
export async function publicStationOptions(db: Db) {
  const [kinds, services] = await Promise.all([
    dictLabels(db, 'station_kind', true),
    dictLabels(db, 'station_service', true),
  ]);
  const list = (m: Labels) => [...m].map(([value, l]) => ({ value, label: l.label, labelEn: l.labelEn }));
  return { kinds: list(kinds), services: list(services) };
}

/**
 * County and town names placed at the centre of their public stations: the labels of a map that
 * has no base layer. Regions without a public station get no label.
 */
export async function publicRegionLabels(db: Db) {
  const centroids = await unscopedPublicStationCentroids(db);
  const regions = new Map(
    (
      await findRegions(
        db,
        centroids.map((c) => c.code),
      )
    ).map((r) => [r.code, r]),
  );
  const rows = centroids.flatMap((c) => {
    const region = regions.get(c.code);
    if (!region) return [];
    return [
      {
        code: c.code,
        name: region.name,
        level: region.level,
        lng: round6(c.lng),
        lat: round6(c.lat),
        stations: c.stations,
      },
    ];
  });
  return { rows: rows.sort((a, b) => a.code.localeCompare(b.code)) };
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;
