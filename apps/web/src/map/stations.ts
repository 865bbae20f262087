import type { PublicStation } from './map.api';
import type { MapLanguage } from './map.i18n';

export interface LngLat {
  lng: number;
  lat: number;
}

export interface StationFilter {
  kind: string;
  service: string;
  q: string;
}

/** Great-circle distance in metres (WGS-84 in, as the browser's location and the stored points are). */
export function distanceM(a: LngLat, b: LngLat): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** 850 米 / 850 m, 1.2 公里 / 1.2 km, 36 公里: metres under a kilometre, one decimal under ten. */
export function formatDistance(m: number, lang: MapLanguage): string {
  const [metres, km] = lang === 'en-US' ? ['m', 'km'] : ['米', '公里'];
  if (m < 1000) return `${Math.max(10, Math.round(m / 10) * 10)} ${metres}`;
  if (m < 10_000) return `${(m / 1000).toFixed(1)} ${km}`;
  return `${Math.round(m / 1000)} ${km}`;
}

const normalise = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');

export interface ListedStation {
  station: PublicStation;
  /** Metres from the visitor, when "near me" is on and the station has coordinates. */
  distance: number | null;
}

/** The stations the list and the map both show: filtered, then nearest first when the visitor's place is known. */
export function selectStations(
  stations: readonly PublicStation[],
  f: StationFilter,
  me: LngLat | null,
): ListedStation[] {
  const q = normalise(f.q);
  const rows = stations
    .filter((s) => (!f.kind || s.kind === f.kind) && (!f.service || s.services.some((x) => x.value === f.service)))
    .filter(
      (s) =>
        !q || normalise(s.name).includes(q) || normalise(s.address).includes(q) || normalise(s.regionPath).includes(q),
    )
    .map((station) => ({
      station,
      distance:
        me && station.lng !== null && station.lat !== null
          ? distanceM(me, { lng: station.lng, lat: station.lat })
          : null,
    }));
  if (me) rows.sort((a, b) => (a.distance ?? Number.POSITIVE_INFINITY) - (b.distance ?? Number.POSITIVE_INFINITY));
  return rows;
}
