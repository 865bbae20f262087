import type { CellValue } from 'exceljs';
import ExcelJS from './exceljs.mjs';
import { AppError } from '../errors.ts';
import { type Locale, translate } from '../i18n.ts';
import { headerCells } from './excel.rows.mjs';
import { defaultImportLimits, guardWorkbook, type ImportLimits } from './excel.guard.ts';
import { BrokenSheetError, type HeaderCell, type SheetRow, streamSheet } from './excel.stream.ts';
import {
  type ExcelColumn,
  formatCell,
  headerMatches,
  isEmptyCell,
  LIST_SEPARATOR,
  parseCell,
} from './excel.columns.ts';

/** A register's sheet: its columns and names. */
export interface SheetSpec {
  /** Sheet name and file name stem, e.g. 站点. */
  name: Record<Locale, string>;
  columns: readonly ExcelColumn[];
  /** General notes at the top of the 填写说明 sheet (how rows are matched, …). */
  notes: Record<Locale, string[]>;
  /** At most this many data rows per file. */
  maxRows?: number;
}

export interface RowError {
  /** The Excel row number the user sees (the header is row 1). */
  row: number;
  /** The column's header, or '' for the whole row. */
  column: string;
  message: string;
}

export interface ParsedRow {
  row: number;
  values: Record<string, unknown>;
}

export const DEFAULT_MAX_ROWS = 5000;
export const ERROR_COLUMN: Record<Locale, string> = { 'zh-CN': '错误信息', 'en-US': 'Errors' };
const INSTRUCTIONS: Record<Locale, string> = { 'zh-CN': '填写说明', 'en-US': 'Instructions' };
const TEMPLATE_ROWS = 1000;

const TYPE_HINTS: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    text: '文本',
    integer: '整数',
    decimal: '数字',
    date: '日期，如 2026-03-01',
    boolean: '填“是”或“否”',
    dict: '从下拉列表选择',
    dictList: `可填多个，用“${LIST_SEPARATOR}”分隔`,
  },
  'en-US': {
    text: 'Text',
    integer: 'Whole number',
    decimal: 'Number',
    date: 'Date, e.g. 2026-03-01',
    boolean: 'Yes (是) or no (否)',
    dict: 'Pick from the list',
    dictList: `Several allowed, separated by "${LIST_SEPARATOR}"`,
  },
};

/** `第3行 [站点名称]: 请填写` / `Row 3 [Name]: required`. */
export function formatRowError(locale: Locale, e: RowError): string {
  const where = locale === 'zh-CN' ? `第${e.row}行` : `Row ${e.row}`;
  return e.column ? `${where} [${e.column}]: ${e.message}` : `${where}: ${e.message}`;
}

