import { count, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createOrganization, makeIdNumber } from '../../../test/factories.ts';
import { type RosterCells, rosterWorkbook } from '../../../test/roster.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { systemCtx } from '../../platform/context.ts';
import { qualifications } from './qualifications.table.ts';
import { importRoster } from './roster.import.ts';
import { workers } from './workers.table.ts';

/*
 * A large roster is read, checked and written a batch at a time (5,000 rows); here the batches are
 * 5 rows, so a file of 23 spans five of them, and what one batch decides must hold with the others.
 * The file is read on the reading thread, as a large one is.
 */
const t = useTestApp();
const BATCH = 5;
const ROWS = 23;

/** Person i of the file: certified every other one, each with their own certificate number. */
const person = (i: number, org: string): RosterCells => ({
  姓名: `何${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${i}`,
  证件号码: makeIdNumber({ birth: `1980-01-${String(1 + (i % 28)).padStart(2, '0')}`, seq: 100 + i }),
  手机号码: `139${String(10_000_000 + i)}`,
  人才类别: '专业社会工作者',
  工作地区划代码: '441202001',
  工作单位: org,
  ...(i % 2 === 0
    ? {
        助理社会工作师证书编号: `ZL2020${String(i).padStart(6, '0')}`,
        助理社会工作师取得日期: '2020-12-20',
        助理社会工作师考试年度: 2020,
      }
    : {}),
});

async function run(file: Buffer, dryRun = false) {
  const ctx = systemCtx(t.clock.now(), 'roster-batches');
  // PostgreSQL looks up each batch on another connection while the one before is inserted; the embedded database cannot.
  return importRoster(t.database.db, ctx, t.pii, { buffer: file, filename: 'roster.xlsx' }, dryRun, {
    batchRows: BATCH,
    readsAside: t.database.kind === 'postgres',
    readingThread: true,
  });
}

const total = async (table: typeof workers | typeof qualifications) =>
  (await t.database.db.select({ n: count() }).from(table))[0]!.n;

describe('roster import in batches', () => {
  it('imports a file spanning several batches whole, and importing it again changes nothing', async () => {
    const org = await createOrganization(t.database.db, { name: '端州区同心社会工作服务中心', regionCode: '441202' });
    const rows = Array.from({ length: ROWS }, (_, i) => person(i, org.name));
    const file = await rosterWorkbook(rows);

    const dry = await run(file, true);
    expect(dry).toMatchObject({ dryRun: true, committed: false, created: ROWS, updated: 0, unchanged: 0, errors: [] });
    expect(await total(workers)).toBe(0);

    const first = await run(file);
    expect(first).toMatchObject({ committed: true, created: ROWS, updated: 0, unchanged: 0, errors: [] });
    expect(await total(workers)).toBe(ROWS);
    expect(await total(qualifications)).toBe(Math.ceil(ROWS / 2));
    // Every person's ID number and phone sealed (on the worker thread) and readable again.
    const stored = await t.database.db.select().from(workers);
    const clear = new Set(rows.map((r) => r.证件号码));
    expect(stored.every((w) => w.idNumberEnc.startsWith('sm4:') && clear.has(t.pii.decrypt(w.idNumberEnc)))).toBe(true);
    expect(new Set(stored.map((w) => t.pii.decrypt(w.phoneEnc!))).size).toBe(ROWS);
    // The phone's blind index, made beside the sealing, finds the person as a typed phone would.
    expect(stored.every((w) => w.phoneHash === t.pii.hash(t.pii.decrypt(w.phoneEnc!)))).toBe(true);
    const [audit] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'import'));
    expect(audit!.entityIds).toHaveLength(ROWS);

    const again = await run(file);
    expect(again).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: ROWS, errors: [] });
    // One row edited in the last batch: that person only is updated.
    const edited = rows.map((r, i) => (i === ROWS - 1 ? { ...r, 备注: '已调岗' } : r));
    expect(await run(await rosterWorkbook(edited))).toMatchObject({
      committed: true,
      created: 0,
      updated: 1,
      unchanged: ROWS - 1,
    });
  });

  it('a row of a late batch that repeats an earlier person or certificate writes nothing of the batches before', async () => {
    const org = await createOrganization(t.database.db, { name: '端州区同行社会工作服务中心', regionCode: '441202' });
    const rows = Array.from({ length: ROWS }, (_, i) => person(i, org.name));
    // Sheet row 24 (the 23rd person) is the 3rd person again; row 20 carries row 2's certificate number.
    rows[22] = { ...rows[22], 证件号码: rows[2]!.证件号码 };
    rows[18] = {
      ...rows[18],
      助理社会工作师证书编号: rows[0]!.助理社会工作师证书编号,
      助理社会工作师取得日期: '2020-12-20',
      助理社会工作师考试年度: 2020,
    };
    const result = await run(await rosterWorkbook(rows));
    expect(result.committed).toBe(false);
    expect(result.errors.map((e) => [e.row, e.column])).toEqual([
      [20, '助理社会工作师证书编号'],
      [24, '证件号码'],
    ]);
    expect(result.errors.map((e) => e.text)).toEqual([
      '第20行 [助理社会工作师证书编号]: 证书编号与第 2 行重复',
      '第24行 [证件号码]: 与第 4 行重复',
    ]);
    expect(result.errorReport).not.toBeNull();
    expect(await total(workers)).toBe(0);
    expect(await total(qualifications)).toBe(0);
  });
});
