/**
 * npm run bench:talent — time of the talent statistics through the real HTTP app (a listening
 * server, fetch, a logged-in province administrator: session, permission, scope, the service's
 * statements, shaping, serialisation) against the same statements (captured once from the
 * statistics functions the service calls, with the same arguments) run directly on the pool
 * with the same parallelism, in one run:
 *   - `GET /api/v1/targets/{id}/progress` of a province target split among its cities (the target
 *     and each share: year-end actuals of the trend years plus today), and of one city's target;
 *   - `GET /api/v1/talent/series?region=…&from=…&to=…` for the province and one city (yearly
 *     headcounts by level as of each year's end, exam registrations and passes, per child region).
 * Data: one province's real regions (importRegions with its prefix) and a register of 50,000
 * workers with moves and departures, resident-station assignments, certificates, registration
 * periods and ten years of exam registrations (bench/talent-data.ts). Goal: HTTP / raw SQL ≤ 1.3.
 * BENCH_EXPLAIN=1 also prints the plans of the province's statements.
 */
import os from 'node:os';
import { drizzle } from 'drizzle-orm/node-postgres';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import type { Database, Db } from '../apps/server/src/db/client.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { importRegions } from '../apps/server/src/modules/regions/regions.import.ts';
import { childrenOf } from '../apps/server/src/modules/regions/regions.repo.ts';
import { yearEnd } from '../apps/server/src/modules/talent/stats.service.ts';
import { examCounts, headcounts } from '../apps/server/src/modules/talent/stats.sql.ts';
import { metricValues } from '../apps/server/src/modules/talent/targets.progress.ts';
import type { TargetRow } from '../apps/server/src/modules/talent/targets.repo.ts';
import { targets } from '../apps/server/src/modules/talent/targets.table.ts';
import { localDate } from '../apps/server/src/platform/dates.ts';
import { createPiiCipher } from '../apps/server/src/platform/pii.ts';
import { seedBase } from '../apps/server/src/seed/base.seed.ts';
import { createUser, TEST_PASSWORD } from '../apps/server/test/factories.ts';
import { buildRegister } from './talent-data.ts';
import { runBench, withScratchDatabase } from './scratch-database.ts';

const GOAL = 1.3;
const WORKERS = 50_000;
const PROVINCE = process.env.BENCH_PROVINCE ?? '44';
const CITY = process.env.BENCH_CITY ?? '4412';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const DEADLINE_MS = 20 * 60_000;
/** The parameter talent.target.trendYears as seeded; the progress route reads it too. */
const TREND_YEARS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

type Statement = { sql: string; params: unknown[] };

/** Runs `fn` against a drizzle instance that records every statement it sends (and runs them once). */
async function capture(database: Database, fn: (db: Db) => Promise<unknown>): Promise<Statement[]> {
  const log: Statement[] = [];
  const db = drizzle(database.pool!, {
    logger: { logQuery: (q, params) => log.push({ sql: q, params }) },
  }) as unknown as Db;
  await fn(db);
  return log;
}

