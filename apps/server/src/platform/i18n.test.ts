import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { translate } from './i18n.ts';

/** Every validation key written literally in the server's or the shared package's code. */
function keysInSource(): string[] {
  const roots = [
    path.resolve(import.meta.dirname, '..'),
    path.resolve(import.meta.dirname, '../../../../packages/shared/src'),
  ];
  const keys = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) {
        for (const m of fs.readFileSync(p, 'utf8').matchAll(/'(validation\.[a-zA-Z]+\.[a-zA-Z]+)'/g)) keys.add(m[1]);
      }
    }
  };
  roots.forEach(walk);
  return [...keys].sort();
}

describe('server messages', () => {
  it('translate every validation key the code emits, in both languages', () => {
    const keys = keysInSource();
    expect(keys.length).toBeGreaterThan(40);
    const missing = keys.flatMap((k) =>
      (['zh-CN', 'en-US'] as const).filter((l) => translate(l, k) === k).map((l) => `${l} ${k}`),
    );
    expect(missing).toEqual([]);
  });
});
