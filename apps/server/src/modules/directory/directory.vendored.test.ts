import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const VENDORED = path.join(import.meta.dirname, 'hsds-3.0');

/** SHA256SUMS: the SHA-256 of each file as the HSDS 3.0 release publishes it (`schema/*.json`, `LICENSE`). */
const published = new Map(
  readFileSync(path.join(VENDORED, 'SHA256SUMS'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [sum, name] = line.split(/\s+/);
      return [name, sum] as const;
    }),
);
const sha256 = (file: string) =>
  createHash('sha256')
    .update(readFileSync(path.join(VENDORED, file)))
    .digest('hex');

/** The records the import validates and every schema they reference, directly or not. */
const NEEDED = [
  'accessibility',
  'address',
  'attribute',
  'contact',
  'cost_option',
  'funding',
  'language',
  'location',
  'metadata',
  'organization',
  'organization_identifier',
  'phone',
  'program',
  'required_document',
  'schedule',
  'service',
  'service_area',
  'service_at_location',
  'taxonomy',
  'taxonomy_term',
].map((n) => `${n}.json`);

describe('vendored HSDS 3.0 schemas', () => {
  it("are byte-identical to the standard's modular schemas, with its licence", () => {
    const files = readdirSync(VENDORED).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(NEEDED);
    for (const f of [...files, 'LICENSE']) expect(sha256(f), f).toBe(published.get(f));
    expect([...published.keys()].sort()).toEqual([...NEEDED, 'LICENSE'].sort());
  });

  it('reference no schema left out', () => {
    const refs = new Set<string>();
    for (const f of NEEDED)
      for (const [, ref] of readFileSync(path.join(VENDORED, f), 'utf8').matchAll(/"\$ref":\s*"([^"]+)"/g))
        refs.add(ref);
    expect([...refs].filter((r) => !NEEDED.includes(r))).toEqual([]);
  });
});
