import fs from 'node:fs';
import path from 'node:path';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** The database or a transaction: repos take this first. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  close(): Promise<void>;
  /** Raw SQL for tools and benchmarks (COPY, TRUNCATE). */
  exec(sql: string): Promise<void>;
  /** node-postgres pool (postgres kind only): for session-level work such as advisory locks and COPY. */
  pool?: import('pg').Pool;
  /** PGlite only: the whole data directory as a tarball (test snapshots, backups). */
  dump?: () => Promise<Blob>;
}

export class DataDirLockedError extends Error {}

/**
 * PGlite corrupts its directory when two processes open it, so the embedded mode holds an
 * exclusive lock file. A stale lock (its process is gone) is taken over.
 */
function acquireLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'lianxin.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(fs.readFileSync(lockPath, 'utf8'));
      if (pid && isAlive(pid)) {
        throw new DataDirLockedError(
          `The data directory ${dataDir} is in use by another Lianxin process (pid ${pid}). ` +
            'The embedded database allows one process only; stop the other one, or use PostgreSQL (DATABASE_URL).',
        );
      }
      fs.unlinkSync(lockPath);
    }
  }
  throw new DataDirLockedError(`Could not lock ${dataDir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function openPglite(dataDir: string | undefined, opts: { loadDataDir?: Blob } = {}): Promise<Database> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const release = dataDir ? acquireLock(dataDir) : () => {};
  try {
    // The options object form: `new PGlite(undefined, opts)` ignores opts.
    const client = new PGlite({ dataDir: dataDir ? path.join(dataDir, 'pg') : undefined, loadDataDir: opts.loadDataDir });
    await client.waitReady;
    const db = drizzle(client, { schema }) as unknown as Db;
    return {
      db,
      kind: 'pglite',
      exec: async (q) => {
        await client.exec(q);
      },
      dump: () => client.dumpDataDir('gzip'),
      close: async () => {
        try {
          await client.exec('CHECKPOINT');
          await client.close();
        } finally {
          release();
        }
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<Database> {
  const pg = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const pool = new pg.default.Pool({ connectionString: url, max: opts.max ?? 10 });
  // An idle client that loses its connection (server restart, failover, a dropped database) is
  // removed by the pool and the next query opens a new one; without a listener the error would
  // crash the process. Errors of running queries still reach their callers.
  pool.on('error', () => {});
  await pool.query('select 1');
  const db = drizzle(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    exec: async (q) => {
      await pool.query(q);
    },
    close: () => pool.end(),
    pool,
  };
}

export function openDatabase(cfg: { databaseUrl?: string; dataDir: string }): Promise<Database> {
  return cfg.databaseUrl ? openPostgres(cfg.databaseUrl) : openPglite(cfg.dataDir);
}
