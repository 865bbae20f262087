import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from './client.ts';

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../drizzle');

/** Applies pending migrations; safe to run on every start (an advisory lock serialises instances). */
export async function migrate(database: Database): Promise<void> {
  const cfg = { migrationsFolder: MIGRATIONS_DIR };
  if (database.kind === 'pglite') {
    const { migrate: run } = await import('drizzle-orm/pglite/migrator');
    await run(database.db as never, cfg);
    return;
  }
  const { migrate: run } = await import('drizzle-orm/node-postgres/migrator');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const client = await database.pool!.connect();
  try {
    await client.query('select pg_advisory_lock(7461001)');
    await run(drizzle(client) as never, cfg);
  } finally {
    await client.query('select pg_advisory_unlock(7461001)').catch(() => {});
    client.release();
  }
}
