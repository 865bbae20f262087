import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/** The tests run with /work/shared beside the checkout: the standard lives at ../shared from the repo root. */
const REPO = path.resolve(import.meta.dirname, '../../../../..');
const STANDARD = path.resolve(REPO, '../shared/standards/hsds-3.0');
const VENDORED = path.join(import.meta.dirname, 'hsds-3.0');

/** The records the import validates and every schema they reference, directly or not. */
const NEEDED = [
  'accessibility', 'address', 'attribute', 'contact', 'cost_option', 'funding', 'language', 'location', 'metadata', 'organization',
  'organization_identifier', 'phone', 'program', 'required_document', 'schedule', 'service', 'service_area', 'service_at_location',
  'taxonomy', 'taxonomy_term',
].map((n) => `${n}.json`);

describe('vendored HSDS 3.0 schemas', () => {
  it('are byte-identical to the standard\'s modular schemas, with its licence', () => {
    const files = readdirSync(VENDORED).filter((f) => f.endsWith('.json'));
    expect(files.sort()).toEqual(NEEDED);
    for (const f of files) expect(readFileSync(path.join(VENDORED, f)).equals(readFileSync(path.join(STANDARD, 'schema', f))), f).toBe(true);
    expect(readFileSync(path.join(VENDORED, 'LICENSE')).equals(readFileSync(path.join(STANDARD, 'LICENSE')))).toBe(true);
  });

  it('reference no schema left out', () => {
    const refs = new Set<string>();
    for (const f of NEEDED) for (const [, ref] of readFileSync(path.join(VENDORED, f), 'utf8').matchAll(/"\$ref":\s*"([^"]+)"/g)) refs.add(ref);
    expect([...refs].filter((r) => !NEEDED.includes(r))).toEqual([]);
  });
});
