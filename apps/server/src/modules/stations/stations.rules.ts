import { AppError, type FieldError, validationError } from '../../platform/errors.ts';

export const STATION_KINDS = ['hub', 'town', 'community', 'point', 'mental_health', 'outpost'] as const;
export type StationKind = (typeof STATION_KINDS)[number];
export const STATION_STATUSES = ['planned', 'operating', 'suspended', 'closed'] as const;
export type StationStatus = (typeof STATION_STATUSES)[number];
export type CoordReview = 'outside_china' | 'far_from_region';

/** Which region levels each kind of station may sit on (GLOSSARY: a town station on a town, …). */
const KIND_LEVELS: Record<StationKind, { levels: readonly number[]; message: string }> = {
  hub: { levels: [2, 3], message: 'validation.station.hubLevel' },
  town: { levels: [4], message: 'validation.station.townLevel' },
  community: { levels: [5], message: 'validation.station.communityLevel' },
  point: { levels: [3, 4, 5], message: 'validation.station.otherLevel' },
  mental_health: { levels: [3, 4, 5], message: 'validation.station.otherLevel' },
  outpost: { levels: [3, 4, 5], message: 'validation.station.otherLevel' },
};

export function assertKindLevel(kind: StationKind, region: { level: number; kind: string }, path = 'regionCode'): void {
  const rule = KIND_LEVELS[kind];
  if (!rule.levels.includes(region.level)) throw validationError(path, rule.message);
  // "X区直辖村级区划" only groups villages; a station there would count towards no town's coverage.
  if ((kind === 'town' || kind === 'community') && region.kind === 'placeholder')
    throw validationError(path, 'validation.station.placeholderRegion');
}

/** 筹建 → 运营 → 暂停 ⇄ 运营 → 撤销; a closed station stays closed (a new one is registered instead). */
const TRANSITIONS: Record<StationStatus, readonly StationStatus[]> = {
  planned: ['operating', 'closed'],
  operating: ['suspended', 'closed'],
  suspended: ['operating', 'closed'],
  closed: [],
};

export function assertTransition(from: StationStatus, to: StationStatus): void {
  if (!TRANSITIONS[from].includes(to)) {
    throw new AppError('CONFLICT', {
      errors: [{ path: 'status', message: 'validation.station.transition', params: { from, to } }],
    });
  }
}

export interface StationDates {
  openedOn: string | null;
  suspendedOn: string | null;
  closedOn: string | null;
}

/**
 * The dates must fit the status (a closing date only on a closed station, an opening date on
 * any station that has operated) and each other. `path` names the field for lifecycle actions,
 * where the date arrives as `on`.
 */
export function assertDates(status: StationStatus, d: StationDates, path?: string): void {
  const errors: FieldError[] = [];
  const at = (field: keyof StationDates) => path ?? field;
  if ((status === 'operating' || status === 'suspended') && !d.openedOn)
    errors.push({ path: at('openedOn'), message: 'validation.station.openedRequired' });
  if (d.suspendedOn && status !== 'suspended')
    errors.push({ path: at('suspendedOn'), message: 'validation.station.dateForStatus' });
  if (d.closedOn && status !== 'closed')
    errors.push({ path: at('closedOn'), message: 'validation.station.dateForStatus' });
  if (d.openedOn && d.suspendedOn && d.suspendedOn < d.openedOn)
    errors.push({ path: at('suspendedOn'), message: 'validation.station.suspendedBeforeOpened' });
  if (d.openedOn && d.closedOn && d.closedOn < d.openedOn)
    errors.push({ path: at('closedOn'), message: 'validation.station.closedBeforeOpened' });
  if (errors.length) throw new AppError('VALIDATION', { errors });
}

/** China's bounding box (WGS-84), with the South China Sea islands. */
export const CHINA_BOX = { minLng: 73.5, maxLng: 135.1, minLat: 3.8, maxLat: 53.6 } as const;

export interface Point {
  lng: number;
  lat: number;
}

export function haversineKm(a: Point, b: Point): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Unusual coordinates — outside China, or more than `maxKm` from the centroid of the region's
 * other stations (a swapped lng/lat, a GCJ-02 or BD-09 point, a typo) — are refused unless the
 * administrator confirms them; confirmed ones return their reason and are listed for review.
 */
export function checkCoordinates(
  point: Point | null,
  centroid: Point | null,
  maxKm: number,
  confirmed: boolean,
): CoordReview | null {
  if (!point) return null;
  const outLng = point.lng < CHINA_BOX.minLng || point.lng > CHINA_BOX.maxLng;
  const outLat = point.lat < CHINA_BOX.minLat || point.lat > CHINA_BOX.maxLat;
  if (outLng || outLat) {
    if (confirmed) return 'outside_china';
    throw validationError(outLng ? 'lng' : 'lat', 'validation.station.coordOutsideChina');
  }
  if (!centroid) return null;
  const km = haversineKm(point, centroid);
  if (km <= maxKm) return null;
  if (confirmed) return 'far_from_region';
  throw validationError('lng', 'validation.station.coordFar', { km: Math.round(km), max: maxKm });
}

/** The region whose stations' centroid a station is compared with: its county (or itself above that). */
export function centroidRegion(regionCode: string): string {
  return regionCode.slice(0, 6);
}
