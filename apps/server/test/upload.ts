import ExcelJS from '../src/platform/excel/exceljs.mjs';
import { XLSX_TYPE } from '../src/platform/excel/excel.http.ts';

/** A multipart/form-data request carrying one workbook, as a browser's FormData sends it. */
export function xlsxUpload(
  buffer: Buffer,
  filename = '导入.xlsx',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----lianxin${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(filename)}"\r\nContent-Type: ${XLSX_TYPE}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), buffer, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The rows of a downloaded workbook's sheet (the first, or the one named), each keyed by its header. */
export async function sheetRows(payload: Buffer, sheet?: string): Promise<Record<string, unknown>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(payload as never);
  const ws = sheet ? wb.getWorksheet(sheet) : wb.worksheets[0];
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const headers = (ws.getRow(1).values as string[]).slice(1);
  const rows: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n > 1) rows.push(Object.fromEntries(headers.map((h, i) => [h, row.getCell(i + 1).value])));
  });
  return rows;
}
