import { describe, expect, it } from 'vitest';
import { makeZip, unzipEntries, type ZipEntry } from '../../../test/zip.ts';
import type { AppError } from '../errors.ts';
import { translate } from '../i18n.ts';
import ExcelJS from './exceljs.mjs';
import {
  defaultImportLimits,
  type GuardReport,
  guardWorkbook,
  ImportLimitError,
  type ImportLimits,
} from './excel.guard.ts';
import { MAX_UPLOAD_BYTES } from './excel.http.ts';
import { parseWorkbook, type SheetSpec } from './excel.workbook.ts';

const h = (zh: string, en: string) => ({ 'zh-CN': zh, 'en-US': en });
const spec: SheetSpec = {
  name: h('人才', 'Talent'),
  notes: { 'zh-CN': [], 'en-US': [] },
  columns: [{ key: 'name', header: h('姓名', 'Name'), type: 'text', required: true }],
};
const MB = 1024 * 1024;
/** zlib's output chunk: the guard looks at each before unzipping the next. */
const CHUNK = 64 * 1024;
const limits = (over: Partial<ImportLimits> = {}): ImportLimits => ({ ...defaultImportLimits(), ...over });

/** A real workbook's parts (from exceljs), with `replace` put in instead of (or beside) them. */
async function workbookWith(
  replace: ZipEntry[],
  transform: (entries: ZipEntry[]) => ZipEntry[] = (e) => e,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人才');
  ws.addRow(['姓名']);
  ws.addRow(['张三']);
  const entries = await unzipEntries(Buffer.from(await wb.xlsx.writeBuffer()));
  const names = new Set(replace.map((e) => e.name));
  return makeZip(transform([...entries.filter((e) => !names.has(e.name)), ...replace]));
}

const sst = (items: string, count: number) =>
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${count}" uniqueCount="${count}">${items}</sst>`,
  );

