import { afterAll, describe, expect, it } from 'vitest';
import ExcelJS from './exceljs.mjs';
import { closeReadingThread } from './excel.stream.ts';
import { type ParsedBatch, readWorkbook, type SheetSpec } from './excel.workbook.ts';

const h = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const ROWS = 24_000;
const spec: SheetSpec = {
  name: h('人才', 'Talent'),
  maxRows: ROWS,
  notes: { 'zh-CN': [], 'en-US': [] },
  columns: [
    { key: 'name', header: h('姓名', 'Name'), type: 'text', required: true, maxLength: 200 },
    { key: 'note', header: h('备注', 'Note'), type: 'text' },
  ],
};

// 3-byte characters, a 4-byte one (𠮷, a surrogate pair in JavaScript) and ASCII: with lengths
// varying row by row, the characters' bytes land on every offset of the unzipped parts' chunks.
const HAN = '探张王李赵欧阳娜社工站点街道社区服务中心𠮷';
function text(i: number, salt: number): string {
  const chars = [...HAN];
  let s = '';
  const n = 1 + ((i * 7 + salt) % 37);
  for (let k = 0; k < n; k++) s += chars[(i + k * salt) % chars.length];
  return `${s}${i % 5 === 0 ? `-${i}` : ''}${i % 11 === 0 ? '𠮷' : ''}`;
}
const expected = Array.from({ length: ROWS }, (_, i) => ({ name: text(i, 3), note: text(i, 5) }));

async function workbook(sheetName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(['姓名', '备注']);
  for (const r of expected) ws.addRow([r.name, r.note]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function read(buffer: Buffer, readingThread: boolean): Promise<ParsedBatch> {
  const out: ParsedBatch = { rows: [], errors: [] };
  await readWorkbook(
    buffer,
    spec,
    'zh-CN',
    async (b) => {
      out.rows.push(...b.rows);
      out.errors.push(...b.errors);
    },
    { readingThread },
  );
  return out;
}

const values = (b: ParsedBatch) => b.rows.map((r) => r.values);

afterAll(() => closeReadingThread());

describe('Chinese text split across the chunks of an unzipped part', () => {
  it('comes back exactly through the streaming reader, here and on the reading thread', async () => {
    const file = await workbook('人才');
    expect(file.length).toBeGreaterThan(256 * 1024);
    for (const thread of [false, true]) {
      const got = await read(file, thread);
      expect(got.errors).toEqual([]);
      const wrong = values(got).filter((v, i) => v.name !== expected[i].name || v.note !== expected[i].note);
      expect(wrong.slice(0, 3)).toEqual([]);
      expect(values(got)).toEqual(expected);
    }
  });

  it('comes back exactly through the whole-workbook load', async () => {
    // A sheet not named like the register is read by loading the whole workbook.
    const file = await workbook('Sheet1');
    const got = await read(file, false);
    expect(got.errors).toEqual([]);
    expect(values(got)).toEqual(expected);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as never);
    const cells: { name: unknown; note: unknown }[] = [];
    wb.worksheets[0].eachRow((row, n) => {
      if (n > 1) cells.push({ name: row.getCell(1).value, note: row.getCell(2).value });
    });
    expect(cells).toEqual(expected);
  });
});
