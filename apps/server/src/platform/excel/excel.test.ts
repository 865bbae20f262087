import ExcelJS from './exceljs.mjs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { checkIdCard, checkMobile, checkUscc } from './excel.checks.ts';
import { formatCell, parseCell } from './excel.columns.ts';
import { contentDisposition } from './excel.http.ts';
import {
  errorReportWorkbook,
  exportWorkbook,
  formatRowError,
  parseWorkbook,
  type SheetSpec,
  templateWorkbook,
} from './excel.workbook.ts';

const h = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

/** A roster like the talent import's: ID numbers and phones beside dates, numbers and a dictionary. */
const spec: SheetSpec = {
  name: h('人才', 'Talent'),
  maxRows: 5,
  notes: { 'zh-CN': ['按证件号码识别。'], 'en-US': ['Matched by ID number.'] },
  columns: [
    { key: 'name', header: h('姓名', 'Name'), type: 'text', required: true, maxLength: 10 },
    {
      key: 'idNumber',
      header: h('证件号码', 'ID number'),
      type: 'text',
      required: true,
      refuseNumeric: true,
      check: checkIdCard(new Date('2026-03-01')),
    },
    { key: 'mobile', header: h('手机号', 'Mobile'), type: 'text', codeLike: true, check: checkMobile },
    { key: 'creditCode', header: h('单位信用代码', 'Credit code'), type: 'text', codeLike: true, check: checkUscc },
    {
      key: 'sex',
      header: h('性别', 'Sex'),
      type: 'dict',
      options: [
        { value: '1', label: '男', labelEn: 'Male' },
        { value: '2', label: '女', labelEn: 'Female' },
      ],
    },
    { key: 'certifiedOn', header: h('取证日期', 'Certified on'), type: 'date' },
    { key: 'hours', header: h('服务时长', 'Hours'), type: 'decimal', min: 0 },
    { key: 'years', header: h('从业年限', 'Years'), type: 'integer', min: 0, max: 60 },
    { key: 'party', header: h('党员', 'Party member'), type: 'boolean' },
  ],
};

const HEADERS = spec.columns.map((c) => c.header['zh-CN']);
const GOOD_ID = '11010519491231002X';

async function workbook(rows: unknown[][], headers: string[] = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人才');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function fileError(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return (err as AppError).errors?.[0];
}

