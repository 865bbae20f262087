import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltinRoleCode } from '@lianxin/shared';
import { createUser } from '../../../test/factories.ts';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { type Database, openPglite, openPostgres } from '../../db/client.ts';
import { migrate } from '../../db/migrate.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { type Ctx, systemCtx } from '../../platform/context.ts';
import { COOKIE_PLAIN, COOKIE_SECURE, createSession } from '../../platform/auth/sessions.ts';
import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { createPiiCipher } from '../../platform/pii.ts';
import { seedBase } from '../../seed/base.seed.ts';
import { importRegions } from './regions.import.ts';
import { countByLevel, findRegion } from './regions.repo.ts';
import { getRegion, listChildren, searchRegions, validateRegionCode } from './regions.service.ts';
import { bulkInitials, divisionDataDir, matchesPrefix, readRegionSource, regionInitials } from './regions.source.ts';
import { regions } from './regions.table.ts';

/**
 * A private migrated database for this file: PGlite, or — in the PostgreSQL run of the suite
 * (TEST_DATABASE_URL) — a throw-away PostgreSQL database, where the import COPYs new rows.
 */
async function freshDatabase(): Promise<Database> {
  const url = process.env.LIANXIN_TEST_DB === 'pg' ? process.env.TEST_DATABASE_URL : undefined;
  if (!url) {
    const d = await openPglite(undefined);
    await migrate(d);
    return d;
  }
  const name = `lianxin_regions_${crypto.randomBytes(4).toString('hex')}`;
  const admin = await openPostgres(url, { max: 1 });
  await admin.exec(`CREATE DATABASE ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  const d = await openPostgres(u.toString(), { max: 3 });
  await migrate(d);
  const close = d.close;
  d.close = async () => {
    await close();
    await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.close();
  };
  return d;
}

/** A copy of the source files whose village file breaks after a few good lines of 肇庆市. */
function brokenSourceDir(): string {
  const src = divisionDataDir();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lianxin-regions-'));
  for (const f of ['provinces.csv', 'cities.csv', 'areas.csv', 'streets.csv'])
    fs.copyFileSync(path.join(src, f), path.join(dir, f));
  const good = fs
    .readFileSync(path.join(src, 'villages.csv'), 'utf8')
    .split('\n')
    .slice(0, 1)
    .concat(['441202001002,"杏花社区居委会",441202001,44,4412,441202']);
  fs.writeFileSync(
    path.join(dir, 'villages.csv'),
    [...good, '441202001003,"工农社区居委会,441202001,44,4412,441202', ''].join('\n'),
  );
  return dir;
}

const T0 = new Date('2026-03-01T02:00:00Z');
const T1 = new Date('2026-03-02T02:00:00Z');

function ctxWithScopes(scopes: string[]): Ctx {
  const ctx = systemCtx(T0, 'test');
  return { ...ctx, actor: { ...ctx.actor, scopes } };
}
const national = ctxWithScopes(['']);
const county = ctxWithScopes(['441202']); // 端州区

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('regions source', () => {
  it('reads all five levels of the 2023 edition, parents before children', async () => {
    const perLevel = [0, 0, 0, 0, 0];
    let lastLevel = 1;
    let ordered = true;
    for await (const r of readRegionSource()) {
      perLevel[r.level - 1]++;
      if (r.level < lastLevel) ordered = false;
      lastLevel = r.level;
    }
    expect(perLevel).toEqual([31, 342, 2978, 41352, 620573]);
    expect(ordered).toBe(true);
  });

  it('a prefix keeps its ancestors so the tree stays connected', () => {
    expect(matchesPrefix('44', '4412')).toBe(true);
    expect(matchesPrefix('441202001', '4412')).toBe(true);
    expect(matchesPrefix('4401', '4412')).toBe(false);
    expect(matchesPrefix('45', '4412')).toBe(false);
  });

  it('initials follow place-name readings and drop punctuation', () => {
    const bulk = bulkInitials();
    for (const name of ['端州区', '杏花社区居委会', '长村委会', '厦门市', '重庆村民委员会'])
      expect(bulk(name)).toBe(regionInitials(name));
    expect(regionInitials('端州区')).toBe('dzq');
    expect(regionInitials('重庆市')).toBe('cqs');
    expect(regionInitials('黄寺大街24号社区居委会')).toBe('hsdj24hsqjwh');
    expect(regionInitials('龙门街居委会（社区）')).toBe('lmjjwhsq');
  });
});

describe('regions import and queries', () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database?.close();
  });

  it('imports 肇庆市 (prefix 4412) with its province, and re-running changes nothing', async () => {
    const progress: number[] = [];
    const first = await importRegions(database, {
      prefix: '4412',
      now: T0,
      batchSize: 500,
      onProgress: (n) => progress.push(n),
    });
    // 44 + 4412 + 8 counties + 106 towns + 1,558 villages
    expect(first).toEqual({ inserted: 1674, updated: 0, unchanged: 0, total: 1674 });
    expect(progress.at(-1)).toBe(1674);
    expect(await countByLevel(database.db, '4412')).toEqual({ 2: 1, 3: 8, 4: 106, 5: 1558 });
    expect(await findRegion(database.db, '44')).toMatchObject({
      name: '广东省',
      level: 1,
      parentCode: null,
      kind: 'official',
    });
    expect(await findRegion(database.db, '4401')).toBeUndefined();
    expect(await findRegion(database.db, '441202')).toMatchObject({
      name: '端州区',
      parentCode: '4412',
      initials: 'dzq',
    });

    const second = await importRegions(database, { prefix: '4412', now: T1 });
    expect(second).toEqual({ inserted: 0, updated: 0, unchanged: 1674, total: 1674 });
    // Unchanged rows are not rewritten: their timestamp is the first import's.
    expect((await findRegion(database.db, '441202'))?.updatedAt).toEqual(T0);
  });

  it('a re-import repairs a changed row and reports it as updated', async () => {
    await database.db.update(regions).set({ name: '旧名', initials: 'jm' }).where(eq(regions.code, '441202'));
    const counts = await importRegions(database, { prefix: '4412', now: T1 });
    expect(counts).toMatchObject({ inserted: 0, updated: 1, unchanged: 1673 });
    expect(await findRegion(database.db, '441202')).toMatchObject({ name: '端州区', initials: 'dzq', updatedAt: T1 });
  });

  it('flags placeholder units and development zones but keeps them in the tree', async () => {
    await importRegions(database, { prefix: '1101', now: T0 }); // 北京市/市辖区
    await importRegions(database, { prefix: '130171', now: T0 }); // 石家庄高新技术产业开发区
    await importRegions(database, { prefix: '650106198', now: T0 }); // 区直辖村级区划 (a town-level container)
    const kindOf = async (code: string) => (await findRegion(database.db, code))?.kind;
    expect(await kindOf('1101')).toBe('placeholder');
    expect(await kindOf('110101')).toBe('official'); // 东城区, under the placeholder
    expect(await kindOf('110115405')).toBe('development_zone'); // 大兴经济开发区, a town named as one
    expect(await kindOf('130171')).toBe('development_zone');
    expect(await kindOf('130171100')).toBe('official'); // a town inside the zone
    expect(await kindOf('650106198')).toBe('placeholder');
    expect((await findRegion(database.db, '650106198200'))?.parentCode).toBe('650106198');
    expect(await kindOf('441202')).toBe('official');
  });

  it('a county administrator sees its county, the ancestors above it, and nothing beside it', async () => {
    expect((await listChildren(database.db, county, 'root')).map((r) => r.code)).toEqual(['44']);
    expect((await listChildren(database.db, county, '44')).map((r) => r.code)).toEqual(['4412']);
    expect((await listChildren(database.db, county, '4412')).map((r) => r.code)).toEqual(['441202']);
    const towns = await listChildren(database.db, county, '441202');
    const n = (
      await database.db.select({ n: sql<number>`count(*)::int` }).from(regions).where(eq(regions.parentCode, '441202'))
    )[0].n;
    expect(towns.length).toBe(Number(n));
    expect(towns.length).toBeGreaterThan(0);
    expect(towns.every((t) => t.code.startsWith('441202') && t.level === 4 && t.hasChildren)).toBe(true);

    const town = await getRegion(database.db, county, towns[0].code);
    expect(town.ancestors.map((a) => a.name)).toEqual(['广东省', '肇庆市', '端州区']);
    expect((await getRegion(database.db, county, '44')).hasChildren).toBe(true);

    expect((await rejection(getRegion(database.db, county, '441203'))).code).toBe('NOT_FOUND');
    expect((await rejection(listChildren(database.db, county, '441203'))).code).toBe('NOT_FOUND');
    expect((await rejection(getRegion(database.db, county, '11'))).code).toBe('NOT_FOUND');
    // The whole country sees the provinces imported so far.
    expect((await listChildren(database.db, national, 'root')).map((r) => r.code)).toEqual(['11', '13', '44', '65']);
  });

  it('finds 端州区 by pinyin initials and by name, with its path, within scope only', async () => {
    for (const q of ['dzq', 'DZQ', '端州']) {
      const [hit] = await searchRegions(database.db, national, q);
      expect(hit).toMatchObject({ code: '441202', name: '端州区', path: '广东省/肇庆市/端州区' });
    }
    expect((await searchRegions(database.db, county, '鼎湖')).length).toBe(0);
    expect((await searchRegions(database.db, national, '鼎湖'))[0]).toMatchObject({ code: '441203' });
    // An ancestor of the scope is visible to search too (breadcrumb names), its siblings not.
    expect((await searchRegions(database.db, county, '肇庆')).map((r) => r.code)).toEqual(['4412']);
    expect(await searchRegions(database.db, national, '%')).toEqual([]);
  });

  it('validates region codes for other modules', async () => {
    expect((await validateRegionCode(database.db, '441202')).name).toBe('端州区');
    for (const bad of ['441299', 'abc', '']) {
      const err = await rejection(validateRegionCode(database.db, bad));
      expect(err.code).toBe('VALIDATION');
      expect(err.errors).toEqual([{ path: 'regionCode', message: 'validation.region.unknown', params: undefined }]);
    }
  });

  it('a load that fails part-way leaves nothing behind, and the next one works', async () => {
    const before = await countByLevel(database.db, '');
    const dir = brokenSourceDir();
    try {
      await expect(importRegions(database, { prefix: '44', now: T1, dir })).rejects.toThrow(/Unterminated quote/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect(await countByLevel(database.db, '')).toEqual(before);
    expect(await importRegions(database, { prefix: '441203', now: T1 })).toMatchObject({ inserted: 0, updated: 0 });
  });

  it('refuses an import without a scope or with a malformed prefix', async () => {
    expect((await rejection(importRegions(database, { now: T0 }))).code).toBe('VALIDATION');
    expect((await rejection(importRegions(database, { prefix: '44a', now: T0 }))).code).toBe('VALIDATION');
  });
});

describe('regions routes', () => {
  // A local app on a private database: the routes' schemas, permissions and the audit row.
  let database: Database;
  let app: App;
  const pii = createPiiCipher('a1'.repeat(32));
  beforeAll(async () => {
    database = await freshDatabase();
    await seedBase(database.db, T0);
    app = await buildApp({
      database,
      pii,
      clock: { now: () => T0 },
      config: loadConfig({ LIANXIN_DEMO: 'off', LIANXIN_DATA_DIR: '/nonexistent', LIANXIN_WEB_DIST: '/nonexistent' }),
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  async function cookieFor(role: BuiltinRoleCode, regionCode: string): Promise<string> {
    const u = await createUser(database.db, pii, { role, regionCode });
    const { token } = await createSession(database.db, {
      userId: u.id,
      now: T0,
      ip: '127.0.0.1',
      userAgent: 'test',
      stage: 'full',
      absoluteHours: 12,
    });
    return `${app.deps.config.secureCookies ? COOKIE_SECURE : COOKIE_PLAIN}=${token}`;
  }

  it('imports through the API with one audit row, then lists within the caller scope', async () => {
    const admin = await cookieFor('sysadmin', '');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/regions/import',
      headers: { cookie: admin },
      payload: { prefix: '4412' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ inserted: 1674, updated: 0, unchanged: 0, total: 1674 });
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.entity, 'region'));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      action: 'import',
      detail: { inserted: 1674, updated: 0, unchanged: 0, total: 1674, prefix: '4412' },
    });
    for (const payload of [{}, { prefix: '44a' }, { prefix: '4412', all: true }]) {
      const bad = await app.inject({
        method: 'POST',
        url: '/api/v1/regions/import',
        headers: { cookie: admin },
        payload,
      });
      expect(bad.statusCode).toBe(400);
    }

    const worker = await cookieFor('social_worker', '441202');
    const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie: worker } });
    expect((await get('/api/v1/regions/root/children')).json().rows.map((r: { code: string }) => r.code)).toEqual([
      '44',
    ]);
    expect((await get('/api/v1/regions/441203')).statusCode).toBe(404);
    expect((await get('/api/v1/regions/441203/children')).statusCode).toBe(404);
    const town = (await get('/api/v1/regions/441202001')).json();
    expect(town).toMatchObject({ name: '端州区城东街道', level: 4, kind: 'official', hasChildren: true });
    expect(town.ancestors.map((a: { code: string }) => a.code)).toEqual(['44', '4412', '441202']);
    const found = (await get('/api/v1/regions?q=dzq&limit=5')).json();
    expect(found.rows[0]).toMatchObject({ code: '441202', path: '广东省/肇庆市/端州区' });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/regions/import',
          headers: { cookie: worker },
          payload: { prefix: '4412' },
        })
      ).statusCode,
    ).toBe(403);
  });
});
