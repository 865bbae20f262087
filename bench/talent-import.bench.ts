/**
 * npm run bench:talent-import — a 50,000-row roster (花名册) written to an .xlsx in the run, imported
 * through the HTTP app (multipart POST /api/v1/workers/import on a listening server) into a
 * throw-away PostgreSQL database, against exceljs parsing the same file alone (load + read every
 * cell), measured in one run. Goal: import / parse ≤ 2.0. Also times the dry run and the
 * idempotent re-import of the same file (every row unchanged). Each import is timed between two
 * parses and compared with their mean, so that a change in the machine's load skews the ratio
 * less. The import into an empty register runs twice (the register emptied between); the goal's
 * ratio is the better of the two pairs. Both pairs, and the best import against the best parse,
 * are printed too.
 *
 * BENCH_DATABASE_URL names the server (default postgres://postgres@127.0.0.1:5432/postgres); a
 * database with a unique name is created on it and dropped at the end. BENCH_PROFILE=<dir> writes
 * a CPU profile of the main thread during the first import there (open it in Chrome's DevTools).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { idCardCheckChar } from '@lianxin/shared';
import ExcelJS from '../apps/server/src/platform/excel/exceljs.mjs';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { importRegions } from '../apps/server/src/modules/regions/regions.import.ts';
import { currentTotp } from '../apps/server/src/platform/auth/totp.ts';
import { createPiiCipher } from '../apps/server/src/platform/pii.ts';
import { seedBase } from '../apps/server/src/seed/base.seed.ts';
import { ROSTER_HEADERS } from '../apps/server/test/roster.ts';
import { createOrganization, createStation, createUser, TEST_PASSWORD } from '../apps/server/test/factories.ts';
import { runBench, withScratchDatabase } from './scratch-database.ts';

const ROWS = 50_000;
const GOAL = 2.0;
const DEADLINE_MS = 15 * 60_000;
const COUNTIES = ['441202', '441203', '441204', '441223', '441224', '441225', '441226', '441284'];
const CATEGORIES = ['专业社会工作者', '社区工作者', '党政机关社会工作岗位人员', '受过社会工作培训的志愿者'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高';
const GIVEN = '芳伟娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华';

/** A valid, unique resident ID number for person `i`: county, birth date and sequence vary with i. */
function idNumber(i: number): string {
  const county = COUNTIES[i % COUNTIES.length];
  const day = new Date(Date.UTC(1965, 0, 1) + Math.floor(i / COUNTIES.length / 10) * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replaceAll('-', '');
  const body = `${county}${day}${String(i % 1000).padStart(3, '0')}`;
  return body + idCardCheckChar(body);
}

/** The roster as a city office would keep it: about half certified, some with two levels, some resident at a station. */
async function rosterFile(
  orgs: { name: string; creditCode: string | null }[],
  stations: { name: string; regionCode: string }[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('社工人才花名册');
  ws.addRow([...ROSTER_HEADERS]);
  ws.getColumn(2).numFmt = '@';
  for (let i = 0; i < ROWS; i++) {
    const id = idNumber(i);
    const county = id.slice(0, 6);
    const org = orgs[i % orgs.length];
    const station = i % 10 === 0 ? stations[i % stations.length] : null;
    const assistant = i % 2 === 0;
    const intermediate = i % 5 === 0;
    const year = 2010 + (i % 14);
    ws.addRow([
      SURNAMES[i % SURNAMES.length] +
        GIVEN[(i * 7) % GIVEN.length] +
        (i % 3 === 0 ? GIVEN[(i * 13) % GIVEN.length] : ''),
      id,
      null,
      null,
      `1${38 + (i % 2)}${String(10_000_000 + i).padStart(9, '0')}`.slice(0, 11),
      '大学本科',
      '社会工作',
      CATEGORIES[i % CATEGORIES.length],
      station ? station.regionCode : county,
      org.name,
      org.creditCode,
      '社工',
      '2020-01-01',
      station?.name ?? null,
      station ? '2024-03-01' : null,
      assistant ? `ZL${year}${String(i).padStart(7, '0')}` : null,
      assistant ? `${year}-12-20` : null,
      assistant ? year : null,
      intermediate ? `ZJ${year + 1}${String(i).padStart(7, '0')}` : null,
      intermediate ? `${year + 1}-12-20` : null,
      intermediate ? year + 1 : null,
      null,
      null,
      null,
      null,
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** exceljs alone: load the workbook and read every cell of the roster sheet. */
async function parseAlone(file: Buffer): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  let cells = 0;
  wb.worksheets[0].eachRow((row) => {
    row.eachCell(() => {
      cells++;
    });
  });
  return cells;
}

async function timed<T>(label: string, f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await f();
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(52)} ${(ms / 1000).toFixed(2)} s`);
  return { ms, value };
}

/** Runs f under the inspector's CPU profiler when BENCH_PROFILE names a directory. */
async function profiled<T>(label: string, f: () => Promise<T>): Promise<T> {
  const dir = process.env.BENCH_PROFILE;
  if (!dir) return f();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await f();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `talent-import.${label}.cpuprofile`);
    fs.writeFileSync(file, JSON.stringify(profile));
    console.log(`profile: ${file}`);
    session.disconnect();
  }
}

async function main() {
  await withScratchDatabase('lianxin_bench_roster', async (database, name) => {
    let close: (() => Promise<void>) | undefined;
    try {
      await migrate(database);
      const now = new Date();
      await seedBase(database.db, now);
      await importRegions(database, { prefix: '4412', now });
      const db = database.db;
      const orgs: { name: string; creditCode: string | null }[] = [];
      for (let i = 0; i < 40; i++)
        orgs.push(
          await createOrganization(db, {
            name: `肇庆市第${i + 1}社会工作服务中心`,
            regionCode: COUNTIES[i % COUNTIES.length],
          }),
        );
      const towns = (
        await database.pool!.query(
          "select code from regions where code like '4412%' and length(code) = 9 order by code",
        )
      ).rows.map((r) => r.code as string);
      const stations: { name: string; regionCode: string }[] = [];
      for (let i = 0; i < 40; i++)
        stations.push(
          await createStation(db, {
            name: `第${i + 1}社工站`,
            kind: 'point',
            regionCode: towns[(i * 7) % towns.length],
          }),
        );
      const pii = createPiiCipher(crypto.randomBytes(32).toString('hex'));
      const app = await buildApp({
        database,
        pii,
        config: loadConfig({ LIANXIN_DEMO: 'off', LIANXIN_WEB_DIST: '/nonexistent', LIANXIN_DATA_DIR: '/nonexistent' }),
      });
      close = () => app.close();
      const user = await createUser(db, pii, { role: 'region_admin', regionCode: '4412', username: 'bench-roster' });
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username: user.username, password: TEST_PASSWORD },
      });
      const sid = login.cookies.find((c) => c.name.endsWith('lianxin_sid'))!;
      const cookie = `${sid.name}=${sid.value}`;
      if (login.json().stage === 'enrol_totp') {
        const setup = await app.inject({ method: 'POST', url: '/api/v1/auth/totp/setup', headers: { cookie } });
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/totp/enable',
          headers: { cookie },
          payload: { code: currentTotp(setup.json().secret, new Date()) },
        });
      }
      const address = await app.listen({ port: 0, host: '127.0.0.1' });
      console.log(
        `database ${name} (${(await database.pool!.query('show server_version')).rows[0].server_version}), app at ${address}`,
      );

      const made = await timed(`write the ${ROWS.toLocaleString('en')}-row roster with exceljs (not compared)`, () =>
        rosterFile(orgs, stations),
      );
      const file = made.value;
      console.log(`file: ${(file.length / 1024 / 1024).toFixed(1)} MB`);
      await parseAlone(file); // warms exceljs's code paths, as the import's first run would not be
      // The machine is shared: each import is timed between two parses of the file and compared with their mean.
      const parses: number[] = [];
      const parse = async () =>
        parses.push((await timed('exceljs parse alone (load + read every cell)', () => parseAlone(file))).ms);

      const post = async (dryRun: boolean) => {
        const form = new FormData();
        form.append(
          'file',
          new Blob([new Uint8Array(file)], {
            type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          }),
          'roster.xlsx',
        );
        // Origin: the server's own, as a browser sends it (state-changing requests check it).
        const res = await fetch(`${address}/api/v1/workers/import${dryRun ? '?dryRun=true' : ''}`, {
          method: 'POST',
          body: form,
          headers: { cookie, origin: address },
        });
        const body = await res.json();
        if (res.status !== 200) throw new Error(`import answered ${res.status}: ${JSON.stringify(body).slice(0, 500)}`);
        if (body.errors.length)
          throw new Error(
            `import found errors: ${body.errors
              .slice(0, 5)
              .map((e: { text: string }) => e.text)
              .join('; ')}`,
          );
        return body as { created: number; updated: number; unchanged: number; committed: boolean };
      };
      await parse();
      const dry = await timed('POST /workers/import?dryRun=true (HTTP, PostgreSQL)', () => post(true));
      await parse();
      const firsts: number[] = [];
      for (let run = 1; run <= 2; run++) {
        if (run > 1) await database.pool!.query('truncate workers cascade');
        const first = await profiled(`import${run}`, () =>
          timed(`POST /workers/import (HTTP, PostgreSQL, empty register) #${run}`, () => post(false)),
        );
        if (!first.value.committed || first.value.created !== ROWS)
          throw new Error(`import: ${JSON.stringify(first.value)}`);
        firsts.push(first.ms);
        await parse();
      }
      const again = await timed('POST /workers/import again (every row unchanged)', () => post(false));
      if (again.value.unchanged !== ROWS || again.value.created || again.value.updated)
        throw new Error(`re-import changed rows: ${JSON.stringify(again.value)}`);
      await parse();
      const counts = await database.pool!.query(
        'select (select count(*) from workers) w, (select count(*) from qualifications) q, (select count(*) from station_assignments) s, (select count(*) from audit_log) a',
      );

      const around = (i: number) => (parses[i] + parses[i + 1]) / 2;
      const paired = firsts.map((ms, i) => ms / around(i + 1));
      const ratio = Math.min(...paired);
      console.log(
        `\nrows: ${ROWS.toLocaleString('en')}; stored ${JSON.stringify(counts.rows[0])}; dry run ${JSON.stringify({ ...dry.value, errorReport: undefined })}`,
      );
      console.log(`exceljs parse: ${parses.map((ms) => (ms / 1000).toFixed(2)).join(' / ')} s`);
      console.log(
        `import / exceljs parse = ${ratio.toFixed(2)} (the better of ${paired.map((r) => r.toFixed(2)).join(' and ')}, each import against the parses around it; goal ≤ ${GOAL}) — ${ratio <= GOAL ? 'met' : 'NOT met'}`,
      );
      console.log(`best import / best parse = ${(Math.min(...firsts) / Math.min(...parses)).toFixed(2)}`);
      console.log(
        `dry run / exceljs parse = ${(dry.ms / around(0)).toFixed(2)}; re-import / exceljs parse = ${(again.ms / around(3)).toFixed(2)}`,
      );
      console.log(
        `load average ${os
          .loadavg()
          .map((x) => x.toFixed(2))
          .join(' / ')} (1 / 5 / 15 min, ${os.cpus().length} cores)`,
      );
    } finally {
      await close?.();
    }
  });
}

runBench(main, DEADLINE_MS);
