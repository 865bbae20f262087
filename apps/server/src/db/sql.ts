import type { SQL } from 'drizzle-orm';
import type { Db } from './client.ts';

/** A LIKE/ILIKE pattern that matches `q` literally anywhere in the value. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Rows of a raw query. Both drivers answer `{ rows }`; drizzle types the raw result per driver, so it is unknown on `Db`. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = await db.execute(query);
  return (result as unknown as { rows: T[] }).rows;
}

/** True when `err` (or the driver error drizzle wrapped in it) is a unique-constraint violation. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  for (let e = err as { code?: string; constraint?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return constraint === undefined || e.constraint === constraint;
  }
  return false;
}
