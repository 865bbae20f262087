import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { useTestApp } from '../../test/app.ts';
import { createStation, createUser, TEST_PASSWORD } from '../../test/factories.ts';

const t = useTestApp();

describe('Cache-Control on the API', () => {
  it('no browser or proxy keeps an authenticated answer, an error or the login answer', async () => {
    const { cookie } = await t.loginAs({ role: 'social_worker', regionCode: '441202' });
    const signedIn = await createUser(t.database.db, t.pii, { regionCode: '441202' });
    const answers = [
      await t.app.inject({ url: '/api/v1/me', headers: { cookie } }),
      await t.app.inject({ url: '/api/v1/stations', headers: { cookie } }),
      await t.app.inject({ url: '/api/v1/stations/00000000-0000-7000-8000-000000000000', headers: { cookie } }),
      await t.app.inject({ url: '/api/v1/stations' }), // 401
      await t.app.inject({ url: '/api/v1/no-such-thing' }),
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: 'nobody', password: 'wrong-password-1' },
      }),
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: signedIn.username, password: TEST_PASSWORD },
      }),
    ];
    expect(answers.map((r) => [r.statusCode, r.headers['cache-control']])).toEqual([
      [200, 'no-store'],
      [200, 'no-store'],
      [404, 'no-store'],
      [401, 'no-store'],
      [404, 'no-store'],
      [401, 'no-store'],
      [200, 'no-store'],
    ]);
  });

  it('a public answer keeps the caching it chose', async () => {
    await createStation(t.database.db, { regionCode: '441202001', status: 'operating' });
    const res = await t.app.inject({ url: '/api/v1/public/stations' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toMatch(/public|max-age/);
  });
});

describe('Permissions-Policy', () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-web-'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>连心</title>');
  fs.writeFileSync(path.join(dist, 'map.html'), '<!doctype html><title>地图</title>');
  afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

  it('switches off camera, microphone, payment and devices everywhere, and lets the map ask for the location', async () => {
    const app = await buildApp({
      database: t.database,
      pii: t.pii,
      clock: t.clock,
      config: loadConfig({ LIANXIN_DEMO: 'off', LIANXIN_WEB_DIST: dist }),
    });
    const policies = new Set<string>();
    for (const url of [
      '/',
      '/map',
      '/api/v1/stations',
      '/api/v1/public/stations',
      '/healthz',
      '/api/v1/no-such-thing',
    ]) {
      const res = await app.inject({ url });
      policies.add(String(res.headers['permissions-policy']));
    }
    // One policy, computed once, on pages, API answers and errors alike.
    expect(policies.size).toBe(1);
    const policy = Object.fromEntries([...policies][0].split(', ').map((d) => d.split('=')));
    expect(policy).toMatchObject({ camera: '()', microphone: '()', payment: '()', usb: '()', geolocation: '(self)' });
    await app.close();
  });
});
