import { describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { useTestApp } from '../../test/app.ts';

const t = useTestApp();

describe('operations endpoints', () => {
  it('answers health and readiness without a login', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ url: '/readyz' })).json()).toMatchObject({ status: 'ready' });
  });

  it('serves metrics to a scraper on this machine and to nobody else when no token is set', async () => {
    await t.app.inject({ url: '/healthz' });
    const local = await t.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(200);
    expect(local.body).toContain(
      'lianxin_http_request_duration_seconds_count{method="GET",route="/healthz",status="200"}',
    );
    const remote = await t.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9' });
    expect(remote.statusCode).toBe(404);
    expect(remote.body).not.toContain('lianxin_http');
  });

  it('asks every scraper for the bearer token once one is set', async () => {
    const app = await buildApp({
      database: t.database,
      pii: t.pii,
      clock: t.clock,
      config: loadConfig({
        LIANXIN_DEMO: 'off',
        LIANXIN_WEB_DIST: '/nonexistent',
        LIANXIN_METRICS_TOKEN: 'scrape-token-0123456789',
      }),
    });
    const scrape = (remoteAddress: string, authorization?: string) =>
      app.inject({ url: '/metrics', remoteAddress, headers: authorization ? { authorization } : {} });
    expect((await scrape('10.0.0.8', 'Bearer scrape-token-0123456789')).statusCode).toBe(200);
    expect((await scrape('10.0.0.8', 'Bearer wrong-token')).statusCode).toBe(404);
    expect((await scrape('127.0.0.1')).statusCode).toBe(404);
    await app.close();
  });

  it('refuses a token too short to be a secret, naming the variable', () => {
    expect(() => loadConfig({ LIANXIN_METRICS_TOKEN: 'short' })).toThrow(
      /LIANXIN_METRICS_TOKEN: must be at least 16 characters/,
    );
  });
});