function sheetXml(rows: string): Buffer {
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`,
  );
}

async function refused(
  p: Promise<unknown>,
): Promise<{ message: string; params: Record<string, unknown>; report: GuardReport }> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportLimitError);
  const e = err as ImportLimitError;
  expect(e.status).toBe(400);
  expect(e.errors?.[0].path).toBe('file');
  return { message: e.errors![0].message, params: e.errors![0].params ?? {}, report: e.report };
}

describe('an uploaded workbook is measured before exceljs reads it', () => {
  it('lets an ordinary workbook through, counting what it holds', async () => {
    const report = await guardWorkbook(await workbookWith([]), limits());
    expect(report).toMatchObject({ sharedStrings: 2, rows: 2 });
    expect(report.inflatedBytes).toBe(report.declaredBytes);
  });

  it('refuses a shared-strings bomb from its declared size, before unzipping a byte', async () => {
    // 48 MB of repeated strings deflate to about 50 KB.
    const bomb = sst('<si><t>探</t></si>'.repeat(3 * MB), 3 * MB);
    const file = await workbookWith([{ name: 'xl/sharedStrings.xml', data: bomb }]);
    expect(file.length).toBeLessThan(200 * 1024);
    const r = await refused(guardWorkbook(file, limits({ maxUncompressedBytes: 8 * MB })));
    expect(r).toMatchObject({ message: 'validation.excel.tooLargeUnzipped', params: { mb: 8 } });
    expect(r.report.inflatedBytes).toBe(0);
    expect(translate('zh-CN', r.message, r.params)).toBe(
      '文件解压后超过 8MB（系统参数 import.maxUncompressedMB），已拒绝；请分批导入',
    );
    expect(translate('en-US', r.message, r.params)).toContain(
      'more than 8 MB (system parameter import.maxUncompressedMB)',
    );
  });

  it('catches a central directory that understates the size, having unzipped no more than the claim and one chunk', async () => {
    const bomb = sst('<si><t>a</t></si>'.repeat(3 * MB), 3 * MB);
    const file = await workbookWith([{ name: 'xl/sharedStrings.xml', data: bomb, declaredSize: 1000 }]);
    const r = await refused(guardWorkbook(file, limits({ maxUncompressedBytes: 8 * MB })));
    expect(r.message).toBe('validation.excel.zipInconsistent');
    expect(r.report.declaredBytes).toBeLessThan(8 * MB);
    expect(r.report.inflatedBytes).toBeLessThan(r.report.declaredBytes + CHUNK);
    // The import says so too, and exceljs never saw the file.
    const err = await parseWorkbook(file, spec, 'zh-CN').then(
      () => null,
      (e: unknown) => e,
    );
    expect((err as AppError).errors?.[0].message).toBe('validation.excel.zipInconsistent');
  });

  it('refuses too many shared strings as soon as the limit is passed', async () => {
    const item = '<si><t>a</t></si>';
    const file = await workbookWith([{ name: 'xl/sharedStrings.xml', data: sst(item.repeat(2 * MB), 2 * MB) }]);
    const r = await refused(guardWorkbook(file, limits({ maxSharedStrings: 100_000 })));
    expect(r).toMatchObject({ message: 'validation.excel.tooManyStrings', params: { max: 100_000 } });
    expect(r.report.sharedStrings).toBe(100_001);
    expect(r.report.inflatedBytes).toBeLessThan(100_001 * item.length + CHUNK + 1000);
    expect(translate('zh-CN', r.message, r.params)).toContain('超过 100000 个（系统参数 import.maxSharedStrings）');
  });

  it('refuses one overlong shared string, counting characters not bytes', async () => {
    const ok = await workbookWith([
      {
        name: 'xl/sharedStrings.xml',
        data: sst(`<si><t>${'探'.repeat(32_767)}</t></si><si><r><rPr><b/></rPr><t>姓名</t></r></si>`, 2),
      },
    ]);
    expect((await guardWorkbook(ok, limits())).longestString).toBe(32_767);
    const long = await workbookWith([
      { name: 'xl/sharedStrings.xml', data: sst(`<si><t>${'探'.repeat(4 * MB)}</t></si>`, 1) },
    ]);
    const r = await refused(guardWorkbook(long, limits()));
    expect(r).toMatchObject({ message: 'validation.excel.stringTooLong', params: { max: 32_767 } });
    expect(r.report.inflatedBytes).toBeLessThan(32_768 * 3 + CHUNK + 1000);
  });

  it('refuses a sheet of millions of empty rows once it passes import.maxRows, having unzipped only that far', async () => {
    let rows = '';
    for (let n = 1; n <= 2_500_000; n++) rows += `<row r="${n}"/>`;
    const file = await workbookWith([{ name: 'xl/worksheets/sheet1.xml', data: sheetXml(rows) }]);
    expect(file.length).toBeLessThan(MAX_UPLOAD_BYTES);
    const r = await refused(guardWorkbook(file, limits()));
    expect(r).toMatchObject({ message: 'validation.excel.tooManyRowsInSheet', params: { max: 100_000 } });
    expect(r.report.rows).toBe(100_001);
    const upToLimit = sheetXml(rows.slice(0, rows.indexOf('<row r="100002"'))).length;
    expect(r.report.inflatedBytes).toBeLessThan(upToLimit + CHUNK + 5000);
    expect(translate('en-US', r.message, r.params)).toContain('more than 100000 rows (system parameter import.maxRows');
  });

  it('refuses too many entries from the central directory alone', async () => {
    const file = await workbookWith(
      Array.from({ length: 30 }, (_, i) => ({ name: `xl/media/x${i}.bin`, data: Buffer.from('x') })),
    );
    const r = await refused(guardWorkbook(file, limits({ maxEntries: 20 })));
    expect(r).toMatchObject({ message: 'validation.excel.tooManyEntries', params: { max: 20 } });
    expect(r.report.inflatedBytes).toBe(0);
  });

  it('refuses an entry hidden from the central directory, which the streaming reader would still read', async () => {
    const bomb = sst('<si><t>a</t></si>'.repeat(MB), MB);
    const file = await workbookWith([], (entries) => [
      { name: 'xl/sharedStrings.xml', data: bomb, hidden: true },
      ...entries.filter((e) => e.name !== 'xl/sharedStrings.xml'),
    ]);
    expect((await refused(guardWorkbook(file, limits()))).message).toBe('validation.excel.zipInconsistent');
  });

  it('refuses an entry whose central directory says stored while its local header says deflated', async () => {
    const bomb = sst('<si><t>a</t></si>'.repeat(MB), MB);
    const file = await workbookWith([{ name: 'xl/sharedStrings.xml', data: bomb, centralMethod: 0 }]);
    expect((await refused(guardWorkbook(file, limits()))).message).toBe('validation.excel.zipInconsistent');
  });

  it('refuses what is not a zip as not a workbook', async () => {
    expect((await refused(guardWorkbook(Buffer.from('not a workbook'), limits()))).message).toBe(
      'validation.excel.notXlsx',
    );
  });
});
