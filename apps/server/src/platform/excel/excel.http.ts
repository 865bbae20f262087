import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { localDate } from '../dates.ts';
import { AppError } from '../errors.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** An import file larger than this is refused before it is parsed. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** 站点_20261201.xlsx, with an ASCII fallback for old clients (RFC 6266 / RFC 5987). */
export function contentDisposition(stem: string, asciiStem: string, now: Date): string {
  const day = localDate(now).replace(/-/g, '');
  const name = `${stem}_${day}.xlsx`;
  return `attachment; filename="${asciiStem}_${day}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function sendWorkbook(reply: FastifyReply, buffer: Buffer, disposition: string) {
  return reply.header('content-type', XLSX_TYPE).header('content-disposition', disposition).header('cache-control', 'no-store').send(buffer);
}

/** `?dryRun=true` checks the file and rolls everything back. */
export const zImportQuery = z.object({
  dryRun: z.enum(['true', 'false']).transform((v) => v === 'true').optional().describe('check the file and report what would change, writing nothing'),
});

export const zImportResult = z.object({
  dryRun: z.boolean(),
  /** True when the rows were written (no errors and not a dry run). */
  committed: z.boolean(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  errors: z.array(z.object({ row: z.number(), column: z.string(), message: z.string(), text: z.string().describe('第N行 [列名]: 原因') })),
  errorReport: z.string().nullable().describe('base64 of the uploaded workbook with an added 错误信息 column; null when there is no error'),
});

const noFile = () => new AppError('VALIDATION', { errors: [{ path: 'file', message: 'validation.excel.fileRequired' }] });

/** The uploaded workbook's bytes from a multipart request (field `file`). */
export async function readUpload(req: FastifyRequest): Promise<{ buffer: Buffer; filename: string }> {
  if (!req.isMultipart()) throw noFile();
  const part = await req.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  if (!part) throw noFile();
  const buffer = await part.toBuffer();
  if (part.file.truncated) throw new AppError('VALIDATION', { errors: [{ path: 'file', message: 'validation.excel.tooLarge', params: { mb: MAX_UPLOAD_BYTES / 1024 / 1024 } }] });
  if (buffer.length === 0) throw noFile();
  return { buffer, filename: part.filename };
}
