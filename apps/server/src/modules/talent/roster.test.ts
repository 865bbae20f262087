import { eq } from 'drizzle-orm';
import ExcelJS from '../../platform/excel/exceljs.mjs';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createOrganization, createStation, makeIdNumber } from '../../../test/factories.ts';
import { type RosterCells, rosterWorkbook } from '../../../test/roster.ts';
import { xlsxUpload } from '../../../test/upload.ts';
import { verifyAuditChain } from '../../platform/audit/audit.service.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { qualifications } from './qualifications.table.ts';
import { stationAssignments, workerEmployments, workers } from './workers.table.ts';

const t = useTestApp();

async function admin(regionCode = '4412') {
  const a = await t.loginAs({ role: 'region_admin', regionCode });
  const send = (method: 'GET' | 'POST', url: string) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: a.cookie } });
  const upload = async (file: Buffer, dryRun = false) => {
    const u = xlsxUpload(file, 'roster.xlsx');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/workers/import${dryRun ? '?dryRun=true' : ''}`,
      headers: { cookie: a.cookie, ...u.headers },
      payload: u.payload,
    });
    expect(res.statusCode).toBe(200);
    return res.json();
  };
  return { ...a, send, upload };
}

const LI = makeIdNumber({ birth: '1990-05-17', seq: 123 });
const WANG = makeIdNumber({ birth: '1985-11-02', seq: 246 });

/** Two people of 端州区 as a city office's roster lists them: one resident at a station, one with two certificates. */
async function roster(
  orgName: string,
  stationName: string,
  over: [RosterCells, RosterCells] | [] = [],
): Promise<RosterCells[]> {
  return [
    {
      姓名: '李芳',
      证件号码: LI,
      手机号码: '13812345678',
      学历: '大学本科',
      所学专业: '社会工作',
      人才类别: '专业社会工作者',
      工作地区划代码: '441202001',
      工作单位: orgName,
      '职务/岗位': '项目主管',
      入库日期: '2019-07-01',
      驻站站点: stationName,
      驻站日期: '2024-03-01',
      助理社会工作师证书编号: 'ZL2019440001',
      助理社会工作师取得日期: '2019-12-20',
      助理社会工作师考试年度: 2019,
      ...over[0],
    },
    {
      姓名: '王伟',
      证件号码: WANG,
      人才类别: '社区工作者',
      工作地区划代码: '441202',
      入库日期: '2015-03-01',
      助理社会工作师证书编号: 'ZL2016440002',
      助理社会工作师取得日期: '2016-11-30',
      助理社会工作师考试年度: 2016,
      社会工作师证书编号: 'ZJ2021440003',
      社会工作师取得日期: '2021-12-01',
      社会工作师考试年度: 2021,
      ...over[1],
    },
  ];
}

async function place() {
  const org = await createOrganization(t.database.db, { name: '端州区启航社会工作服务中心', regionCode: '441202' });
  const station = await createStation(t.database.db, { name: '城东街道社工站', kind: 'town', regionCode: '441202001' });
  return { org, station };
}

const audits = (action: string) => t.database.db.select().from(auditLog).where(eq(auditLog.action, action));

describe('roster import', () => {
  it('registers each person with their employment, residency and certificates, ID numbers and phones encrypted', async () => {
    const { org, station } = await place();
    const a = await admin();
    const result = await a.upload(await rosterWorkbook(await roster(org.name, station.name)));
    expect(result).toMatchObject({
      committed: true,
      dryRun: false,
      created: 2,
      updated: 0,
      unchanged: 0,
      errors: [],
      errorReport: null,
    });
    const list = (await a.send('GET', '/workers?pageSize=10')).json();
    expect(
      list.rows.map((w: any) => [
        w.name,
        w.sex,
        w.birthDate,
        w.idNumber,
        w.phone,
        w.currentLevel,
        w.organization?.name ?? null,
        w.station?.name ?? null,
      ]),
    ).toEqual([
      ['王伟', '2', '1985-11-02', `4${'*'.repeat(16)}${WANG.slice(-1)}`, null, 'intermediate', null, null],
      [
        '李芳',
        '1',
        '1990-05-17',
        `4${'*'.repeat(16)}${LI.slice(-1)}`,
        '138****5678',
        'assistant',
        org.name,
        station.name,
      ],
    ]);
    const li = (
      await t.database.db
        .select()
        .from(workers)
        .where(eq(workers.idNumberHash, t.pii.hash(LI)))
    )[0];
    expect(li.idNumberEnc).not.toContain(LI.slice(6));
    expect(li).toMatchObject({
      joinedOn: '2019-07-01',
      education: '20',
      jobTitle: '项目主管',
      category: 'professional',
    });
    expect(await t.database.db.select().from(workerEmployments).where(eq(workerEmployments.workerId, li.id))).toEqual([
      expect.objectContaining({ organizationId: org.id, startedOn: '2019-07-01', endedOn: null }),
    ]);
    expect(await t.database.db.select().from(stationAssignments)).toEqual([
      expect.objectContaining({ workerId: li.id, stationId: station.id, startedOn: '2024-03-01', endedOn: null }),
    ]);
    const certs = await t.database.db.select().from(qualifications);
    expect(certs.map((c) => [c.certificateNo, c.level, c.obtainedOn, c.examYear]).sort()).toEqual([
      ['ZJ2021440003', 'intermediate', '2021-12-01', 2021],
      ['ZL2016440002', 'assistant', '2016-11-30', 2016],
      ['ZL2019440001', 'assistant', '2019-12-20', 2019],
    ]);
    // The import's audit row names everyone it registered and which fields the file filled in.
    const [audit] = await audits('import');
    expect(audit).toMatchObject({
      entity: 'worker',
      detail: { filename: 'roster.xlsx', rows: 2, created: 2, updated: 0, unchanged: 0 },
    });
    expect(audit.entityIds.sort()).toEqual((await t.database.db.select().from(workers)).map((w) => w.id).sort());
    expect(audit.fields).toEqual(
      expect.arrayContaining(['idNumber', 'phone', 'stationId', 'assistantCertificate', 'intermediateCertificate']),
    );
    expect(JSON.stringify(audit)).not.toContain(LI);
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true });
  });

  it('changes nothing when the same file is imported again, and a dry run writes nothing', async () => {
    const { org, station } = await place();
    const a = await admin();
    const file = await rosterWorkbook(await roster(org.name, station.name));
    const dry = await a.upload(file, true);
    expect(dry).toMatchObject({ committed: false, dryRun: true, created: 2, errors: [] });
    expect(await t.database.db.select().from(workers)).toHaveLength(0);
    expect(await t.database.db.select().from(auditLog)).toHaveLength(0);
    await a.upload(file);
    const before = await t.database.db.select().from(workers);
    const again = await a.upload(file);
    expect(again).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 2 });
    expect(await t.database.db.select().from(workers)).toEqual(before);
    expect(await t.database.db.select().from(qualifications)).toHaveLength(3);
    expect(await t.database.db.select().from(stationAssignments)).toHaveLength(1);
    expect(await audits('update')).toHaveLength(0);
  });

  it('an edited cell updates that person only, audited with the fields that changed', async () => {
    const { org, station } = await place();
    const a = await admin();
    await a.upload(await rosterWorkbook(await roster(org.name, station.name)));
    const edited = await roster(org.name, station.name, [
      { 手机号码: '13900001111' },
      { 社会工作师取得日期: '2021-12-15' },
    ]);
    const result = await a.upload(await rosterWorkbook(edited));
    expect(result).toMatchObject({ committed: true, created: 0, updated: 2, unchanged: 0 });
    const updates = await audits('update');
    expect(updates.map((u) => u.fields)).toEqual([['phone'], ['intermediateCertificate']]);
    // One statement wrote the people's audit rows: the chain still links each to the one before.
    expect(await verifyAuditChain(t.database.db)).toMatchObject({ ok: true, checked: 4 });
    const li = (await a.send('GET', '/workers?q=李芳')).json().rows[0];
    expect(li).toMatchObject({ phone: '139****1111', version: 2 });
    const [cert] = await t.database.db
      .select()
      .from(qualifications)
      .where(eq(qualifications.certificateNo, 'ZJ2021440003'));
    expect(cert).toMatchObject({ obtainedOn: '2021-12-15', version: 2 });
    expect(await t.database.db.select().from(qualifications)).toHaveLength(3);
  });

  it('gives the template with the roster columns and its 填写说明, naming the certificate layout', async () => {
    const a = await admin();
    const res = await a.send('GET', '/workers/import-template');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('社工人才花名册导入模板_20260301.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const sheet = wb.getWorksheet('社工人才花名册')!;
    expect((sheet.getRow(1).values as string[]).slice(1, 4)).toEqual(['姓名', '证件号码', '性别']);
    expect(sheet.getColumn(2).numFmt).toBe('@');
    const help = wb.getWorksheet('填写说明')!;
    const notes = help.getColumn(1).values.join('\n');
    expect(notes).toContain('证书按等级分列');
  });
});
