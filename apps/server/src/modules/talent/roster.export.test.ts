import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { sheetRows } from '../../../test/upload.ts';
import { createOrganization, createQualification, createWorker, makeIdNumber } from '../../../test/factories.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';

const t = useTestApp();

async function exportAs(regionCode: string, query = '', role: 'region_admin' | 'social_worker' = 'region_admin') {
  const a = await t.loginAs({ role, regionCode });
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/workers/export${query}`,
    headers: { cookie: a.cookie },
  });
  return { res, username: a.username };
}

const sheetOf = (payload: Buffer) => sheetRows(payload, '社工人才花名册');

describe('roster export', () => {
  it('exports the filtered register in scope with certificates by level, ID numbers and phones masked, and audits it', async () => {
    const org = await createOrganization(t.database.db, { name: '端州区启航社会工作服务中心', regionCode: '441202' });
    const id = makeIdNumber({ birth: '1990-05-17', seq: 123 });
    const li = await createWorker(t.database.db, t.pii, {
      name: '李芳',
      idNumber: id,
      regionCode: '441202001',
      organizationId: org.id,
      phoneEnc: t.pii.encrypt('13812345678'),
      phoneHash: t.pii.hash('13812345678'),
    });
    await createQualification(t.database.db, {
      workerId: li.id,
      level: 'assistant',
      certificateNo: 'ZL2019440001',
      obtainedOn: '2019-12-20',
      examYear: 2019,
    });
    await createQualification(t.database.db, {
      workerId: li.id,
      level: 'intermediate',
      certificateNo: 'ZJ2022440001',
      obtainedOn: '2022-12-20',
      examYear: 2022,
    });
    await createWorker(t.database.db, t.pii, { name: '无证社工', regionCode: '441202001' });
    await createWorker(t.database.db, t.pii, { name: '鼎湖社工', regionCode: '441203001' });
    const { res, username } = await exportAs('441202', `?level=intermediate&idNumber=${id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('社工人才花名册_20260301.xlsx'));
    const rows = await sheetOf(res.rawPayload);
    expect(rows).toEqual([
      expect.objectContaining({
        姓名: '李芳',
        证件号码: `4${'*'.repeat(16)}${id.slice(-1)}`,
        手机号码: '138****5678',
        工作单位: org.name,
        工作单位统一社会信用代码: org.creditCode,
        工作地区划代码: '441202001',
        助理社会工作师证书编号: 'ZL2019440001',
        社会工作师证书编号: 'ZJ2022440001',
        社会工作师考试年度: 2022,
        当前等级: '社会工作师',
        状态: '在库',
      }),
    ]);
    expect(String(rows[0].工作地)).toMatch(/^广东省\/肇庆市\/端州区\//);
    expect(res.rawPayload.toString('latin1')).not.toContain(id);
    const [audit] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'export'));
    expect(audit).toMatchObject({
      entity: 'worker',
      actorName: username,
      detail: { count: 1, filters: { level: 'intermediate', idNumber: `4${'*'.repeat(16)}${id.slice(-1)}` } },
    });
    expect(JSON.stringify(audit)).not.toContain(id);
  });

  it("a town administrator's export holds only their town's workers", async () => {
    await createWorker(t.database.db, t.pii, { name: '城东社工', regionCode: '441202001' });
    await createWorker(t.database.db, t.pii, { name: '城西社工', regionCode: '441202002' });
    const { res } = await exportAs('441202001');
    expect((await sheetOf(res.rawPayload)).map((r) => r.姓名)).toEqual(['城东社工']);
  });

  it('is refused without the export permission', async () => {
    const { res } = await exportAs('441202001', '', 'social_worker');
    expect(res.statusCode).toBe(403);
  });
});
