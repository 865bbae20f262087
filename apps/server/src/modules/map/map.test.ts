import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';

// A stand-in for the built web app, so the pages are served as in production.
const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-web-'));
fs.writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>console</title>');
fs.writeFileSync(path.join(webDist, 'map.html'), '<!doctype html><title>map</title>');
afterAll(() => fs.rmSync(webDist, { recursive: true, force: true }));

const t = useTestApp({ LIANXIN_PUBLIC_RATE_LIMIT: '20', LIANXIN_WEB_DIST: webDist });

const TIANDITU =
  'https://t{s}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk={key}';

async function setParams(values: Record<string, string>) {
  const sys = await t.loginAs({ role: 'sysadmin', regionCode: '' });
  for (const [key, value] of Object.entries(values)) {
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/params/${key}`,
      headers: { cookie: sys.cookie },
      payload: { value, version: 1 },
    });
    expect(res.statusCode, `${key}: ${res.body}`).toBe(200);
  }
}

const config = (remoteAddress = '10.0.0.1') => t.app.inject({ url: '/api/v1/public/map/config', remoteAddress });
const imgSrc = (csp: unknown) =>
  String(csp)
    .split(';')
    .find((d) => d.startsWith('img-src'));

describe('the public map configuration', () => {
  it('needs no login and has no tiles until the administrator configures them', async () => {
    const res = await config();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ name: '连心社会工作服务平台', tiles: null });
    expect(res.headers['cache-control']).toBe('public, max-age=60');
  });

  it('gives the browser the configured Tianditu source with its key filled in', async () => {
    await setParams({
      'map.tiles.url': TIANDITU,
      'map.tiles.key': 'k3y',
      'map.tiles.subdomains': '01234567',
      'map.tiles.crs': 'gcj02',
      'map.tiles.attribution': '© 天地图 GS(2024)0568号',
    });
    const { tiles } = (await config()).json();
    expect(tiles).toMatchObject({
      labelUrl: null,
      subdomains: '01234567',
      crs: 'gcj02',
      attribution: '© 天地图 GS(2024)0568号',
    });
    expect(tiles.url).toMatch(
      /^https:\/\/t\{s\}\.tianditu\.gov\.cn\/vec_w\/wmts\?.*TILEMATRIX=\{z\}&TILEROW=\{y\}&TILECOL=\{x\}&tk=k3y$/,
    );
  });

  it('refuses a tile template that cannot work, or an unknown coordinate system', async () => {
    const sys = await t.loginAs({ role: 'sysadmin', regionCode: '' });
    for (const [key, value] of [
      ['map.tiles.url', 'https://tiles.example.cn/{z}/{x}.png'],
      ['map.tiles.url', 'ftp://x/{z}/{x}/{y}'],
      ['map.tiles.crs', 'bd09'],
    ]) {
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/params/${key}`,
        headers: { cookie: sys.cookie },
        payload: { value, version: 1 },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toMatchObject([{ path: 'value' }]);
    }
    expect((await config()).json().tiles).toBeNull();
  });

  it('is rate-limited per client address', async () => {
    let n = 0;
    while ((await config('10.9.9.9')).statusCode !== 429 && n < 100) n++;
    expect(n).toBe(20);
    expect((await config('10.9.9.9')).json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await config('10.9.9.10')).statusCode).toBe(200);
  });
});

describe('the map page', () => {
  it('is served without login, with images from this server only while no tiles are configured', async () => {
    const res = await t.app.inject({ url: '/map' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>map</title>');
    expect(imgSrc(res.headers['content-security-policy'])).toBe("img-src 'self' data: blob:");
    expect((await t.app.inject({ url: '/map.html' })).headers.location).toBe('/map');
  });

  it('allows exactly the configured tile hosts, on the map page only', async () => {
    await setParams({
      'map.tiles.url': TIANDITU,
      'map.tiles.subdomains': '01',
      'map.tiles.labelUrl': 'http://10.8.0.5:8080/label/{z}/{x}/{y}.png',
    });
    const map = await t.app.inject({ url: '/map' });
    expect(imgSrc(map.headers['content-security-policy'])).toBe(
      "img-src 'self' data: blob: https://t0.tianditu.gov.cn https://t1.tianditu.gov.cn http://10.8.0.5:8080",
    );
    expect(map.headers['content-security-policy']).toContain("script-src 'self'");
    const console = await t.app.inject({ url: '/network/stations' });
    expect(console.body).toContain('<title>console</title>');
    expect(imgSrc(console.headers['content-security-policy'])).toBe("img-src 'self' data: blob:");
  });
});
