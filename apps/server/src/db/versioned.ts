import { and, eq } from 'drizzle-orm';
import type { AnyPgColumn, PgTable, PgUpdateSetSource } from 'drizzle-orm/pg-core';
import { AppError } from '../platform/errors.ts';
import type { Db } from './client.ts';

/** A table with the `id` and `version` columns of columns.ts. */
export type VersionedTable = PgTable & { id: AnyPgColumn<{ data: string }>; version: AnyPgColumn<{ data: number }> };

/**
 * Optimistic locking at the write: updates the row only if it still has the `version` the caller
 * read, and bumps it. Another write in between answers VERSION_CONFLICT (409) and changes nothing.
 * Returns the updated row.
 */
export async function updateVersioned<T extends VersionedTable>(
  tx: Db,
  table: T,
  id: string,
  version: number,
  set: Omit<PgUpdateSetSource<T>, 'version'>,
): Promise<T['$inferSelect']> {
  const rows = await tx
    .update(table)
    .set({ ...set, version: version + 1 })
    .where(and(eq(table.id, id), eq(table.version, version)))
    .returning();
  // drizzle cannot resolve `returning()` for a generic table; for a concrete one it is this row.
  const [row] = rows as T['$inferSelect'][];
  if (!row) throw new AppError('VERSION_CONFLICT');
  return row;
}

/** Deletes the row only if it still has the `version` the caller read; otherwise VERSION_CONFLICT (409). */
export async function deleteVersioned(tx: Db, table: VersionedTable, id: string, version: number): Promise<void> {
  const deleted = await tx
    .delete(table)
    .where(and(eq(table.id, id), eq(table.version, version)))
    .returning({ id: table.id });
  if (deleted.length === 0) throw new AppError('VERSION_CONFLICT');
}
