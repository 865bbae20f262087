import ExcelJS from './exceljs.mjs';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { closeReadingThread } from './excel.stream.ts';
import { type ParsedBatch, readWorkbook, type SheetSpec } from './excel.workbook.ts';

const h = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });

const spec: SheetSpec = {
  name: h('人才', 'Talent'),
  maxRows: 1000,
  notes: { 'zh-CN': [], 'en-US': [] },
  columns: [
    { key: 'name', header: h('姓名', 'Name'), type: 'text', required: true, maxLength: 10 },
    { key: 'on', header: h('取证日期', 'Certified on'), type: 'date' },
    { key: 'hours', header: h('服务时长', 'Hours'), type: 'decimal', min: 0 },
    { key: 'party', header: h('党员', 'Party member'), type: 'boolean' },
  ],
};

/** A workbook with an instructions sheet before the register, rows of every type, a rich-text cell and a bad cell. */
async function workbook(rows: number, headers = ['姓名', '取证日期', '服务时长', '党员']): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('填写说明').addRow(['按姓名识别。']);
  const ws = wb.addWorksheet('人才');
  ws.addRow(headers);
  for (let i = 0; i < rows; i++) {
    const name = i === 3 ? { richText: [{ text: '欧阳' }, { text: '娜娜', font: { bold: true } }] } : `社工${i}`;
    ws.addRow([
      name,
      i % 2 ? new Date(Date.UTC(2024, 0, 1 + i)) : `2025/3/${1 + (i % 28)}`,
      i === 5 ? -1 : i / 2,
      i % 3 ? '是' : '否',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function batches(
  buffer: Buffer,
  readingThread: boolean,
  onBatch?: (b: ParsedBatch) => Promise<void>,
): Promise<ParsedBatch[]> {
  const out: ParsedBatch[] = [];
  await readWorkbook(
    buffer,
    spec,
    'zh-CN',
    async (b) => {
      out.push(b);
      await onBatch?.(b);
    },
    { batchSize: 4, readingThread },
  );
  return out;
}

async function refusal(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return (err as AppError).errors?.[0];
}

afterAll(() => closeReadingThread());

describe('reading a large file on the reading thread', () => {
  it('hands on the same batches, values and errors as reading it here', async () => {
    const file = await workbook(18);
    const here = await batches(file, false);
    const there = await batches(file, true);
    expect(there).toEqual(here);
    expect(there.map((b) => b.rows.length)).toEqual([4, 4, 4, 4, 2]);
    expect(there[0].rows[1].values).toEqual({ name: '社工1', on: '2024-01-02', hours: 0.5, party: true });
    expect(there[0].rows[3].values.name).toBe('欧阳娜娜');
    expect(there[1].errors).toEqual([{ row: 7, column: '服务时长', message: expect.stringContaining('0') }]);
  });

  it('refuses a wrong header before any row, and the thread goes on to read the next file', async () => {
    const wrong = await refusal(batches(await workbook(30, ['姓名', '日期', '服务时长', '党员']), true));
    expect(wrong).toMatchObject({
      path: 'file',
      message: 'validation.excel.headers',
      params: { detail: expect.stringContaining('取证日期') },
    });
    expect((await batches(await workbook(6), true)).flatMap((b) => b.rows)).toHaveLength(6);
  });

  it('a handler that fails stops the read with its own error', async () => {
    const failing = batches(await workbook(40), true, async () => {
      throw new Error('the database went away');
    });
    await expect(failing).rejects.toThrow('the database went away');
    expect((await batches(await workbook(5), true)).flatMap((b) => b.rows)).toHaveLength(5);
  });

  it('a file that is not a workbook, or is cut short, is refused as one', async () => {
    expect(await refusal(batches(Buffer.from('姓名,取证日期\n张三,2024-01-01\n'), true))).toMatchObject({
      path: 'file',
      message: 'validation.excel.notXlsx',
    });
    const whole = await workbook(400);
    expect(await refusal(batches(whole.subarray(0, Math.floor(whole.length * 0.7)), true))).toMatchObject({
      path: 'file',
      message: 'validation.excel.notXlsx',
    });
  });

  it('a thread that stops mid-read refuses the read instead of leaving it waiting, and the next read starts another', async () => {
    const stopped = batches(await workbook(40), true, () => closeReadingThread());
    await expect(stopped).rejects.toThrow(/reading thread stopped/);
    expect((await batches(await workbook(9), true)).flatMap((b) => b.rows)).toHaveLength(9);
  });
});