describe('parsing an uploaded sheet', () => {
  it('reads every type, skips empty rows and numbers rows as Excel does', async () => {
    const buf = await workbook([
      ['张三', GOOD_ID, '138 1234 5678', '91350100M000100Y43', '女', new Date(Date.UTC(2024, 4, 6)), 12.5, 3, '是'],
      [],
      ['', '  ', null],
      ['李四', '110105198001010016', '', '', 'Male', '2025/1/9', '', '', '否'],
    ]);
    const { rows, errors } = await parseWorkbook(buf, spec, 'zh-CN');
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      {
        row: 2,
        values: {
          name: '张三',
          idNumber: GOOD_ID,
          mobile: '13812345678',
          creditCode: '91350100M000100Y43',
          sex: '2',
          certifiedOn: '2024-05-06',
          hours: 12.5,
          years: 3,
          party: true,
        },
      },
      {
        row: 5,
        values: {
          name: '李四',
          idNumber: '110105198001010016',
          mobile: null,
          creditCode: null,
          sex: '1',
          certifiedOn: '2025-01-09',
          hours: null,
          years: null,
          party: false,
        },
      },
    ]);
  });

  it('refuses an ID number stored as a number: Excel has already lost its last digits', async () => {
    const buf = await workbook([['王五', 110105194912310020, '13812345678']]);
    const { errors } = await parseWorkbook(buf, spec, 'zh-CN');
    expect(errors).toEqual([{ row: 2, column: '证件号码', message: expect.stringContaining('Excel 已丢失部分数字') }]);
    expect(formatRowError('zh-CN', errors[0])).toMatch(/^第2行 \[证件号码\]: 该单元格是数字格式/);
  });

  it('accepts a short code typed as a number but not a long one', async () => {
    const buf = await workbook([['赵六', GOOD_ID, 13812345678, 913501001000100000]]);
    const { rows, errors } = await parseWorkbook(buf, spec, 'en-US');
    expect(rows[0].values.mobile).toBe('13812345678');
    expect(errors).toEqual([
      { row: 2, column: 'Credit code', message: expect.stringContaining('Excel has already lost digits') },
    ]);
  });

  it('reports each bad cell with its row, column and the rule, credit codes with the wrong position', async () => {
    const buf = await workbook([
      [
        '一个非常非常非常长的名字啊',
        '110105194912310021',
        '12345',
        '91350100M000100Y4X',
        '未知',
        '2026-02-30',
        'abc',
        2.5,
        '也许',
      ],
      ['', GOOD_ID],
    ]);
    const { errors } = await parseWorkbook(buf, spec, 'zh-CN');
    expect(errors.map((e) => formatRowError('zh-CN', e))).toEqual([
      '第2行 [姓名]: 不能超过 10 个字',
      '第2行 [证件号码]: 身份证号校验位错误（第18位）',
      '第2行 [手机号]: 请输入正确的11位手机号码',
      '第2行 [单位信用代码]: 统一社会信用代码校验位错误（第18位）',
      '第2行 [性别]: “未知”不是可选值，可选：男、女',
      '第2行 [取证日期]: 应为日期，如 2026-03-01',
      '第2行 [服务时长]: 应为数字',
      '第2行 [从业年限]: 应为整数',
      '第2行 [党员]: 应填“是”或“否”',
      '第3行 [姓名]: 必填',
    ]);
    expect(formatRowError('en-US', { row: 3, column: 'Name', message: 'Required' })).toBe('Row 3 [Name]: Required');
  });

  it('refuses a date before 1900 or after 2100 as a row error, as the API does, not the whole file', async () => {
    const buf = await workbook([
      ['张三', GOOD_ID, '', '', '女', '1000-01-01'],
      ['李四', '110105198001010016', '', '', '男', new Date(Date.UTC(2101, 0, 1))],
      ['王五', GOOD_ID, '', '', '女', '1900-01-01'],
    ]);
    const { errors } = await parseWorkbook(buf, spec, 'zh-CN');
    expect(errors.map((e) => formatRowError('zh-CN', e))).toEqual([
      '第2行 [取证日期]: 日期应在 1900 年至 2100 年之间',
      '第3行 [取证日期]: 日期应在 1900 年至 2100 年之间',
    ]);
  });

  it('refuses a cell whose text was broken in decoding (U+FFFD, half a surrogate pair), naming row and column', async () => {
    // As the old streaming reader stored 探��9-7314 for a name split across two chunks.
    const buf = await workbook([
      ['探\uFFFD\uFFFD9-7314', GOOD_ID],
      ['𠮷田', GOOD_ID, '', '', '女'],
    ]);
    const { rows, errors } = await parseWorkbook(buf, spec, 'zh-CN');
    expect(errors.map((e) => formatRowError('zh-CN', e))).toEqual([
      expect.stringMatching(/^第2行 \[姓名\]: 含有无法识别的字符/),
    ]);
    expect(rows.find((r) => r.row === 3)?.values.name).toBe('𠮷田');
    const lone = spec.columns[0];
    expect(parseCell(lone, '\uD842田')).toEqual({ ok: false, message: 'validation.excel.corruptText' });
    expect(parseCell(lone, '田\uDFB7')).toEqual({ ok: false, message: 'validation.excel.corruptText' });
    expect(parseCell(spec.columns[4], '女\uFFFD')).toEqual({ ok: false, message: 'validation.excel.corruptText' });
    expect(parseCell(lone, '𠮷田')).toEqual({ ok: true, value: '𠮷田' });
  });

  it('refuses wrong or missing headers with one error naming them', async () => {
    const headers = HEADERS.filter((x) => x !== '手机号' && x !== '性别').concat('备注');
    const err = await fileError(parseWorkbook(await workbook([['张三', GOOD_ID]], headers), spec, 'zh-CN'));
    expect(err).toMatchObject({
      path: 'file',
      message: 'validation.excel.headers',
      params: { detail: '缺少列 手机号、性别；无法识别的列 备注' },
    });
  });

  it('accepts English headers and a re-uploaded error report, and refuses too many rows or no rows', async () => {
    const en = await workbook([['Ann', GOOD_ID]], [...spec.columns.map((c) => c.header['en-US']), '错误信息']);
    expect((await parseWorkbook(en, spec, 'en-US')).rows).toHaveLength(1);
    const many = await workbook(Array.from({ length: 6 }, (_, i) => [`人${i}`, GOOD_ID]));
    expect(await fileError(parseWorkbook(many, spec, 'zh-CN'))).toMatchObject({
      message: 'validation.excel.tooManyRows',
      params: { max: 5, count: 6 },
    });
    expect(await fileError(parseWorkbook(await workbook([]), spec, 'zh-CN'))).toMatchObject({
      message: 'validation.excel.empty',
    });
    expect(await fileError(parseWorkbook(Buffer.from('not a workbook'), spec, 'zh-CN'))).toMatchObject({
      message: 'validation.excel.notXlsx',
    });
  });
});

