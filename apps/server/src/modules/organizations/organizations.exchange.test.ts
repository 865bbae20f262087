import { eq } from 'drizzle-orm';
import ExcelJS from '../../platform/excel/exceljs.mjs';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createOrganization, nextCreditCode } from '../../../test/factories.ts';
import { xlsxUpload } from '../../../test/upload.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { organizations } from './organizations.table.ts';

const t = useTestApp();

const HEADERS = [
  '机构名称',
  '机构类型',
  '统一社会信用代码',
  '所属区划代码',
  '登记管理机关',
  '登记日期',
  '服务领域',
  '联系人',
  '联系电话',
  '地址',
];

async function admin(regionCode = '4412') {
  const a = await t.loginAs({ role: 'region_admin', regionCode });
  const send = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: a.cookie }, payload: payload as never });
  const upload = (url: string, file: Buffer | Uint8Array) => {
    const u = xlsxUpload(Buffer.from(file));
    return t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: { cookie: a.cookie, ...u.headers },
      payload: u.payload,
    });
  };
  return { ...a, send, upload };
}

async function sheet(rows: unknown[][]) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('机构');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('organizations: Excel exchange', () => {
  it("imports new organizations, reports bad rows by column with the wrong character's position, and writes nothing when any row is bad", async () => {
    const a = await admin();
    const good = nextCreditCode();
    const bad = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const file = await sheet([
      [
        '启航社工',
        '社会工作服务机构',
        good,
        '441202',
        '端州区民政局',
        '2019-05-06',
        '养老、综合',
        '李主任',
        '13812345678',
        '城东路1号',
      ],
      ['校验位错', '社会工作服务机构', bad, '441202'],
      ['重复代码', '社会组织', good, '441202'],
      ['类型不对', '协会', '', '441202'],
      ['外区机构', '企业', '', '440103'],
    ]);
    const res = (await a.upload('/organizations/import', file)).json();
    expect(res.errors.map((e: { text: string }) => e.text)).toEqual([
      '第3行 [统一社会信用代码]: 统一社会信用代码校验位错误（第18位）',
      '第4行 [统一社会信用代码]: 与第 2 行重复',
      '第5行 [机构类型]: “协会”不是可选值，可选：社会工作服务机构、社会组织、高校、企业、慈善组织、政府部门',
      '第6行 [所属区划代码]: 超出您的数据范围',
    ]);
    expect(await t.database.db.select().from(organizations)).toEqual([]);
    const fixed = await sheet([
      [
        '启航社工',
        '社会工作服务机构',
        good,
        '441202',
        '端州区民政局',
        '2019-05-06',
        '养老、综合',
        '李主任',
        '13812345678',
        '城东路1号',
      ],
    ]);
    expect((await a.upload('/organizations/import', fixed)).json()).toMatchObject({ committed: true, created: 1 });
    const [org] = (await a.send('GET', '/organizations')).json().rows;
    expect(org).toMatchObject({
      name: '启航社工',
      creditCode: good,
      domains: ['elderly', 'comprehensive'],
      registeredOn: '2019-05-06',
      contactPhone: '138****5678',
    });
  });

  it('refuses a credit code already registered elsewhere, and exports masked phones that re-import as unchanged', async () => {
    const other = await createOrganization(t.database.db, { regionCode: '441203', name: '鼎湖的机构' });
    const a = await admin('441202');
    const taken = (
      await a.upload('/organizations/import', await sheet([['抢注', '企业', other.creditCode, '441202']]))
    ).json();
    expect(taken.errors).toEqual([
      expect.objectContaining({ row: 2, column: '统一社会信用代码', message: '该统一社会信用代码已登记' }),
    ]);

    const created = await a.send('POST', '/organizations', {
      type: 'agency',
      name: '启航社工',
      creditCode: nextCreditCode(),
      regionCode: '441202',
      contactPhone: '13812345678',
    });
    expect(created.statusCode).toBe(201);
    const exported = await a.send('GET', '/organizations/export');
    expect(exported.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('机构_20260301.xlsx')}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.rawPayload as never);
    const ws = wb.getWorksheet('机构')!;
    expect(ws.getCell('J2').value).toBe('138****5678');
    const again = (await a.upload('/organizations/import', exported.rawPayload)).json();
    expect(again).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 1 });

    ws.getCell('H2').value = '婚姻家庭、养老';
    const edited = (await a.upload('/organizations/import', Buffer.from(await wb.xlsx.writeBuffer()))).json();
    expect(edited).toMatchObject({ committed: true, updated: 1 });
    const [row] = await t.database.db.select().from(organizations).where(eq(organizations.name, '启航社工'));
    expect(row).toMatchObject({ domains: ['marriage_family', 'elderly'], version: 2 });
    const [audit] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'update'));
    expect(audit).toMatchObject({ entity: 'organization', entityIds: [row.id], fields: ['domains'] });
    const revealed = await a.send('POST', `/organizations/${row.id}/reveal`, { field: 'contactPhone' });
    expect(revealed.json().value).toBe('13812345678');
  });

  it('serves a template with drop-downs and the matching rule in 填写说明', async () => {
    const a = await admin();
    const res = await a.send('GET', '/organizations/import-template');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    expect(wb.getWorksheet('机构')!.getCell('B2').dataValidation).toMatchObject({ type: 'list' });
    expect(String(wb.getWorksheet('填写说明')!.getCell('A1').value)).toContain('统一社会信用代码');
  });
});
