import { execFileSync } from 'node:child_process';
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
 * When a process started, as the OS tells it: on Linux field 22 of /proc/PID/stat (clock ticks
 * since boot), elsewhere `ps`. With the pid it names one process for good, so a pid reused by
 * another program after a crash is told apart from the process that wrote the lock.
 */
function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) is in parentheses and may itself hold spaces or parentheses.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    /* not Linux, or no such process */
  }
  if (process.platform === 'win32') return null;
  try {
    const out = execFileSync('ps', ['-o', 'lstart=', '-p', String(pid)], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return out || null;
  } catch {
    return null;
  }
}

/** The lock file's text: `pid start-time` (older versions wrote the pid alone). */
function lockText(pid: number): string {
  return `${pid} ${processStartTime(pid) ?? ''}`.trim();
}

/**
 * When the process started, in wall-clock milliseconds (Linux only; null elsewhere): boot time
 * (whole seconds, so up to a second early) plus the start in USER_HZ ticks, 100 a second.
 */
function startedAtMs(pid: number): number | null {
  const ticks = Number(processStartTime(pid) ?? Number.NaN);
  if (!Number.isFinite(ticks)) return null;
  try {
    const btime = Number(/^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'))?.[1]);
    return Number.isFinite(btime) ? btime * 1000 + ticks * 10 : null;
  } catch {
    return null;
  }
}

/**
 * Whether the process a lock file names still holds it: the pid runs and it is the same process,
 * by the start time written beside the pid, or, in a lock of an older version (the pid alone),
 * because it started before the lock was written.
 */
function holderAlive(text: string, writtenMs: number): { pid: number; alive: boolean } {
  const [pidText, ...rest] = text.trim().split(' ');
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return { pid, alive: false };
  const written = rest.join(' ');
  if (written) {
    const now = processStartTime(pid);
    return { pid, alive: now === null || now === written };
  }
  const started = startedAtMs(pid);
  return { pid, alive: started === null || started <= writtenMs + 1000 };
}

/**
 * PGlite corrupts its directory when two processes open it, so the embedded mode holds an
 * exclusive lock file naming the process and its start time. A stale lock (its process is gone,
 * or its pid now belongs to a process started later) is taken over.
 */
function acquireLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(dataDir, 'lianxin.lock');
  const mine = lockText(process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, mine);
      fs.closeSync(fd);
      return () => {
        try {
          if (fs.readFileSync(lockPath, 'utf8') === mine) fs.unlinkSync(lockPath);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const { pid, alive } = holderAlive(fs.readFileSync(lockPath, 'utf8'), fs.statSync(lockPath).mtimeMs);
      if (alive) {
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
    const client = new PGlite({
      dataDir: dataDir ? path.join(dataDir, 'pg') : undefined,
      loadDataDir: opts.loadDataDir,
    });
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
