import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { useTestApp } from '../../test/app.ts';
import { createWorker } from '../../test/factories.ts';

/** Bad input is a 4xx in our problem+json format, never a 500 (issue #9, finding 10). */
const t = useTestApp();

const problem = (res: { statusCode: number; headers: Record<string, unknown>; json(): any }) => ({
  status: res.statusCode,
  type: String(res.headers['content-type']).split(';')[0],
  code: res.json().code,
  errors: res.json().errors?.map((e: { path: string; key?: string }) => `${e.path}: ${e.key}`),
});

describe('text no field may carry', () => {
  it('refuses a NUL in the login body before anything else, naming the field (no session needed)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'admin\u0000', password: 'x' },
    });
    expect(problem(res)).toEqual({
      status: 400,
      type: 'application/problem+json',
      code: 'VALIDATION',
      errors: ['username: validation.text.nul'],
    });
  });

  it('refuses a lone surrogate in a nested body field and in a query, naming each', async () => {
    const { cookie } = await t.loginAs({ role: 'region_admin', regionCode: '441202' });
    const body = await t.app.inject({
      method: 'POST',
      url: '/api/v1/coverage-deadlines',
      headers: { cookie, 'content-type': 'application/json' },
      payload: `{"regionCode":"441202","kind":"town_station","dueOn":"2026-12-31","note":"a\\ud800b"}`, // JSON's own escape: no UTF-8 form
    });
    expect(problem(body)).toMatchObject({
      status: 400,
      code: 'VALIDATION',
      errors: ['note: validation.text.surrogate'],
    });
    const query = await t.app.inject({ url: '/api/v1/workers?q=%E5%BC%A0%00', headers: { cookie } });
    expect(problem(query)).toMatchObject({ status: 400, code: 'VALIDATION', errors: ['q: validation.text.nul'] });
    const param = await t.app.inject({ url: '/api/v1/regions/4412%00', headers: { cookie } });
    expect(problem(param)).toMatchObject({ status: 400, code: 'VALIDATION', errors: ['code: validation.text.nul'] });
  });
});

describe('dates outside 1900–2100', () => {
  it('refuses year 0000 and 1000 in a body and in a query, with the range in the message', async () => {
    const { cookie } = await t.loginAs({ role: 'region_admin', regionCode: '441202' });
    for (const dueOn of ['0000-01-01', '1000-01-01']) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/coverage-deadlines',
        headers: { cookie, 'accept-language': 'en-US' },
        payload: { regionCode: '441202', kind: 'town_station', dueOn },
      });
      expect(problem(res)).toMatchObject({ status: 400, code: 'VALIDATION', errors: ['dueOn: validation.date.range'] });
      expect(res.json().errors[0].message).toBe('The date must be between the years 1900 and 2100');
    }
    const worker = await createWorker(t.database.db, t.pii, { regionCode: '441202' });
    const asOf = await t.app.inject({ url: `/api/v1/talent/summary?asOf=0000-01-01`, headers: { cookie } });
    expect(problem(asOf)).toMatchObject({ status: 400, errors: ['asOf: validation.date.range'] });
    expect((await t.app.inject({ url: `/api/v1/workers/${worker.id}`, headers: { cookie } })).statusCode).toBe(200);
  });

  it('refuses an instant in year 0000 in the log filters', async () => {
    const { cookie } = await t.loginAs({ role: 'auditor', regionCode: '' });
    const res = await t.app.inject({ url: '/api/v1/audit-logs?from=0000-01-01', headers: { cookie } });
    expect(problem(res)).toMatchObject({ status: 400, code: 'VALIDATION', errors: ['from: validation.date.range'] });
  });
});

describe("Fastify's own errors in our format", () => {
  it('bad JSON, a wrong content type, a body too large and a URL that is not UTF-8 each get a stable code', async () => {
    const login = (payload: string | Buffer, type: string) =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': type }, payload });
    expect(problem(await login('{"username": ', 'application/json'))).toMatchObject({
      status: 400,
      type: 'application/problem+json',
      code: 'BAD_REQUEST',
    });
    expect(problem(await login('username=a', 'application/x-www-form-urlencoded'))).toMatchObject({
      status: 415,
      type: 'application/problem+json',
      code: 'UNSUPPORTED_MEDIA_TYPE',
    });
    const huge = Buffer.alloc(21 * 1024 * 1024, 0x20);
    expect(problem(await login(huge, 'application/json'))).toMatchObject({
      status: 413,
      type: 'application/problem+json',
      code: 'PAYLOAD_TOO_LARGE',
    });
    const badUrl = await t.app.inject({ url: '/api/v1/regions/%ED%A0%80' });
    expect(problem(badUrl)).toMatchObject({ status: 400, type: 'application/problem+json', code: 'BAD_REQUEST' });
  });

  it('a multipart body that ends early is a 400, not a 500', async () => {
    const { cookie } = await t.loginAs({ role: 'region_admin', regionCode: '441202' });
    const boundary = '----lianxin-truncated';
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/workers/import',
      headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\nPK\u0003\u0004`,
    });
    expect(problem(res)).toMatchObject({ status: 400, type: 'application/problem+json', code: 'BAD_REQUEST' });
  });

  it('a value the schemas let through but the database cannot take is a 400, not a 500', async () => {
    const app = await buildApp({
      database: t.database,
      pii: t.pii,
      clock: t.clock,
      config: loadConfig({ LIANXIN_DEMO: 'off', LIANXIN_WEB_DIST: '/nonexistent' }),
    });
    // A route as a careless module might write one: the text goes to the database unchecked.
    app.get('/api/v1/probe', { config: { permission: 'public', staticFiles: true } }, async (req) => {
      const { n } = req.query as { n: string };
      await t.database.db.execute(sql`select ${n}::int`);
      return { ok: true };
    });
    const res = await app.inject({ url: '/api/v1/probe?n=99999999999' });
    expect(problem(res)).toMatchObject({ status: 400, type: 'application/problem+json', code: 'BAD_REQUEST' });
    expect((await app.inject({ url: '/api/v1/probe?n=7' })).statusCode).toBe(200);
    await app.close();
  });
});

describe('the static files', () => {
  const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-web-'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>连心</title>');
  afterAll(() => fs.rmSync(dist, { recursive: true, force: true }));

  it('answers 404 for a name no file can have (a NUL)', async () => {
    const app = await buildApp({
      database: t.database,
      pii: t.pii,
      clock: t.clock,
      config: loadConfig({ LIANXIN_DEMO: 'off', LIANXIN_WEB_DIST: dist }),
    });
    for (const url of ['/index.html%00.js', '/assets/%00']) {
      const res = await app.inject({ url });
      expect(problem(res)).toMatchObject({ status: 404, type: 'application/problem+json', code: 'NOT_FOUND' });
    }
    expect((await app.inject({ url: '/index.html' })).body).toContain('连心');
    await app.close();
  });
});
