import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../../..');
const LOADER = 'apps/server/src/platform/excel/exceljs.mjs';

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (
      /\.(ts|mts|mjs|js|cjs)$/.test(entry.name) &&
      !entry.name.endsWith('.d.mts') &&
      !entry.name.endsWith('.d.ts')
    )
      yield path;
  }
}

describe('loading exceljs', () => {
  it('happens in platform/excel/exceljs.mjs alone, which gives it the streaming decoder', () => {
    // Type-only imports are erased; any other import or require of exceljs (or one of its files)
    // would load it without the fix and decode Chinese text split across chunks as U+FFFD.
    const loads =
      /(?:import\s+(?!type\b)[^'"]*?from\s*|import\s*\(\s*|require\s*\(\s*|import\s+)['"]exceljs(?:\/[^'"]*)?['"]/;
    const offenders = ['apps/server/src', 'apps/server/test', 'apps/server/bin', 'bench']
      .flatMap((d) => [...sources(join(root, d))])
      .map((p) => relative(root, p))
      .filter((p) => p !== LOADER && loads.test(readFileSync(join(root, p), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
