/** Placeholders Leaflet fills in ({s} subdomain, {z}/{x}/{y}/{-y} tile, {r} retina) plus our {key}. */
const PLACEHOLDERS = new Set(['s', 'z', 'x', 'y', '-y', 'r', 'key']);
const DEFAULT_SUBDOMAINS = 'abc';

export interface TileSource {
  url: string;
  labelUrl: string;
  key: string;
  subdomains: string;
  crs: 'wgs84' | 'gcj02';
  attribution: string;
}

/** Why a tile URL template cannot work, or null when it can. */
export function tileTemplateProblem(template: string): string | null {
  const names = [...template.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
  const unknown = names.find((n) => !PLACEHOLDERS.has(n));
  if (unknown !== undefined) return `unknown placeholder {${unknown}}`;
  if (!names.includes('z') || !names.includes('x') || !(names.includes('y') || names.includes('-y')))
    return 'needs {z}, {x} and {y}';
  try {
    const url = new URL(sample(template, 'a'));
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return 'must be http(s)';
  } catch {
    return 'not a URL';
  }
  return null;
}

function sample(template: string, subdomain: string) {
  return template.replaceAll('{s}', subdomain).replace(/\{[^}]*\}/g, '0');
}

/** The template as the browser uses it: the key filled in, the tile placeholders left for Leaflet. */
export function resolveTemplate(template: string, key: string): string {
  return template.replaceAll('{key}', encodeURIComponent(key));
}

/**
 * Where the configured tiles come from, for the map page's img-src: one origin per subdomain, so
 * the policy names hosts, never a wildcard.
 */
export function tileOrigins(source: TileSource): string[] {
  const origins = new Set<string>();
  for (const template of [source.url, source.labelUrl]) {
    if (!template || tileTemplateProblem(template) !== null) continue;
    const subdomains = template.includes('{s}') ? [...(source.subdomains || DEFAULT_SUBDOMAINS)] : [''];
    for (const s of subdomains) origins.add(new URL(sample(template, s)).origin);
  }
  return [...origins];
}
