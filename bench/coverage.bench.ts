/**
 * npm run bench:coverage — time of `GET /api/v1/coverage/{regionCode}` for the whole country and
 * for one province, through the real HTTP app (a listening server, fetch, a logged-in national
 * user: session, permission, scope, query, shaping, serialisation), against the same aggregate
 * statement (coverageQuery, rendered to SQL text once) run directly on the pool, in one run.
 * Data: all 41,352 towns and 620,573 villages (importRegions --all) and 40,000 stations spread
 * over them. Goal: HTTP / raw SQL ≤ 1.3 for each region. BENCH_EXPLAIN=1 also prints the plans.
 */
import os from 'node:os';
import { PgDialect } from 'drizzle-orm/pg-core';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import type { Database } from '../apps/server/src/db/client.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { coverageQuery } from '../apps/server/src/modules/coverage/coverage.repo.ts';
import { importRegions } from '../apps/server/src/modules/regions/regions.import.ts';
import { stations } from '../apps/server/src/modules/stations/stations.table.ts';
import { createPiiCipher } from '../apps/server/src/platform/pii.ts';
import { seedBase } from '../apps/server/src/seed/base.seed.ts';
import { createUser, TEST_PASSWORD } from '../apps/server/test/factories.ts';
import { runBench, withScratchDatabase } from './scratch-database.ts';

const GOAL = 1.3;
const STATIONS = 40_000;
const PROVINCE = process.env.BENCH_PROVINCE ?? '44';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const DEADLINE_MS = 15 * 60_000;

/** A seeded generator, so every run spreads the stations over the same regions. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rows: T[], n: number, rnd: () => number): T[] {
  const a = [...rows];
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(rnd() * (a.length - i));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, n);
}

/**
 * 16,000 operating town stations on distinct towns, 21,000 operating community rooms on distinct
 * villages, and 3,000 that the figures must ignore (planned, suspended, service points).
 */
async function insertStations(database: Database) {
  const pool = database.pool!;
  const towns = (
    await pool.query<{ code: string }>(`select code from regions where level = 4 and kind <> 'placeholder'`)
  ).rows.map((r) => r.code);
  const villages = (
    await pool.query<{ code: string }>(`select code from regions where level = 5 and kind <> 'placeholder'`)
  ).rows.map((r) => r.code);
  const rnd = mulberry32(20261201);
  type Row = typeof stations.$inferInsert;
  const rows: Row[] = [
    ...pick(towns, 16_000, rnd).map(
      (code, i): Row => ({ kind: 'town', regionCode: code, name: `乡镇社工站${i}`, status: 'operating' }),
    ),
    ...pick(villages, 21_000, rnd).map(
      (code, i): Row => ({ kind: 'community', regionCode: code, name: `社工室${i}`, status: 'operating' }),
    ),
    ...pick(villages, 3_000, rnd).map(
      (code, i): Row => ({
        kind: i % 3 === 0 ? 'point' : 'community',
        regionCode: code,
        name: `站点${i}`,
        status: i % 3 === 1 ? 'planned' : i % 3 === 2 ? 'suspended' : 'operating',
      }),
    ),
  ];
  if (rows.length !== STATIONS) throw new Error(`prepared ${rows.length} stations`);
  for (let i = 0; i < rows.length; i += 2_000) await database.db.insert(stations).values(rows.slice(i, i + 2_000));
  await pool.query('ANALYZE');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main() {
  await withScratchDatabase('lianxin_bench_coverage', async (database, name) => {
    await migrate(database);
    const pool = database.pool!;
    console.log(`database ${name} (${(await pool.query('show server_version')).rows[0].server_version})`);
    await seedBase(database.db, new Date());
    let t0 = performance.now();
    const imported = await importRegions(database, { all: true, now: new Date() });
    const levels = (
      await pool.query<{ towns: number; villages: number }>(
        `select count(*) filter (where level = 4)::int as towns, count(*) filter (where level = 5)::int as villages from regions`,
      )
    ).rows[0];
    console.log(
      `regions imported: ${imported.total.toLocaleString('en')} (${levels.towns.toLocaleString('en')} towns, ${levels.villages.toLocaleString('en')} villages; ` +
        `the figures leave out placeholder units) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    t0 = performance.now();
    await insertStations(database);
    console.log(
      `stations inserted: ${STATIONS.toLocaleString('en')} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const pii = createPiiCipher('ab'.repeat(32));
    const user = await createUser(database.db, pii, {
      role: 'region_admin',
      regionCode: '',
      scopes: [''],
      username: `bench-${process.pid}`,
    });
    const app = await buildApp({
      database,
      pii,
      config: loadConfig({ LIANXIN_DEMO: 'off', LIANXIN_WEB_DIST: '/nonexistent' }),
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/api/v1`;
      const login = await fetch(`${base}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: user.username, password: TEST_PASSWORD }),
      });
      if (login.status !== 200) throw new Error(`login answered ${login.status}`);
      const cookie = login.headers.getSetCookie()[0].split(';')[0];
      const dialect = new PgDialect();

      const results: string[] = [];
      for (const [label, code] of [
        ['country (root)', null],
        [`province ${PROVINCE}`, PROVINCE],
      ] as const) {
        const url = `${base}/coverage/${code ?? 'root'}`;
        const query = dialect.sqlToQuery(coverageQuery([''], code));
        const viaHttp = async () => {
          const t = performance.now();
          const res = await fetch(url, { headers: { cookie } });
          const body = (await res.json()) as { region: { towns: number; villages: number }; children: unknown[] };
          if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
          return { ms: performance.now() - t, body };
        };
        const raw = async () => {
          const t = performance.now();
          const r = await pool.query(query.sql, query.params);
          return { ms: performance.now() - t, rows: r.rows.length };
        };
        if (process.env.BENCH_EXPLAIN) {
          const plan = await pool.query(`explain (analyze, buffers) ${query.sql}`, query.params);
          console.log(`\n${label}:\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
        }
        // Warm both (plans, buffers), then alternate so drift on a shared machine hits both alike.
        const first = await viaHttp();
        await raw();
        const http: number[] = [];
        const sqlMs: number[] = [];
        for (let i = 0; i < ROUNDS; i++) {
          http.push((await viaHttp()).ms);
          sqlMs.push((await raw()).ms);
        }
        const h = median(http);
        const s = median(sqlMs);
        const ratio = h / s;
        const best = Math.min(...http) / Math.min(...sqlMs);
        const r = first.body.region;
        results.push(
          `${label.padEnd(16)} HTTP ${h.toFixed(0).padStart(5)} ms, raw SQL ${s.toFixed(0).padStart(5)} ms: ${ratio.toFixed(2)} (goal ≤ ${GOAL}) — ${ratio <= GOAL ? 'met' : 'NOT met'}` +
            `; best of each ${Math.min(...http).toFixed(0)} / ${Math.min(...sqlMs).toFixed(0)} ms: ${best.toFixed(2)}` +
            `   [${r.towns.toLocaleString('en')} towns, ${r.villages.toLocaleString('en')} villages, ${first.body.children.length} children]`,
        );
      }
      // On a shared machine the fixed cost of the HTTP path (a session query, a loopback round trip) stretches with the load.
      console.log(
        `\nmedian of ${ROUNDS} alternating rounds after one warm-up each (load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores):`,
      );
      for (const line of results) console.log(line);
    } finally {
      await app.close();
    }
  });
}

runBench(main, DEADLINE_MS);
