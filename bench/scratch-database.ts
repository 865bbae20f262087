import crypto from 'node:crypto';
import { type Database, openPostgres } from '../apps/server/src/db/client.ts';
import { withDatabase } from '../apps/server/test/global-setup.ts';

/** The PostgreSQL server the benchmarks run on (trust auth on this machine); each run makes its own database there. */
export const BENCH_SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let scratchName = '';

async function dropDatabase(name: string) {
  const admin = await openPostgres(BENCH_SERVER_URL, { max: 1 });
  try {
    await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.close();
  }
}

/** Creates a throw-away database named `<prefix>_<random>`, runs the bench on a pool to it, and drops it afterwards. */
export async function withScratchDatabase(prefix: string, run: (database: Database, name: string) => Promise<void>) {
  const name = `${prefix}_${crypto.randomBytes(4).toString('hex')}`;
  const admin = await openPostgres(BENCH_SERVER_URL, { max: 1 });
  await admin.exec(`CREATE DATABASE ${name}`);
  await admin.close();
  scratchName = name;
  let database: Database | undefined;
  try {
    database = await openPostgres(withDatabase(BENCH_SERVER_URL, name), { max: 4 });
    await run(database, name);
  } finally {
    await database?.close();
    await dropDatabase(name);
    scratchName = '';
  }
}

/**
 * Runs a bench to its end and exits. Past the deadline it gives up, dropping the scratch database
 * from a fresh connection (the run's own may be stuck), and exits with 2.
 */
export function runBench(main: () => Promise<void>, deadlineMs: number) {
  const deadline = setTimeout(async () => {
    console.error(`bench: gave up after ${deadlineMs / 1000} s`);
    if (scratchName) await dropDatabase(scratchName).catch(() => {});
    process.exit(2);
  }, deadlineMs);
  deadline.unref();
  main().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
