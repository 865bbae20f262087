import type { Db } from '../../db/client.ts';
import { writeAudit } from '../audit/audit.service.ts';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import { problemTitle, translate } from '../i18n.ts';
import type { ImportLimits } from './excel.guard.ts';
import {
  errorReportWorkbook,
  formatRowError,
  type ParsedRow,
  parseWorkbook,
  type RowError,
  type SheetSpec,
} from './excel.workbook.ts';

export type RowOutcome = 'created' | 'updated' | 'unchanged';

export interface ImportOptions {
  spec: SheetSpec;
  buffer: Buffer;
  filename: string;
  /** What the file may unpack to (see readUpload); the parameters' defaults when not given. */
  limits?: ImportLimits;
  dryRun: boolean;
  /** The audit entity of the records (station, organization). */
  entity: string;
  /** The identity of a row inside the file (two rows for one record are an error), and the key of the column to blame. */
  identity?: (values: Record<string, unknown>) => { key: string; column: string } | null;
  /** Where a service's field error belongs when its path is not a column key. */
  pathColumns?: Record<string, string>;
  /** The order rows are written in, when a row's rule depends on the others (errors are still reported by row). */
  order?: (rows: ParsedRow[]) => ParsedRow[];
  /** Writes one row with the single-record services; runs inside the import's transaction. */
  write: (tx: Db, row: ParsedRow) => Promise<RowOutcome>;
}

export interface ImportResult {
  dryRun: boolean;
  committed: boolean;
  created: number;
  updated: number;
  unchanged: number;
  errors: (RowError & { text: string })[];
  errorReport: string | null;
}

/** Carries the counts out of a transaction that must not commit (a dry run, or a file with errors). */
class Rollback extends Error {}

/** A service's refusal of one row, as row errors naming the columns. */
function rowErrors(
  ctx: Ctx,
  spec: SheetSpec,
  pathColumns: Record<string, string>,
  row: number,
  err: AppError,
): RowError[] {
  const header = (path: string) => {
    const key = pathColumns[path] ?? path.split('.')[0];
    return spec.columns.find((c) => c.key === key)?.header[ctx.locale] ?? '';
  };
  if (!err.errors?.length) return [{ row, column: '', message: problemTitle(ctx.locale, err.code) }];
  return err.errors.map((e) => ({ row, column: header(e.path), message: translate(ctx.locale, e.message, e.params) }));
}

/**
 * Imports a register sheet all-or-nothing. Each row goes through the same services a form uses
 * (so every rule applies, including those that look at rows written earlier in the same file),
 * each in its own savepoint so one refused row does not hide the others' errors. Any error, or a
 * dry run, rolls the whole transaction back; the counts are what would have been written.
 */
export async function runImport(db: Db, ctx: Ctx, o: ImportOptions): Promise<ImportResult> {
  const { rows, errors } = await parseWorkbook(o.buffer, o.spec, ctx.locale, o.limits);
  const badRows = new Set(errors.map((e) => e.row));
  const seen = new Map<string, number>();
  for (const r of rows) {
    const id = badRows.has(r.row) ? null : o.identity?.(r.values);
    if (!id) continue;
    const first = seen.get(id.key);
    if (first === undefined) seen.set(id.key, r.row);
    else {
      const column = o.spec.columns.find((c) => c.key === id.column)?.header[ctx.locale] ?? '';
      errors.push({
        row: r.row,
        column,
        message: translate(ctx.locale, 'validation.excel.duplicateRow', { row: first }),
      });
      badRows.add(r.row);
    }
  }
  const counts = { created: 0, updated: 0, unchanged: 0 };
  try {
    await db.transaction(async (tx) => {
      for (const r of o.order ? o.order(rows) : rows) {
        if (badRows.has(r.row)) continue;
        try {
          counts[await tx.transaction((sp) => o.write(sp, r))]++;
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          errors.push(...rowErrors(ctx, o.spec, o.pathColumns ?? {}, r.row, err));
        }
      }
      if (errors.length || o.dryRun) throw new Rollback();
      await writeAudit(tx, ctx, {
        action: 'import',
        entity: o.entity,
        detail: { filename: o.filename, rows: rows.length, ...counts },
      });
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  errors.sort((a, b) => a.row - b.row);
  const report = errors.length
    ? (await errorReportWorkbook(o.buffer, o.spec, errors, ctx.locale)).toString('base64')
    : null;
  return {
    dryRun: o.dryRun,
    committed: errors.length === 0 && !o.dryRun,
    ...counts,
    errors: errors.map((e) => ({ ...e, text: formatRowError(ctx.locale, e) })),
    errorReport: report,
  };
}

/** One audit row for an export: how many records left the system, and under which filters. */
export async function auditExport(db: Db, ctx: Ctx, entity: string, count: number, filters: Record<string, unknown>) {
  await db.transaction(async (tx) => {
    await writeAudit(tx, ctx, { action: 'export', entity, detail: { count, filters } });
  });
}
