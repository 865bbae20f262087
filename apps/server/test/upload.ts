import { XLSX_TYPE } from '../src/platform/excel/excel.http.ts';

/** A multipart/form-data request carrying one workbook, as a browser's FormData sends it. */
export function xlsxUpload(buffer: Buffer, filename = '导入.xlsx'): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----lianxin${Math.random().toString(16).slice(2)}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(filename)}"\r\nContent-Type: ${XLSX_TYPE}\r\n\r\n`;
  const payload = Buffer.concat([Buffer.from(head), buffer, Buffer.from(`\r\n--${boundary}--\r\n`)]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
