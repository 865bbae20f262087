import { BUILTIN_ROLES } from '@lianxin/shared';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/app.ts';
import { createOrganization, createWorker } from '../../test/factories.ts';

/**
 * Reveals and imports are limited per signed-in user (30 and 10 a minute by default), one count
 * across all routes of a kind, found by path (`…/reveal`, `…/import`) and permission (`…:import`).
 */
const t = useTestApp();

const kinds = (method: string, url: string) => method === 'POST' && url.startsWith('/api/v1');

describe('per-user limits on reveals and imports', () => {
  it('the 31st reveal within a minute is a 429 on every reveal route; another user is unaffected', async () => {
    const worker = await createWorker(t.database.db, t.pii, { regionCode: '441202' });
    const org = await createOrganization(t.database.db, { regionCode: '441202' });
    const a = await t.loginAs({ role: 'region_admin', regionCode: '441202' });
    const b = await t.loginAs({ role: 'region_admin', regionCode: '441202' });
    const reveal = (cookie: string, url = `/api/v1/workers/${worker.id}/reveal`, field = 'idNumber') =>
      t.app.inject({ method: 'POST', url, headers: { cookie }, payload: { field } });

    const first = [];
    for (let i = 0; i < 30; i++) first.push((await reveal(a.cookie)).statusCode);
    expect(first).toEqual(Array(30).fill(200));

    const over = await reveal(a.cookie);
    expect(over.statusCode).toBe(429);
    expect(over.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(over.json()).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);

    // Every reveal route shares the count: a user cannot spread 30 a minute over each kind of record.
    const revealRoutes = t.app.routeTable.filter((r) => kinds(r.method, r.url) && r.url.endsWith('/reveal'));
    expect(revealRoutes.length).toBeGreaterThanOrEqual(3);
    const ids: Record<string, string> = { workers: worker.id, organizations: org.id, users: b.id };
    for (const r of revealRoutes) {
      const url = r.url.replace(':id', ids[r.url.split('/')[3]] ?? worker.id);
      const res = await reveal(a.cookie, url, 'phone');
      expect([r.url, res.statusCode]).toEqual([r.url, 429]);
    }
    // The limit is the user's, not the address's: b comes from the same address.
    expect((await reveal(b.cookie)).statusCode).toBe(200);
  });

  it('the 11th import within a minute is a 429 on every import route, Excel and HSDS alike', async () => {
    const a = await t.loginAs({ role: 'region_admin', regionCode: '441202' });
    const b = await t.loginAs({ role: 'region_admin', regionCode: '441202' });
    // Those a region administrator may call (the region import is the system administrator's).
    const held = new Set<string>(BUILTIN_ROLES.region_admin.permissions);
    const importRoutes = t.app.routeTable.filter(
      (r) =>
        kinds(r.method, r.url) &&
        (r.url.endsWith('/import') || r.url === '/api/v1/directory/hsds') &&
        held.has(r.permission),
    );
    expect(importRoutes.map((r) => r.url)).toEqual(
      expect.arrayContaining(['/api/v1/workers/import', '/api/v1/stations/import', '/api/v1/directory/hsds']),
    );
    // Requests without a file: each is refused with a 400, and each counts.
    const send = (cookie: string, url = '/api/v1/workers/import') =>
      t.app.inject({ method: 'POST', url, headers: { cookie, 'content-type': 'application/json' }, payload: '{}' });
    const first = [];
    for (let i = 0; i < 10; i++) first.push((await send(a.cookie)).statusCode);
    expect(first.every((s) => s !== 429)).toBe(true);
    for (const r of importRoutes) {
      const res = await send(a.cookie, r.url);
      expect([r.url, res.statusCode, res.json().code]).toEqual([r.url, 429, 'RATE_LIMITED']);
    }
    expect((await send(b.cookie)).statusCode).not.toBe(429);
  });
});
