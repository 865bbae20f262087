import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { localDate } from '../dates.ts';
import { AppError } from '../errors.ts';
import type { ImportLimits } from './excel.guard.ts';
import { THREAD_BYTES } from './excel.stream.ts';

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
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', disposition)
    .header('cache-control', 'no-store')
    .send(buffer);
}

/** `?dryRun=true` checks the file and rolls everything back. */
export const zImportQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('check the file and report what would change, writing nothing'),
});

export const zImportResult = z.object({
  dryRun: z.boolean(),
  /** True when the rows were written (no errors and not a dry run). */
  committed: z.boolean(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  errors: z.array(
    z.object({
      row: z.number(),
      column: z.string(),
      message: z.string(),
      text: z.string().describe('第N行 [列名]: 原因'),
    }),
  ),
  errorReport: z
    .string()
    .nullable()
    .describe('base64 of the uploaded workbook with an added 错误信息 column; null when there is no error'),
});

const noFile = () =>
  new AppError('VALIDATION', { errors: [{ path: 'file', message: 'validation.excel.fileRequired' }] });

/** An uploaded workbook, with what it may unpack to (checked by readWorkbook before it is parsed). */
export interface Upload {
  buffer: Buffer;
  filename: string;
  limits: ImportLimits;
}

/** The import.* system parameters. */
export async function importLimits(req: FastifyRequest): Promise<ImportLimits & { maxConcurrentLarge: number }> {
  const p = req.server.deps.params;
  return {
    maxEntries: await p.int('import.maxEntries'),
    maxUncompressedBytes: (await p.int('import.maxUncompressedMB')) * 1024 * 1024,
    maxSharedStrings: await p.int('import.maxSharedStrings'),
    maxStringLength: await p.int('import.maxStringLength'),
    maxRows: await p.int('import.maxRows'),
    maxConcurrentLarge: await p.int('import.maxConcurrentLarge'),
  };
}

/** The uploaded workbook's bytes from a multipart request (field `file`). */
export async function readUpload(req: FastifyRequest, limits?: ImportLimits): Promise<Upload> {
  if (!req.isMultipart()) throw noFile();
  const part = await req.file({ limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  if (!part) throw noFile();
  const buffer = await part.toBuffer();
  if (part.file.truncated)
    throw new AppError('VALIDATION', {
      errors: [{ path: 'file', message: 'validation.excel.tooLarge', params: { mb: MAX_UPLOAD_BYTES / 1024 / 1024 } }],
    });
  if (buffer.length === 0) throw noFile();
  return { buffer, filename: part.filename, limits: limits ?? (await importLimits(req)) };
}

/** An upload at least this large (by its request's length) is a large import: see ImportSlots. */
export const LARGE_IMPORT_BYTES = THREAD_BYTES;

/**
 * Large imports running now: at most one per user, and at most `import.maxConcurrentLarge` on the
 * server. One more is refused at once with 429 (never queued): a large import holds a transaction,
 * the reading thread and up to gigabytes of work for seconds to minutes.
 */
export class ImportSlots {
  private readonly users = new Set<string>();
  private readonly waiters = new Map<string, (() => void)[]>();

  acquire(userId: string, maxConcurrent: number): () => void {
    if (this.users.has(userId))
      throw new AppError('RATE_LIMITED', { errors: [{ path: 'file', message: 'validation.excel.importRunning' }] });
    if (this.users.size >= maxConcurrent)
      throw new AppError('RATE_LIMITED', {
        errors: [{ path: 'file', message: 'validation.excel.importsBusy', params: { max: maxConcurrent } }],
      });
    this.users.add(userId);
    for (const wake of this.waiters.get(userId) ?? []) wake();
    this.waiters.delete(userId);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.users.delete(userId);
    };
  }

  /** Resolves once `userId` holds a slot (tests: a first import is under way). */
  held(userId: string): Promise<void> {
    if (this.users.has(userId)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.set(userId, [...(this.waiters.get(userId) ?? []), resolve]));
  }
}

export const largeImports = new ImportSlots();

/**
 * Runs an import of the request's uploaded workbook. A large one (by the request's length, known
 * before the body is read; a body of unknown length counts as large) takes a slot first, held
 * until the import ends, so a user's second large import while the first runs is refused with 429.
 */
export async function withUpload<T>(req: FastifyRequest, run: (file: Upload) => Promise<T>): Promise<T> {
  const limits = await importLimits(req);
  const length = Number(req.headers['content-length'] ?? Number.NaN);
  const large = !(length < LARGE_IMPORT_BYTES);
  const release = large ? largeImports.acquire(req.ctx().actor.id, limits.maxConcurrentLarge) : null;
  try {
    return await run(await readUpload(req, limits));
  } finally {
    release?.();
  }
}