function styleHeader(ws: ExcelJS.Worksheet, columns: readonly ExcelColumn[], required: boolean) {
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    if (required && c.required) cell.font = { bold: true, color: { argb: 'FFC00000' } };
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

function addSheet(wb: ExcelJS.Workbook, spec: SheetSpec, locale: Locale, forTemplate: boolean) {
  const ws = wb.addWorksheet(spec.name[locale]);
  ws.columns = spec.columns.map((c) => ({
    header: c.header[locale],
    key: c.key,
    width: c.width ?? Math.max(10, c.header[locale].length * 2 + 4),
    style: c.codeLike || c.refuseNumeric ? { numFmt: '@' } : c.type === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  styleHeader(ws, spec.columns, forTemplate);
  return ws;
}

/** An empty register sheet to fill in, with drop-downs and a 填写说明 sheet. */
export async function templateWorkbook(spec: SheetSpec, locale: Locale): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = addSheet(wb, spec, locale, true);
  const yesNo = '"是,否"';
  spec.columns.forEach((c, i) => {
    const list =
      c.type === 'boolean' ? yesNo : c.type === 'dict' ? `"${(c.options ?? []).map((o) => o.label).join(',')}"` : null;
    // A list formula is capped at 255 characters; longer lists are in the 填写说明 sheet only.
    if (!list || list.length > 255 || c.exportOnly) return;
    const column = ws.getColumn(i + 1);
    for (let r = 2; r <= TEMPLATE_ROWS + 1; r++) {
      column.worksheet.getCell(r, i + 1).dataValidation = {
        type: 'list',
        allowBlank: !c.required,
        formulae: [list],
        showErrorMessage: true,
        errorTitle: c.header[locale],
        error: translate(locale, 'validation.excel.pickFromList'),
      };
    }
  });
  const help = wb.addWorksheet(INSTRUCTIONS[locale]);
  help.columns = [{ width: 22 }, { width: 10 }, { width: 40 }, { width: 60 }];
  for (const note of spec.notes[locale]) help.addRow([note]).font = { italic: false };
  help.addRow([]);
  const head = help.addRow(
    locale === 'zh-CN'
      ? ['列名', '是否必填', '格式', '说明 / 可选值']
      : ['Column', 'Required', 'Format', 'Notes / choices'],
  );
  head.font = { bold: true };
  for (const c of spec.columns) {
    const choices = c.options?.length ? c.options.map((o) => o.label).join(LIST_SEPARATOR) : '';
    const note = [c.exportOnly ? translate(locale, 'validation.excel.exportOnly') : '', c.hint?.[locale] ?? '', choices]
      .filter(Boolean)
      .join('；');
    help.addRow([
      c.header[locale],
      c.required ? (locale === 'zh-CN' ? '是' : 'Yes') : '',
      TYPE_HINTS[locale][c.type],
      note,
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The register's rows as a workbook: Chinese headers, labels for codes, dates as dates. */
export async function exportWorkbook(
  spec: SheetSpec,
  rows: readonly Record<string, unknown>[],
  locale: Locale = 'zh-CN',
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = addSheet(wb, spec, locale, false);
  for (const r of rows) ws.addRow(Object.fromEntries(spec.columns.map((c) => [c.key, formatCell(c, r[c.key])])));
  if (rows.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const sheetError = (message: string, params?: Record<string, unknown>) =>
  new AppError('VALIDATION', { errors: [{ path: 'file', message, params }] });

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw sheetError('validation.excel.notXlsx');
  }
  return wb;
}

/** The sheet holding the register: the one named like it, else the first that is not the instructions. */
function dataSheet(wb: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const names = [spec.name['zh-CN'], spec.name['en-US']];
  const ws =
    wb.worksheets.find((w) => names.includes(w.name)) ??
    wb.worksheets.find((w) => !Object.values(INSTRUCTIONS).includes(w.name));
  if (!ws) throw sheetError('validation.excel.empty');
  return ws;
}

/** Maps each spec column to its position in the sheet, or refuses the sheet naming every wrong header. */
function readHeader(header: HeaderCell[] | undefined, spec: SheetSpec, locale: Locale): Map<string, number> {
  const positions = new Map<string, number>();
  const unknown: string[] = [];
  for (const { col: colNumber, text } of header ?? []) {
    if (!text || Object.values(ERROR_COLUMN).includes(text)) continue;
    const col = spec.columns.find((c) => headerMatches(c, text));
    if (col && !positions.has(col.key)) positions.set(col.key, colNumber);
    else unknown.push(text);
  }
  const missing = spec.columns
    .filter((c) => !positions.has(c.key) && !c.optionalHeader && !c.exportOnly)
    .map((c) => c.header[locale]);
  if (missing.length || unknown.length) {
    const parts = [
      missing.length
        ? translate(locale, 'validation.excel.missingHeaders', { names: missing.join(LIST_SEPARATOR) })
        : '',
      unknown.length
        ? translate(locale, 'validation.excel.unknownHeaders', { names: unknown.join(LIST_SEPARATOR) })
        : '',
    ].filter(Boolean);
    throw sheetError('validation.excel.headers', { detail: parts.join('；') });
  }
  return positions;
}

/** A loaded sheet's rows below the header, as streamSheet gives them. */
function loadedRows(ws: ExcelJS.Worksheet): SheetRow[] {
  const rows: SheetRow[] = [];
  // Row values as a sparse array by column number: reading them does not create the empty cells
  // that getCell would, which on a register of tens of thousands of rows is most of the parse.
  ws.eachRow({ includeEmpty: false }, (row, n) => {
    if (n > 1) rows.push({ number: n, values: row.values as CellValue[] });
  });
  return rows;
}

/** One batch of an uploaded sheet: its non-empty rows parsed, and every bad cell among them. */
export interface ParsedBatch {
  rows: ParsedRow[];
  errors: RowError[];
}

/** Rows handed on at a time by readWorkbook: big enough for bulk statements, small enough to overlap reading and writing. */
export const BATCH_ROWS = 5000;

export interface ReadOptions {
  /** Rows per batch (BATCH_ROWS unless a test asks for small batches). */
  batchSize?: number;
  /** Read on the reading thread (see streamSheet); by default, when the file is large. */
  readingThread?: boolean;
  /** What the file may unpack to (the import.* parameters; their defaults when not given). */
  limits?: ImportLimits;
}

/**
 * Reads an uploaded register sheet, handing its non-empty rows on in batches as they are read,
 * each row parsed and every bad cell reported. A wrong header refuses the whole file with one
 * error naming every wrong column before any row is handed on. A file with no rows, or more than
 * the sheet allows, is refused at the end (the batches already handed on belong to a transaction
 * the caller then rolls back); past the limit rows are only counted, for the message.
 */
export async function readWorkbook(
  buffer: Buffer,
  spec: SheetSpec,
  locale: Locale,
  onBatch: (batch: ParsedBatch) => Promise<void>,
  opts: ReadOptions = {},
): Promise<void> {
  const { batchSize = BATCH_ROWS, readingThread, limits = defaultImportLimits() } = opts;
  // Before exceljs reads anything, by either path below: a zip bomb is refused here, cheaply.
  await guardWorkbook(buffer, limits);
  const max = spec.maxRows ?? DEFAULT_MAX_ROWS;
  // The columns read, with where each is in the sheet: worked out once from the header.
  let read: { col: ExcelColumn; at: number }[] = [];
  let at: number[] = [];
  let filled = 0;
  const header = (cells: HeaderCell[] | undefined) => {
    const positions = readHeader(cells, spec, locale);
    at = [...positions.values()];
    read = spec.columns.flatMap((col) =>
      col.exportOnly || !positions.has(col.key) ? [] : [{ col, at: positions.get(col.key)! }],
    );
  };
  const rows = async (batch: SheetRow[]) => {
    const parsed: ParsedBatch = { rows: [], errors: [] };
    for (const row of batch) {
      if (!at.some((c) => !isEmptyCell(row.values[c]))) continue;
      if (++filled > max) continue;
      const values: Record<string, unknown> = {};
      for (const { col, at: p } of read) {
        const r = parseCell(col, row.values[p] ?? null);
        if (r.ok) values[col.key] = r.value;
        else
          parsed.errors.push({
            row: row.number,
            column: col.header[locale],
            message: translate(locale, r.message, r.params),
          });
      }
      parsed.rows.push({ row: row.number, values });
    }
    if (parsed.rows.length) await onBatch(parsed);
  };
  let streamed: boolean;
  try {
    streamed = await streamSheet(
      buffer,
      [spec.name['zh-CN'], spec.name['en-US']],
      { header, rows },
      batchSize,
      readingThread,
    );
  } catch (err) {
    if (err instanceof BrokenSheetError) throw sheetError('validation.excel.notXlsx');
    throw err;
  }
  if (!streamed) {
    const ws = dataSheet(await load(buffer), spec);
    header(headerCells(ws.getRow(1)));
    const all = loadedRows(ws);
    for (let i = 0; i < all.length; i += batchSize) await rows(all.slice(i, i + batchSize));
  }
  if (filled === 0) throw sheetError('validation.excel.empty');
  if (filled > max) throw sheetError('validation.excel.tooManyRows', { max, count: filled });
}

/** The whole sheet at once (see readWorkbook), for registers small enough to hold. */
export async function parseWorkbook(
  buffer: Buffer,
  spec: SheetSpec,
  locale: Locale,
  limits?: ImportLimits,
): Promise<ParsedBatch> {
  const out: ParsedBatch = { rows: [], errors: [] };
  await readWorkbook(
    buffer,
    spec,
    locale,
    async (batch) => {
      for (const r of batch.rows) out.rows.push(r);
      for (const e of batch.errors) out.errors.push(e);
    },
    { limits },
  );
  return out;
}

/**
 * The user's own workbook with an 错误信息 column saying what is wrong on each row, and the
 * faulty cells shaded, so they fix the file they know and upload it again.
 */
export async function errorReportWorkbook(
  buffer: Buffer,
  spec: SheetSpec,
  errors: readonly RowError[],
  locale: Locale,
): Promise<Buffer> {
  const wb = await load(buffer);
  const ws = dataSheet(wb, spec);
  const header = ws.getRow(1);
  let errorCol = 0;
  let last = 0;
  const headerCols = new Map<string, number>();
  header.eachCell({ includeEmpty: false }, (cell, n) => {
    const text = String(cell.text ?? '').trim();
    last = n;
    if (Object.values(ERROR_COLUMN).includes(text)) errorCol = n;
    else headerCols.set(text, n);
  });
  if (!errorCol) errorCol = last + 1;
  header.getCell(errorCol).value = ERROR_COLUMN[locale];
  header.getCell(errorCol).font = { bold: true, color: { argb: 'FFC00000' } };
  ws.getColumn(errorCol).width = 60;
  const byRow = new Map<number, RowError[]>();
  for (const e of errors) byRow.set(e.row, [...(byRow.get(e.row) ?? []), e]);
  // Messages from an earlier report are cleared: only what is still wrong stays.
  ws.eachRow((row, n) => {
    if (n > 1) row.getCell(errorCol).value = null;
  });
  for (const [n, list] of byRow) {
    const cell = ws.getRow(n).getCell(errorCol);
    cell.value = list.map((e) => (e.column ? `[${e.column}] ${e.message}` : e.message)).join('；');
    cell.font = { color: { argb: 'FFC00000' } };
    for (const e of list) {
      const colNumber = [...headerCols].find(([text]) =>
        spec.columns.some((c) => c.header[locale] === e.column && headerMatches(c, text)),
      )?.[1];
      if (colNumber)
        ws.getRow(n).getCell(colNumber).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE0E0' } };
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
