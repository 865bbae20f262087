import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, resetDatabase } from '../../test/db.ts';
import { createDeadline } from '../../test/factories.ts';
import { coverageDeadlines } from '../modules/coverage/coverage-deadlines.table.ts';
import { AppError } from '../platform/errors.ts';
import type { Database } from './client.ts';
import { deleteVersioned, updateVersioned } from './versioned.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
beforeEach(() => resetDatabase(database));
afterAll(() => database?.close());

const later = new Date('2026-03-02T02:00:00Z');
const stored = async (id: string) =>
  (await database.db.select().from(coverageDeadlines).where(eq(coverageDeadlines.id, id)))[0];
const conflict = { constructor: AppError, code: 'VERSION_CONFLICT', status: 409 };

describe('updateVersioned', () => {
  it('writes the change at the version read and bumps it', async () => {
    const row = await createDeadline(database.db, { note: '原' });
    const updated = await updateVersioned(database.db, coverageDeadlines, row.id, row.version, {
      note: '改',
      updatedAt: later,
    });
    expect(updated).toMatchObject({ id: row.id, note: '改', version: row.version + 1, updatedAt: later });
    expect(await stored(row.id)).toEqual(updated);
  });

  it('refuses a stale version with VERSION_CONFLICT and changes nothing', async () => {
    const row = await createDeadline(database.db, { note: '原' });
    await updateVersioned(database.db, coverageDeadlines, row.id, row.version, { note: '他人', updatedAt: later });
    const before = await stored(row.id);
    await expect(
      updateVersioned(database.db, coverageDeadlines, row.id, row.version, { note: '我', updatedAt: later }),
    ).rejects.toMatchObject(conflict);
    expect(await stored(row.id)).toEqual(before);
    expect(before).toMatchObject({ note: '他人', version: row.version + 1 });
  });
});

describe('deleteVersioned', () => {
  it('deletes the row at the version read', async () => {
    const row = await createDeadline(database.db);
    await deleteVersioned(database.db, coverageDeadlines, row.id, row.version);
    expect(await stored(row.id)).toBeUndefined();
  });

  it('refuses a stale version with VERSION_CONFLICT and keeps the row', async () => {
    const row = await createDeadline(database.db);
    const edited = await updateVersioned(database.db, coverageDeadlines, row.id, row.version, {
      note: '他人',
      updatedAt: later,
    });
    await expect(deleteVersioned(database.db, coverageDeadlines, row.id, row.version)).rejects.toMatchObject(conflict);
    expect(await stored(row.id)).toEqual(edited);
  });
});
