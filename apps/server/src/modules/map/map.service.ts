import type { ParamsCache } from '../params/params.service.ts';
import { resolveTemplate, type TileSource, tileOrigins } from './map.tiles.ts';

async function tileSource(params: ParamsCache): Promise<TileSource> {
  const [url, labelUrl, key, subdomains, crs, attribution] = await Promise.all([
    params.get('map.tiles.url'),
    params.get('map.tiles.labelUrl'),
    params.get('map.tiles.key'),
    params.get('map.tiles.subdomains'),
    params.get('map.tiles.crs'),
    params.get('map.tiles.attribution'),
  ]);
  return { url, labelUrl, key, subdomains, crs: crs === 'gcj02' ? 'gcj02' : 'wgs84', attribution };
}

/**
 * What the public map needs to draw its base layer. The key goes to the browser: a Tianditu
 * browser key travels in every tile request anyway, and is restricted by the referring domain.
 * With no tile URL configured, `tiles` is null and the map draws on a plain background.
 */
export async function publicMapConfig(params: ParamsCache) {
  const source = await tileSource(params);
  return {
    name: await params.get('sys.name'),
    tiles: source.url
      ? {
          url: resolveTemplate(source.url, source.key),
          labelUrl: source.labelUrl ? resolveTemplate(source.labelUrl, source.key) : null,
          subdomains: source.subdomains,
          crs: source.crs,
          attribution: source.attribution,
        }
      : null,
  };
}

/** The tile hosts the map page's Content-Security-Policy must allow (none when unconfigured). */
export async function mapImageOrigins(params: ParamsCache): Promise<string[]> {
  const source = await tileSource(params);
  return source.url ? tileOrigins(source) : [];
}