describe('writing workbooks', () => {
  it("the error report is the user's own workbook with an 错误信息 column", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('人才');
    ws.addRow(HEADERS);
    ws.addRow(['张三', 110105194912310020]);
    ws.addRow(['李四', GOOD_ID]);
    ws.getCell('A2').note = '用户自己的批注';
    wb.addWorksheet('我的统计').addRow(['保留']);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    const { errors } = await parseWorkbook(buf, spec, 'zh-CN');
    const report = new ExcelJS.Workbook();
    await report.xlsx.load((await errorReportWorkbook(buf, spec, errors, 'zh-CN')) as never);
    const sheet = report.getWorksheet('人才')!;
    expect(sheet.getRow(1).getCell(HEADERS.length + 1).value).toBe('错误信息');
    expect(String(sheet.getRow(2).getCell(HEADERS.length + 1).value)).toMatch(/^\[证件号码\] 该单元格是数字格式/);
    expect(sheet.getRow(3).getCell(HEADERS.length + 1).value).toBeNull();
    expect(sheet.getCell('A2').value).toBe('张三');
    expect(report.getWorksheet('我的统计')?.getCell('A1').value).toBe('保留');
  });

  it('the template has a bold frozen header, drop-downs, text-formatted code columns and a 填写说明 sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await templateWorkbook(spec, 'zh-CN')) as never);
    const ws = wb.getWorksheet('人才')!;
    expect(ws.getRow(1).values).toEqual([undefined, ...HEADERS]);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getCell('E2').dataValidation).toMatchObject({ type: 'list', formulae: ['"男,女"'] });
    expect(ws.getCell('I2').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(ws.getColumn(2).numFmt).toBe('@');
    const help = wb.getWorksheet('填写说明')!;
    expect(help.getCell('A1').value).toBe('按证件号码识别。');
    const lines: string[] = [];
    help.eachRow((r) => lines.push(String(r.getCell(1).value)));
    expect(lines).toEqual(expect.arrayContaining(['姓名', '证件号码', '性别']));
  });

  it('an export writes labels, dates as dates and reads back to the same values', async () => {
    const values = {
      name: '张三',
      idNumber: GOOD_ID,
      mobile: '13812345678',
      creditCode: '91350100M000100Y43',
      sex: '2',
      certifiedOn: '2024-05-06',
      hours: 12.5,
      years: 3,
      party: true,
    };
    const buf = await exportWorkbook(spec, [values]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as never);
    const ws = wb.getWorksheet('人才')!;
    expect(ws.getCell('E2').value).toBe('女');
    expect(ws.getCell('F2').value).toEqual(new Date('2024-05-06T00:00:00Z'));
    expect(ws.getCell('I2').value).toBe('是');
    expect((await parseWorkbook(buf, spec, 'zh-CN')).rows).toEqual([{ row: 2, values }]);
  });

  it('neutralises formula-like text in every exported text cell and takes the mark off on import', async () => {
    const col = spec.columns[0];
    expect(['=1+1', '+1', '-1', '@A1', '\t=1', '\r=1', '张三', "'=1"].map((v) => formatCell(col, v))).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@A1",
      "'\t=1",
      "'\r=1",
      '张三',
      "'=1",
    ]);
    expect(formatCell(spec.columns[7], -3)).toBe(-3);
    expect(parseCell({ ...col, maxLength: undefined }, "'=1+1")).toEqual({ ok: true, value: '=1+1' });
    expect(parseCell({ ...col, maxLength: undefined }, "'张三")).toEqual({ ok: true, value: "'张三" });
  });

  it('names the file by register and day in China, with an RFC 5987 filename', () => {
    expect(contentDisposition('站点', 'stations', new Date('2026-11-30T17:00:00Z'))).toBe(
      `attachment; filename="stations_20261201.xlsx"; filename*=UTF-8''%E7%AB%99%E7%82%B9_20261201.xlsx`,
    );
  });
});
