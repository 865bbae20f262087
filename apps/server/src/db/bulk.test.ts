import crypto from 'node:crypto';
import { asc, count } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTestDatabase, resetDatabase } from '../../test/db.ts';
import { organizations } from '../modules/organizations/organizations.table.ts';
import { workers } from '../modules/talent/workers.table.ts';
import { type BulkColumn, BulkPipeline } from './bulk.ts';
import type { Database } from './client.ts';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
beforeEach(() => resetDatabase(database));
afterAll(() => database?.close());

const ORG: BulkColumn[] = [
  ['id', 'uuid'],
  ['type', 'text'],
  ['name', 'text'],
  ['region_code', 'text'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
];
const WORKER: BulkColumn[] = [
  ['id', 'uuid'],
  ['region_code', 'text'],
  ['name', 'text'],
  ['sex', 'text'],
  ['id_number_enc', 'text'],
  ['id_number_hash', 'text'],
  ['category', 'text'],
  ['organization_id', 'uuid'],
  ['joined_on', 'date'],
  ['note', 'text'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
];
const now = new Date('2026-03-01T02:00:00Z');
const org = (name: string) => [crypto.randomUUID(), 'social_work_agency', name, '441202', now, now];
const worker = (name: string, orgId: string | null, note = '') => [
  crypto.randomUUID(),
  '441202',
  name,
  '2',
  'enc',
  crypto.randomUUID(),
  'professional',
  orgId,
  '2024-03-01',
  note,
  now,
  now,
];

/** Runs one pipeline over a transaction: what `queue` sends is written, or nothing. */
async function inTransaction(queue: (p: BulkPipeline) => Promise<void>) {
  await database.db.transaction(async (tx) => {
    const pipeline = new BulkPipeline(tx);
    await queue(pipeline);
    await pipeline.settled();
  });
}

describe('BulkPipeline', () => {
  it('inserts the tables of a batch in one statement, a row referencing another of the same batch whatever the order', async () => {
    const orgs = [org('端州区社工站'), org('高要区社会工作服务中心')];
    const staff = [worker('陈敏', orgs[0][0] as string), worker('李娜', orgs[1][0] as string), worker('王芳', null)];
    await inTransaction(async (p) => {
      // The referencing table first: foreign keys are checked when the statement ends.
      await p.insert([
        { table: 'workers', columns: WORKER, rows: staff },
        { table: 'organizations', columns: ORG, rows: orgs },
      ]);
      await p.insert([{ table: 'organizations', columns: ORG, rows: [] }]);
    });
    const stored = await database.db
      .select({
        name: workers.name,
        organizationId: workers.organizationId,
        joinedOn: workers.joinedOn,
        createdAt: workers.createdAt,
      })
      .from(workers)
      .orderBy(asc(workers.name));
    expect(stored).toEqual([
      { name: '李娜', organizationId: orgs[1][0], joinedOn: '2024-03-01', createdAt: now },
      { name: '王芳', organizationId: null, joinedOn: '2024-03-01', createdAt: now },
      { name: '陈敏', organizationId: orgs[0][0], joinedOn: '2024-03-01', createdAt: now },
    ]);
  });

  it('keeps text holding its own separators, an empty string apart from null', async () => {
    const orgId = org('机构')[0] as string;
    const notes = ['一\x1f二', '\x1e', '', '备注'];
    await inTransaction(async (p) => {
      await p.insert([
        { table: 'organizations', columns: ORG, rows: [[orgId, 'social_work_agency', '机构', '441202', now, now]] },
      ]);
      await p.insert([{ table: 'workers', columns: WORKER, rows: notes.map((n, i) => worker(`社工${i}`, orgId, n)) }]);
    });
    const stored = await database.db
      .select({ name: workers.name, note: workers.note })
      .from(workers)
      .orderBy(asc(workers.name));
    expect(stored.map((w) => w.note)).toEqual(notes);
  });

  it('the first statement that fails is what settled() throws, and the transaction writes nothing', async () => {
    const orgs = [org('甲')];
    let failure: unknown;
    const run = inTransaction(async (p) => {
      await p.insert([{ table: 'organizations', columns: ORG, rows: orgs }]);
      // References an organization that does not exist.
      await p.insert([{ table: 'workers', columns: WORKER, rows: [worker('赵强', crypto.randomUUID())] }]);
      await p.insert([{ table: 'workers', columns: WORKER, rows: [worker('周杰', orgs[0][0] as string)] }]);
      await p.settled().catch(() => {});
      failure = p.failed();
    });
    // 23503: foreign_key_violation, the insert's own failure rather than the aborted transaction's.
    await expect(run).rejects.toMatchObject({ cause: expect.objectContaining({ code: '23503' }) });
    expect(failure).toMatchObject({ cause: expect.objectContaining({ code: '23503' }) });
    expect((await database.db.select({ n: count() }).from(organizations))[0].n).toBe(0);
    expect((await database.db.select({ n: count() }).from(workers))[0].n).toBe(0);
  });
});
