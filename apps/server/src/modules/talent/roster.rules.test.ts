import ExcelJS from '../../platform/excel/exceljs.mjs';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createOrganization, createQualification, createWorker, makeIdNumber } from '../../../test/factories.ts';
import { type RosterCells, rosterWorkbook } from '../../../test/roster.ts';
import { xlsxUpload } from '../../../test/upload.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { qualifications } from './qualifications.table.ts';
import { workers } from './workers.table.ts';

const t = useTestApp();

async function importAs(regionCode: string, file: Buffer, dryRun = false) {
  const a = await t.loginAs({ role: 'region_admin', regionCode });
  const u = xlsxUpload(file, 'roster.xlsx');
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/workers/import${dryRun ? '?dryRun=true' : ''}`,
    headers: { cookie: a.cookie, ...u.headers },
    payload: u.payload,
  });
  expect(res.statusCode).toBe(200);
  return res.json();
}

let seq = 400;
/** A valid row of 端州区 with a fresh person and, unless overridden, no certificate. */
const person = (over: RosterCells = {}): RosterCells => ({
  姓名: `社工${++seq}`,
  证件号码: makeIdNumber({ birth: '1988-02-03', seq }),
  人才类别: '专业社会工作者',
  工作地区划代码: '441202001',
  ...over,
});

describe('roster import: bad input is refused row by row and nothing is written', () => {
  it('reports every rule with its row and column, returns the workbook with an 错误信息 column, and writes no row', async () => {
    const other = await createWorker(t.database.db, t.pii, { regionCode: '441202' });
    await createQualification(t.database.db, { workerId: other.id, certificateNo: 'ZL2020440999' });
    const good = makeIdNumber({ birth: '1979-08-09', seq: 11 });
    const legacy15 = `${good.slice(0, 6)}${good.slice(8, 17)}`; // the same person's 15-digit number
    const bad = `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`;
    const rows: RosterCells[] = [
      person({ 证件号码: good }), // row 2: fine
      person({ 证件号码: bad }), // 3: checksum
      person({ 证件号码: 440102198001011260 }), // 4: what Excel keeps of an 18-digit number typed into a numeric cell
      person({ 手机号码: '1381234567' }), // 5: ten digits
      person({ 证件号码: legacy15 }), // 6: row 2's person again, in the legacy form
      person({
        助理社会工作师证书编号: 'ZL2021440100',
        助理社会工作师取得日期: '2021-12-01',
        助理社会工作师考试年度: 2021,
      }), // 7: fine
      person({
        助理社会工作师证书编号: 'zl2021440100',
        助理社会工作师取得日期: '2021-12-01',
        助理社会工作师考试年度: 2021,
      }), // 8: row 7's number
      person({ 社会工作师证书编号: 'ZL2020440999', 社会工作师取得日期: '2021-12-01', 社会工作师考试年度: 2021 }), // 9: another person's number in the register
      person({ 社会工作师证书编号: 'ZJ2023440001', 社会工作师取得日期: '2022-12-01', 社会工作师考试年度: 2023 }), // 10: obtained before its exam year
      person({
        入库日期: '2026-03-02',
        助理社会工作师证书编号: 'ZL2007',
        助理社会工作师取得日期: '2007-06-01',
        助理社会工作师考试年度: 2007,
      }), // 11: future, before 2008
      person({ 工作单位: '不存在的社工机构' }), // 12: unknown organization
      person({ 证件号码: `441202${'*'.repeat(8)}1234` }), // 13: masked, copied from an export
      person({ 人才类别: '社工', 性别: '女', 证件号码: makeIdNumber({ birth: '1990-01-01', seq: 999 }) }), // 14: not a category; sex against the ID (odd seq: a man)
    ];
    const file = await rosterWorkbook(rows);
    const result = await importAs('4412', file);
    expect(result).toMatchObject({ committed: false, dryRun: false });
    expect(result.errors.map((e: { text: string }) => e.text)).toEqual([
      '第3行 [证件号码]: 身份证号校验位错误（第18位）',
      '第4行 [证件号码]: 该单元格是数字格式，Excel 已丢失部分数字；请将该列设为文本格式后重新填写',
      '第5行 [手机号码]: 电话号码格式不正确，请填写手机号或带区号的固定电话',
      '第6行 [证件号码]: 与第 2 行重复',
      '第8行 [助理社会工作师证书编号]: 证书编号与第 7 行重复',
      '第9行 [社会工作师证书编号]: 该证书编号已登记',
      '第10行 [社会工作师取得日期]: 取得证书的日期不能早于考试年度（2023年）',
      '第11行 [助理社会工作师考试年度]: 应在 2008 到 2027 之间',
      '第11行 [入库日期]: 日期不能晚于今天',
      '第11行 [助理社会工作师取得日期]: 取得日期不能早于首次全国社会工作者职业水平考试（2008年）',
      '第12行 [工作单位]: 机构不存在或不在您的数据范围内',
      '第13行 [证件号码]: 证件号码已打码（导出的花名册不能直接导入），请填写完整的证件号码',
      expect.stringMatching(/^第14行 \[人才类别\]: “社工”不是可选值/),
      '第14行 [性别]: 性别与证件号码不符',
    ]);
    expect(await t.database.db.select().from(workers)).toHaveLength(1);
    expect(await t.database.db.select().from(qualifications)).toHaveLength(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(result.errorReport, 'base64') as never);
    const ws = wb.worksheets[0];
    const last = ws.getRow(1).cellCount;
    expect(ws.getRow(1).getCell(last).value).toBe('错误信息');
    expect(ws.getRow(2).getCell(last).value).toBeNull();
    expect(ws.getRow(3).getCell(last).value).toBe('[证件号码] 身份证号校验位错误（第18位）');
    expect(ws.getRow(3).getCell(2).value).toBe(bad);
  });

  it('imports the file once the bad rows are fixed, the 15-digit number stored in its 18-digit form', async () => {
    const legacy = '440102800101123'; // born 1980-01-01, a legacy number
    const result = await importAs(
      '4412',
      await rosterWorkbook([person({ 证件号码: legacy, 工作地区划代码: '441202' })]),
    );
    expect(result).toMatchObject({ committed: true, created: 1 });
    const [w] = await t.database.db.select().from(workers);
    expect(t.pii.decrypt(w.idNumberEnc)).toHaveLength(18);
    expect(w).toMatchObject({ birthDate: '1980-01-01', sex: '1' });
    // The same person typed in the 18-digit form is the same person: nothing changes.
    const again = await importAs(
      '4412',
      await rosterWorkbook([
        person({ 姓名: w.name, 证件号码: t.pii.decrypt(w.idNumberEnc), 工作地区划代码: '441202' }),
      ]),
    );
    expect(again).toMatchObject({ committed: true, created: 0, unchanged: 1 });
  });

  it('a dry run with errors reports them and what the good rows would do, and writes nothing', async () => {
    const result = await importAs('4412', await rosterWorkbook([person(), person({ 工作地区划代码: '441299' })]), true);
    expect(result).toMatchObject({
      dryRun: true,
      committed: false,
      created: 1,
      errors: [{ row: 3, column: '工作地区划代码', message: '行政区划代码不存在' }],
    });
    expect(await t.database.db.select().from(workers)).toHaveLength(0);
    expect(await t.database.db.select().from(auditLog)).toHaveLength(0);
  });
});

describe('roster import: scope', () => {
  it("a town administrator's row for another town, or for a person registered in another town, is a row error", async () => {
    const elsewhere = makeIdNumber({ birth: '1992-04-04', seq: 77 });
    await createWorker(t.database.db, t.pii, { regionCode: '441202002', idNumber: elsewhere });
    await createOrganization(t.database.db, { name: '肇庆市社会工作协会', regionCode: '4412', creditCode: null });
    const result = await importAs(
      '441202001',
      await rosterWorkbook([
        person({ 工作单位: '肇庆市社会工作协会' }), // an organization registered above the town may be named
        person({ 工作地区划代码: '441202002' }),
        person({ 证件号码: elsewhere }),
      ]),
    );
    expect(result.errors.map((e: { text: string }) => e.text)).toEqual([
      '第3行 [工作地区划代码]: 超出您的数据范围',
      '第4行 [证件号码]: 该人员已在您数据范围以外的地区登记，不能通过导入修改',
    ]);
    expect(result).toMatchObject({ committed: false, created: 1 });
    expect(await t.database.db.select().from(workers)).toHaveLength(1);
  });
});
