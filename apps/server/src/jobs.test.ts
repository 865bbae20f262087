import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from './db/sql.ts';
import { serverJobs } from './jobs.ts';
import { writeAudits } from './platform/audit/audit.service.ts';
import { auditCheckpoints, auditLog } from './platform/audit/audit.table.ts';
import { systemCtx } from './platform/context.ts';
import { regions } from './modules/regions/regions.table.ts';
import { useTestApp } from '../test/app.ts';

const t = useTestApp();

describe('scheduled jobs', () => {
  it('refreshes the planner statistics on the embedded database, which has no autovacuum to do it', async () => {
    const jobs = serverJobs(t.app.deps.params, 'pglite');
    expect(serverJobs(t.app.deps.params, 'postgres').map((j) => j.name)).not.toContain('planner-statistics');
    const job = jobs.find((j) => j.name === 'planner-statistics')!;
    await t.database.db.insert(regions).values(
      Array.from({ length: 500 }, (_, i) => ({
        code: `99${String(i).padStart(4, '0')}`,
        name: `统计${i}`,
        level: 3,
        parentCode: null,
      })),
    );
    const estimate = async () => {
      const [row] = await queryRows<{ tuples: number; actual: number }>(
        t.database.db,
        sql`select reltuples::int as tuples, (select count(*)::int from regions) as actual from pg_class where relname = 'regions'`,
      );
      return { tuples: Number(row.tuples), actual: Number(row.actual) };
    };
    const before = await estimate();
    expect(before.tuples).not.toBe(before.actual);
    // As the scheduler runs it: inside a transaction.
    await t.database.db.transaction((tx) => job.run(tx, t.clock.now()));
    const after = await estimate();
    expect(after.tuples).toBe(after.actual);
  });
});

describe('audit jobs', () => {
  const DAY = 86_400_000;
  const write = (n: number) =>
    t.database.db.transaction((tx) =>
      writeAudits(
        tx,
        systemCtx(t.clock.now(), 'test'),
        Array.from({ length: n }, () => ({ action: 'update', entity: 'station' })),
      ),
    );

  it('exports the audit chain head on every instance, to the log and the head file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-jobs-'));
    try {
      const file = path.join(dir, 'sub', 'audit-head.jsonl');
      const logged: object[] = [];
      const log = { info: (o: object) => logged.push(o), error: (o: object) => logged.push(o) };
      const job = serverJobs(t.app.deps.params, 'postgres', { file, everyMs: 300_000, log }).find(
        (j) => j.name === 'audit-head',
      )!;
      expect(job).toMatchObject({ everyMs: 300_000, lockKey: null });
      await write(2);
      await job.run(t.database.db, t.clock.now());
      const line = JSON.parse(fs.readFileSync(file, 'utf8'));
      expect(line).toEqual({
        seq: 2,
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        at: t.clock.now().toISOString(),
        mac: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(logged).toEqual([{ auditHead: line }]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('prunes whole old days of the audit log as the scheduler runs it, with its own maintenance secret', async () => {
    const job = serverJobs(t.app.deps.params, 'postgres').find((j) => j.name === 'audit-retention')!;
    await write(3);
    t.clock.advance(200 * DAY);
    await write(1);
    // As the scheduler runs it: inside a transaction holding the job's lock.
    await t.database.db.transaction((tx) => job.run(tx, t.clock.now()));
    expect((await t.database.db.select().from(auditLog)).map((r) => r.seq)).toEqual([4]);
    expect(await t.database.db.select().from(auditCheckpoints)).toMatchObject([{ firstSeq: 4, deletedRows: 3 }]);
  });
});