async function main() {
  await withScratchDatabase('lianxin_bench_talent', async (database, name) => {
    await migrate(database);
    const pool = database.pool!;
    console.log(`database ${name} (${(await pool.query('show server_version')).rows[0].server_version})`);
    const now = new Date();
    const today = localDate(now);
    await seedBase(database.db, now);
    let t0 = performance.now();
    const imported = await importRegions(database, { prefix: PROVINCE, now });
    console.log(
      `regions of province ${PROVINCE} imported: ${imported.total.toLocaleString('en')} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );

    const pii = createPiiCipher('ab'.repeat(32));
    t0 = performance.now();
    const n = await buildRegister(pool, pii, PROVINCE, WORKERS, today);
    const fmt = (x: number) => x.toLocaleString('en');
    console.log(
      `register built in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${fmt(n.workers)} workers (${fmt(n.movers)} moved, ${fmt(n.left)} left), ` +
        `${fmt(n.employments)} employments, ${fmt(n.stations)} stations with ${fmt(n.assignments)} resident assignments, ` +
        `${fmt(n.qualifications)} certificates with ${fmt(n.registrationPeriods)} registration periods, ${fmt(n.examRegistrations)} exam registrations`,
    );

    // A province target of certified people by the end of next year, split among its cities by their share of the register.
    const due = `${Number(today.slice(0, 4)) + 1}-12-31`;
    const provinceValue = Math.round(WORKERS * 0.6);
    const [province] = await database.db
      .insert(targets)
      .values({
        regionCode: PROVINCE,
        metric: 'certified',
        value: provinceValue,
        dueOn: due,
        baselineValue: 0,
        baselineOn: '2016-12-31',
        source: 'bench',
      })
      .returning();
    const shares = [...n.byCity].sort(([a], [b]) => a.localeCompare(b));
    await database.db.insert(targets).values(
      shares.map(([city, count]) => ({
        regionCode: city,
        metric: 'certified',
        value: Math.floor((provinceValue * count) / WORKERS),
        dueOn: due,
        parentId: province.id,
        source: 'bench',
      })),
    );
    const [city] = await database.db
      .insert(targets)
      .values({ regionCode: CITY, metric: 'total_talent', value: 5_000, dueOn: due, source: 'bench' })
      .returning();
    await database.db
      .insert(targets)
      .values({ regionCode: PROVINCE, metric: 'exam_registrations', value: 40_000, dueOn: due, source: 'bench' });
    const children = (
      await pool.query<TargetRow>(
        `select region_code as "regionCode", metric, level from targets where parent_id = $1 order by region_code`,
        [province.id],
      )
    ).rows;
    console.log(
      `targets: ${PROVINCE} certified ${fmt(provinceValue)} by ${due}, split among ${children.length} cities; ${CITY} total talent; ${PROVINCE} exam registrations`,
    );

    const scopes = [PROVINCE];
    const user = await createUser(database.db, pii, {
      role: 'region_admin',
      regionCode: PROVINCE,
      scopes,
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

      // The statements each route's service sends for its figures, with the arguments it derives.
      const asOfYear = Number(today.slice(0, 4));
      const trendDays = Array.from({ length: TREND_YEARS }, (_, i) => `${asOfYear - TREND_YEARS + i}-12-31`);
      const progressStatements = (targetRows: Pick<TargetRow, 'regionCode' | 'metric' | 'level'>[]) =>
        capture(database!, (db) =>
          Promise.all(targetRows.map((t) => metricValues(db, scopes, t, [...trendDays, today]))),
        );
      const to = asOfYear;
      const from = to - 9;
      const years = Array.from({ length: to - from + 2 }, (_, i) => from - 1 + i);
      const days = [...new Set(years.map((y) => yearEnd(y, today)))];
      const seriesStatements = (code: string) =>
        capture(database!, (db) =>
          Promise.all([
            headcounts(db, scopes, code, days, code.length + 2),
            examCounts(db, scopes, code, from - 1, to, code.length + 2),
            childrenOf(db, code, scopes),
          ]),
        );

      const cases: { label: string; url: string; statements: Statement[] }[] = [
        {
          label: `progress ${PROVINCE} (+${children.length} shares)`,
          url: `/targets/${province.id}/progress`,
          statements: await progressStatements([
            { regionCode: PROVINCE, metric: 'certified', level: null },
            ...children,
          ]),
        },
        {
          label: `progress ${CITY}`,
          url: `/targets/${city.id}/progress`,
          statements: await progressStatements([city]),
        },
        {
          label: `series ${PROVINCE}`,
          url: `/talent/series?region=${PROVINCE}&from=${from}&to=${to}`,
          statements: await seriesStatements(PROVINCE),
        },
        {
          label: `series ${CITY}`,
          url: `/talent/series?region=${CITY}&from=${from}&to=${to}`,
          statements: await seriesStatements(CITY),
        },
      ];
      if (process.env.BENCH_EXPLAIN) {
        for (const c of [cases[0], cases[2]]) {
          for (const s of c.statements.slice(0, 2)) {
            const plan = await pool.query(`explain (analyze, buffers) ${s.sql}`, s.params);
            console.log(`\n${c.label}:\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}`);
          }
        }
      }

      const results: string[] = [];
      for (const c of cases) {
        const viaHttp = async () => {
          const t = performance.now();
          const res = await fetch(`${base}${c.url}`, { headers: { cookie } });
          const body = (await res.json()) as Record<string, unknown>;
          if (res.status !== 200) throw new Error(`${c.url} answered ${res.status}: ${JSON.stringify(body)}`);
          return { ms: performance.now() - t, body };
        };
        // As the services do: all of a request's statistics statements at once on the same pool.
        const raw = async () => {
          const t = performance.now();
          await Promise.all(c.statements.map((s) => pool.query(s.sql, s.params)));
          return performance.now() - t;
        };
        // Warm both (plans, buffers), then alternate so drift on a shared machine hits both alike.
        const first = await viaHttp();
        await raw();
        const http: number[] = [];
        const sqlMs: number[] = [];
        for (let i = 0; i < ROUNDS; i++) {
          http.push((await viaHttp()).ms);
          sqlMs.push(await raw());
        }
        const h = median(http);
        const s = median(sqlMs);
        const ratio = h / s;
        const best = Math.min(...http) / Math.min(...sqlMs);
        const b = first.body as {
          actual?: number;
          targetValue?: number;
          status?: string;
          years?: { year: number; certified: number; registrations: number }[];
          children?: unknown[];
        };
        const said = b.years
          ? `${b.years.at(-1)?.year}: ${fmt(b.years.at(-1)?.certified ?? 0)} certified, ${fmt(b.years.at(-1)?.registrations ?? 0)} registered; ${b.children?.length} children`
          : `actual ${fmt(b.actual ?? 0)} of ${fmt(b.targetValue ?? 0)}, ${b.status}`;
        results.push(
          `${c.label.padEnd(26)} HTTP ${h.toFixed(0).padStart(5)} ms, raw SQL ${s.toFixed(0).padStart(5)} ms (${c.statements.length} statements): ${ratio.toFixed(2)} (goal ≤ ${GOAL}) — ${ratio <= GOAL ? 'met' : 'NOT met'}` +
            `; best of each ${Math.min(...http).toFixed(0)} / ${Math.min(...sqlMs).toFixed(0)} ms: ${best.toFixed(2)}   [${said}]`,
        );
      }
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
