import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from './db/sql.ts';
import { serverJobs } from './jobs.ts';
import { regions } from './modules/regions/regions.table.ts';
import { useTestApp } from '../test/app.ts';

const t = useTestApp();

describe('scheduled jobs', () => {
  it('refreshes the planner statistics on the embedded database, which has no autovacuum to do it', async () => {
    const jobs = serverJobs(t.app.deps.params, 'pglite');
    expect(serverJobs(t.app.deps.params, 'postgres').map((j) => j.name)).not.toContain('planner-statistics');
    const job = jobs.find((j) => j.name === 'planner-statistics')!;
    await t.database.db.insert(regions).values(
      Array.from({ length: 500 }, (_, i) => ({ code: `99${String(i).padStart(4, '0')}`, name: `统计${i}`, level: 3, parentCode: null })),
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
