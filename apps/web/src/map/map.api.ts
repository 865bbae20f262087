import createClient from 'openapi-fetch';
import type { paths } from '../api/schema';
import type { Ok } from '../api/types';
import type { MapLanguage } from './map.i18n';

export type PublicStation = Ok<'/api/v1/public/stations'>['rows'][number];
export type MapOptions = Ok<'/api/v1/public/stations/options'>;
export type RegionLabel = Ok<'/api/v1/public/stations/labels'>['rows'][number];
export type MapConfig = Ok<'/api/v1/public/map/config'>;

// The console's client carries the session redirect and the console's dictionaries; the public
// map needs neither, so it has its own client from the same generated types.
const api = createClient<paths>({ baseUrl: '', credentials: 'omit' });

export class MapLoadError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

async function ok<T>(call: Promise<{ data?: T; response: Response }>): Promise<T> {
  const { data, response } = await call;
  if (!response.ok || data === undefined) throw new MapLoadError(response.status);
  return data;
}

const PAGE_SIZE = 2000;

/** Everything the map shows, loaded once: filtering, search and "near me" then run in the browser. */
export async function loadMapData(lang: MapLanguage, regionCode?: string) {
  const headers = { 'Accept-Language': lang };
  const [config, options, labels, first] = await Promise.all([
    ok(api.GET('/api/v1/public/map/config', { headers })),
    ok(api.GET('/api/v1/public/stations/options', { headers })),
    ok(api.GET('/api/v1/public/stations/labels', { headers })),
    ok(api.GET('/api/v1/public/stations', { headers, params: { query: { pageSize: PAGE_SIZE, regionCode } } })),
  ]);
  const stations = [...first.rows];
  for (let page = 2; stations.length < first.total; page++) {
    const next = await ok(
      api.GET('/api/v1/public/stations', { headers, params: { query: { page, pageSize: PAGE_SIZE, regionCode } } }),
    );
    if (next.rows.length === 0) break;
    stations.push(...next.rows);
  }
  const inRegion = (l: RegionLabel) => !regionCode || l.code.startsWith(regionCode);
  return { config, options, labels: labels.rows.filter(inRegion), stations };
}
