import type { Pool, PoolClient } from 'pg';
import { migrate } from '../apps/server/src/db/migrate.ts';
import {
  CopyIn,
  copyField,
  importRegions,
  REGION_COPY_SQL,
} from '../apps/server/src/modules/regions/regions.import.ts';
import { bulkInitials, readRegionSource } from '../apps/server/src/modules/regions/regions.source.ts';
import { runBench, withScratchDatabase } from './scratch-database.ts';

const EXPECTED_ROWS = 665_276;
const GOAL = 1.5;
/** The whole run is bounded: a hung server must not keep the bench alive. */
const DEADLINE_MS = 10 * 60_000;

async function prepareCopyChunks(now: Date): Promise<{ chunks: Buffer[]; rows: number }> {
  const chunks: Buffer[] = [];
  let buf = '';
  let rows = 0;
  const ts = now.toISOString();
  const initials = bulkInitials(); // as the import computes them, so both load identical rows
  for await (const r of readRegionSource()) {
    buf += `${[r.code, r.name, r.level, r.parentCode, r.kind, initials(r.name), ts].map(copyField).join('\t')}\n`;
    rows++;
    if (buf.length > 256 * 1024) {
      chunks.push(Buffer.from(buf, 'utf8'));
      buf = '';
    }
  }
  if (buf) chunks.push(Buffer.from(buf, 'utf8'));
  return { chunks, rows };
}

/** A digest of the table's content, to show that both loads produced the same rows. */
async function digest(pool: Pool): Promise<string> {
  const sql = `select md5(string_agg(concat_ws('|', code, name, level, parent_code, kind, initials, updated_at), ',' order by code)) as d from regions`;
  return (await pool.query(sql)).rows[0].d;
}

async function checkpoint(pool: Pool) {
  // Starts each timed phase without the previous phase's dirty buffers (needs superuser; optional).
  await pool.query('CHECKPOINT').catch(() => {});
}

async function timed<T>(label: string, f: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await f();
  const ms = performance.now() - t0;
  console.log(`${label.padEnd(44)} ${(ms / 1000).toFixed(2)} s`);
  return { ms, value };
}

async function main() {
  await withScratchDatabase('lianxin_bench_regions', async (database, name) => {
    await migrate(database);
    const pool = database.pool!;
    const now = new Date();
    console.log(`database ${name} (${(await pool.query('show server_version')).rows[0].server_version})`);

    await checkpoint(pool);
    const first = await timed('importRegions({ all: true }), empty table', () =>
      importRegions(database!, { all: true, now }),
    );
    if (first.value.total !== EXPECTED_ROWS || first.value.inserted !== EXPECTED_ROWS)
      throw new Error(`import: ${JSON.stringify(first.value)}`);

    await checkpoint(pool);
    const again = await timed('importRegions({ all: true }), re-run', () =>
      importRegions(database!, { all: true, now: new Date() }),
    );
    if (again.value.inserted !== 0 || again.value.updated !== 0)
      throw new Error(`re-import changed rows: ${JSON.stringify(again.value)}`);

    const imported = await digest(pool);
    const { chunks, rows } = await prepareCopyChunks(now);
    if (rows !== EXPECTED_ROWS) throw new Error(`prepared ${rows} rows`);
    await pool.query('TRUNCATE regions');
    await checkpoint(pool);
    const client: PoolClient = await pool.connect();
    let copy: { ms: number; value: number };
    try {
      copy = await timed('COPY regions FROM STDIN (rows in memory)', async () => {
        const q = client.query(new CopyIn(REGION_COPY_SQL));
        for (const c of chunks) await q.write(c);
        return q.end();
      });
    } finally {
      client.release();
    }
    if (copy.value !== EXPECTED_ROWS) throw new Error(`COPY loaded ${copy.value} rows`);
    if ((await digest(pool)) !== imported) throw new Error('COPY and import loaded different rows');

    const ratio = first.ms / copy.ms;
    console.log(
      `\nrows: ${EXPECTED_ROWS.toLocaleString('en')}; first import ${JSON.stringify(first.value)}; re-run ${JSON.stringify(again.value)}`,
    );
    console.log(`import / COPY = ${ratio.toFixed(2)} (goal ≤ ${GOAL}) — ${ratio <= GOAL ? 'met' : 'NOT met'}`);
    console.log(`re-import / COPY = ${(again.ms / copy.ms).toFixed(2)}`);
    console.log('(COPY is driven through pg protocol hooks because pg-copy-streams is not installed.)');
  });
}

runBench(main, DEADLINE_MS);
