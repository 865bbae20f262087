import { PassThrough } from 'node:stream';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { xlsxUpload } from '../../../test/upload.ts';
import { makeZip, unzipEntries } from '../../../test/zip.ts';
import { params } from '../../modules/params/params.table.ts';
import { AppError } from '../errors.ts';
import ExcelJS from './exceljs.mjs';
import { LARGE_IMPORT_BYTES, largeImports } from './excel.http.ts';
import { closeReadingThread, READING_THREAD_MAX_READS, streamSheet } from './excel.stream.ts';

const t = useTestApp();

async function importer() {
  const a = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
  const upload = (file: Buffer, lang = 'zh-CN') => {
    const u = xlsxUpload(file);
    return t.app.inject({
      method: 'POST',
      url: '/api/v1/stations/import?dryRun=true',
      headers: { cookie: a.cookie, 'accept-language': lang, ...u.headers },
      payload: u.payload,
    });
  };
  return { ...a, upload };
}

async function setParam(key: string, value: string) {
  await t.database.db.update(params).set({ value }).where(eq(params.key, key));
  t.app.deps.params.invalidate();
}

/** The stations sheet with `rows` empty rows (`<row r="N"/>`) after its header: small on disk. */
async function emptyRows(rows: number): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('站点').addRow(['站点名称']);
  const entries = await unzipEntries(Buffer.from(await wb.xlsx.writeBuffer()));
  const sheet = entries.find((e) => e.name === 'xl/worksheets/sheet1.xml')!;
  let empty = '';
  for (let n = 2; n <= rows + 1; n++) empty += `<row r="${n}"/>`;
  sheet.data = Buffer.from(sheet.data.toString().replace('</sheetData>', `${empty}</sheetData>`));
  return makeZip(entries);
}

describe('upload limits over HTTP', () => {
  it('refuses a sheet of empty rows past import.maxRows with a 400 naming the limit, and the limit is a system parameter', async () => {
    const a = await importer();
    const bomb = await emptyRows(150_000);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await a.upload(bomb);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'VALIDATION',
      errors: [
        {
          path: 'file',
          message:
            '有工作表超过 100000 行（系统参数 import.maxRows，空行也计算在内），已拒绝；请删除多余的行或分批导入',
        },
      ],
    });
    await setParam('import.maxRows', '1000');
    const en = await a.upload(await emptyRows(2000), 'en-US');
    expect(en.statusCode).toBe(400);
    expect(en.json().errors[0].message).toContain('more than 1000 rows (system parameter import.maxRows');
  });

  it('guards every import route: stations, organizations and the roster', async () => {
    const a = await importer();
    await setParam('import.maxRows', '1000');
    const bomb = await emptyRows(1500);
    for (const url of ['/stations/import', '/organizations/import', '/workers/import']) {
      const u = xlsxUpload(bomb);
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1${url}`,
        headers: { cookie: a.cookie, ...u.headers },
        payload: u.payload,
      });
      expect({ url, status: res.statusCode, error: res.json().errors?.[0] }).toMatchObject({
        url,
        status: 400,
        error: { path: 'file', message: expect.stringContaining('超过 1000 行（系统参数 import.maxRows') },
      });
    }
  });

  it('refuses a shared-strings bomb by its unzipped size, under import.maxUncompressedMB', async () => {
    const a = await importer();
    await setParam('import.maxUncompressedMB', '10');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('站点').addRow(['站点名称']);
    const entries = await unzipEntries(Buffer.from(await wb.xlsx.writeBuffer()));
    const items = '<si><t>站点名称</t></si>'.repeat(1_000_000);
    const bomb = makeZip([
      ...entries.filter((e) => e.name !== 'xl/sharedStrings.xml'),
      {
        name: 'xl/sharedStrings.xml',
        data: Buffer.from(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${items}</sst>`),
      },
    ]);
    const res = await a.upload(bomb);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      expect.objectContaining({
        path: 'file',
        message: '文件解压后超过 10MB（系统参数 import.maxUncompressedMB），已拒绝；请分批导入',
      }),
    ]);
  });

  it("refuses a user's second large import while the first is running with 429, and takes the next once it ends", async () => {
    const a = await importer();
    const junk = Buffer.alloc(LARGE_IMPORT_BYTES + 1024, 0x41);
    const first = xlsxUpload(junk);
    const body = new PassThrough();
    const running = t.app.inject({
      method: 'POST',
      url: '/api/v1/stations/import?dryRun=true',
      headers: { cookie: a.cookie, ...first.headers, 'content-length': String(first.payload.length) },
      payload: body,
    });
    body.write(first.payload.subarray(0, 1000));
    // The first import holds its slot while its file is still arriving.
    await largeImports.held(a.id);
    const second = xlsxUpload(junk);
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stations/import',
      headers: { cookie: a.cookie, ...second.headers },
      payload: second.payload,
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({
      code: 'RATE_LIMITED',
      errors: [{ path: 'file', message: '您已有一个导入正在进行，请等它完成后再导入下一个文件' }],
    });
    // Another user is not held up by it; a small import of the same user is not a large one.
    const other = await importer();
    expect((await other.upload(junk)).statusCode).toBe(400);
    expect((await a.upload(Buffer.from('not a workbook'))).statusCode).toBe(400);
    body.end(first.payload.subarray(1000));
    expect((await running).json().errors[0].message).toContain('不是有效的 Excel 工作簿');
    const next = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stations/import',
      headers: { cookie: a.cookie, ...second.headers },
      payload: second.payload,
    });
    expect(next.statusCode).toBe(400);
  });

  it('takes at most import.maxConcurrentLarge large imports on the server at once', async () => {
    await setParam('import.maxConcurrentLarge', '1');
    const a = await importer();
    const b = await importer();
    const junk = Buffer.alloc(LARGE_IMPORT_BYTES + 1024, 0x41);
    const first = xlsxUpload(junk);
    const body = new PassThrough();
    const running = t.app.inject({
      method: 'POST',
      url: '/api/v1/stations/import?dryRun=true',
      headers: { cookie: a.cookie, ...first.headers, 'content-length': String(first.payload.length) },
      payload: body,
    });
    body.write(first.payload.subarray(0, 1000));
    await largeImports.held(a.id);
    const busy = await b.upload(junk, 'en-US');
    expect(busy.statusCode).toBe(429);
    expect(busy.json().errors[0].message).toBe(
      '1 large imports are running (system parameter import.maxConcurrentLarge); try again shortly',
    );
    body.end(first.payload.subarray(1000));
    await running;
    expect((await b.upload(junk)).statusCode).toBe(400);
  });
});

describe('the reading thread', () => {
  it(`takes ${READING_THREAD_MAX_READS} reads at once and refuses one more with 503 instead of queuing it`, async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('人才');
    for (let i = 0; i < 20; i++) ws.addRow([`社工${i}`]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const handlers = { header: () => {}, rows: () => gate };
    const reads = Array.from({ length: READING_THREAD_MAX_READS }, () =>
      streamSheet(file, ['人才'], handlers, 5, true),
    );
    const extra = await streamSheet(file, ['人才'], handlers, 5, true).then(
      () => null,
      (e: unknown) => e,
    );
    expect(extra).toBeInstanceOf(AppError);
    expect(extra).toMatchObject({ status: 503, errors: [{ path: 'file', message: 'validation.excel.readerBusy' }] });
    open();
    expect(await Promise.all(reads)).toEqual(Array(READING_THREAD_MAX_READS).fill(true));
    expect(await streamSheet(file, ['人才'], handlers, 5, true)).toBe(true);
    await closeReadingThread();
  });
});
