import { eq } from 'drizzle-orm';
import ExcelJS from '../../platform/excel/exceljs.mjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createTraining, createWorker } from '../../../test/factories.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { regionNamesOf } from '../regions/regions.repo.ts';

const t = useTestApp(); // the test clock reads 2026-03-01

async function as(role: 'region_admin' | 'social_worker', regionCode: string) {
  const a = await t.loginAs({ role, regionCode });
  return {
    ...a,
    get: (url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: a.cookie } }),
  };
}

type Row = {
  course: string;
  provider: string;
  hours: number;
  endedOn: string;
  worker: { id: string; name: string; regionCode: string; regionName: string };
};

/** Each row as "who: course", the order the list gives. */
const seen = (body: { rows: Row[] }) => body.rows.map((r) => `${r.worker.name}: ${r.course}`);

async function sheetOf(payload: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as never);
  const ws = wb.getWorksheet('培训记录')!;
  const headers = (ws.getRow(1).values as string[]).slice(1);
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return { headers, rows };
}

describe('training records ledger', () => {
  // 端州区 (441202) has two towns with workers; 鼎湖区 (441203) is the neighbouring county.
  beforeEach(async () => {
    const db = t.database.db;
    const li = await createWorker(db, t.pii, { name: '李芳', regionCode: '441202001' });
    const wang = await createWorker(db, t.pii, { name: '王强', regionCode: '441202002' });
    const far = await createWorker(db, t.pii, { name: '鼎湖社工', regionCode: '441203001' });
    await createTraining(db, li, {
      course: '社会工作督导能力提升班',
      provider: '肇庆社会工作学院',
      startedOn: '2025-06-02',
      endedOn: '2025-06-04',
      hours: 24,
      credits: 2,
      certificateNo: 'PX-2025-18',
    });
    await createTraining(db, li, {
      course: '伦理讲座',
      provider: '端州区社工协会',
      startedOn: '2024-12-30',
      endedOn: '2025-01-02',
      hours: 8,
    });
    await createTraining(db, li, {
      course: '个案管理实务',
      provider: '肇庆社会工作学院',
      startedOn: '2024-05-10',
      hours: 6,
    });
    await createTraining(db, wang, { course: '社区走访技巧', provider: '', startedOn: '2025-09-15', hours: 3.5 });
    await createTraining(db, far, {
      course: '鼎湖区专题培训',
      provider: '肇庆社会工作学院',
      startedOn: '2025-07-01',
      hours: 4,
    });
  });

  it("a county administrator sees their county's trainings, the latest first, with each worker's region", async () => {
    const admin = await as('region_admin', '441202');
    const res = await admin.get('/trainings');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(4);
    expect(seen(body)).toEqual([
      '王强: 社区走访技巧',
      '李芳: 社会工作督导能力提升班',
      '李芳: 伦理讲座',
      '李芳: 个案管理实务',
    ]);
    const names = await regionNamesOf(t.database.db, ['441202001']);
    expect(body.rows[1]).toMatchObject({
      provider: '肇庆社会工作学院',
      startedOn: '2025-06-02',
      endedOn: '2025-06-04',
      hours: 24,
      credits: 2,
      certificateNo: 'PX-2025-18',
      version: 1,
    });
    expect(body.rows[1].worker).toMatchObject({
      name: '李芳',
      regionCode: '441202001',
      regionName: names.get('441202001'),
    });

    const second = (await admin.get('/trainings?page=2&pageSize=3')).json();
    expect([second.total, seen(second)]).toEqual([4, ['李芳: 个案管理实务']]);
  });

  it('filters by year (of the last day), worker name, provider, course, dates and region', async () => {
    const admin = await as('region_admin', '441202');
    const list = async (query: string) => seen((await admin.get(`/trainings?${query}`)).json());
    // The course over new year counts toward 2025, the year of its last day.
    expect(await list('year=2025')).toEqual(['王强: 社区走访技巧', '李芳: 社会工作督导能力提升班', '李芳: 伦理讲座']);
    expect(await list('year=2024')).toEqual(['李芳: 个案管理实务']);
    expect(await list(`workerName=${encodeURIComponent('芳')}`)).toEqual([
      '李芳: 社会工作督导能力提升班',
      '李芳: 伦理讲座',
      '李芳: 个案管理实务',
    ]);
    expect(await list(`year=2025&workerName=${encodeURIComponent('李')}`)).toEqual([
      '李芳: 社会工作督导能力提升班',
      '李芳: 伦理讲座',
    ]);
    expect(await list(`provider=${encodeURIComponent('学院')}`)).toEqual([
      '李芳: 社会工作督导能力提升班',
      '李芳: 个案管理实务',
    ]);
    expect(await list(`course=${encodeURIComponent('督导')}`)).toEqual(['李芳: 社会工作督导能力提升班']);
    // A course running on any day of the range: the one over new year is in December's.
    expect(await list('from=2024-12-01&to=2024-12-31')).toEqual(['李芳: 伦理讲座']);
    expect(await list('from=2025-06-04&to=2025-09-14')).toEqual(['李芳: 社会工作督导能力提升班']);
    expect(await list('regionCode=441202002')).toEqual(['王强: 社区走访技巧']);
    expect((await admin.get('/trainings?year=20x5')).statusCode).toBe(400);
  });

  it('a region outside the scope lists nothing, and a town administrator sees only their town', async () => {
    const admin = await as('region_admin', '441202');
    expect((await admin.get('/trainings?regionCode=441203001')).json()).toEqual({ rows: [], total: 0 });
    const town = await as('region_admin', '441202002');
    expect(seen((await town.get('/trainings')).json())).toEqual(['王强: 社区走访技巧']);
    expect((await town.get('/trainings?regionCode=441202001')).json().total).toBe(0);
    // Reading the ledger is reading the register: a social worker may; exporting it is not theirs.
    const sw = await as('social_worker', '441202');
    expect((await sw.get('/trainings')).json().total).toBe(4);
    expect((await sw.get('/trainings/export')).statusCode).toBe(403);
  });

  it("exports the list's rows under its filters, with Chinese headers, and audits it", async () => {
    const admin = await as('region_admin', '441202');
    const query = `year=2025&provider=${encodeURIComponent('学院')}`;
    const listed = (await admin.get(`/trainings?${query}`)).json();
    const everything = (await admin.get('/trainings?pageSize=100')).json();
    const res = await admin.get(`/trainings/export?${query}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('培训记录_20260301.xlsx'));
    const { headers, rows } = await sheetOf(res.rawPayload);
    expect(headers).toEqual([
      '姓名',
      '工作地区划代码',
      '工作地',
      '课程名称',
      '培训机构',
      '开始日期',
      '结束日期',
      '学时',
      '学分',
      '结业证书编号',
      '备注',
    ]);
    expect(rows.map((r) => `${r.姓名}: ${r.课程名称}`)).toEqual(seen(listed));
    expect(rows[0]).toMatchObject({
      工作地区划代码: '441202001',
      培训机构: '肇庆社会工作学院',
      学时: 24,
      学分: 2,
      结业证书编号: 'PX-2025-18',
      开始日期: new Date('2025-06-02T00:00:00Z'),
    });
    expect(String(rows[0].工作地)).toMatch(/^广东省\/肇庆市\/端州区\/.+/);

    // Without filters, every row of the list in its order, not one page of it.
    const all = await sheetOf((await admin.get('/trainings/export')).rawPayload);
    expect(all.rows.map((r) => `${r.姓名}: ${r.课程名称}`)).toEqual(seen(everything));
    expect(all.rows).toHaveLength(everything.total);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'export'));
    expect(audits.map((a) => [a.entity, a.actorName, a.detail])).toEqual([
      ['training', admin.username, { count: 1, filters: { year: 2025, provider: '学院' } }],
      ['training', admin.username, { count: 4, filters: {} }],
    ]);
  });
});
