import { DAY_YEARS, normalizeInput } from '@lianxin/shared';
import type { CellValue } from 'exceljs';
import type { Locale } from '../i18n.ts';

export type ColumnType = 'text' | 'integer' | 'decimal' | 'date' | 'boolean' | 'dict' | 'dictList';

export interface ColumnOption {
  /** The stored code. */
  value: string;
  /** What the user reads and types: the dictionary's Chinese label. */
  label: string;
  labelEn?: string;
}

export type CheckResult<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; message: string; params?: Record<string, unknown> };

/**
 * One column of an exchange sheet. Parsing a cell returns the stored form (a dictionary code,
 * YYYY-MM-DD, a number, a boolean) or an i18n key saying what is wrong.
 */
export interface ExcelColumn {
  key: string;
  header: Record<Locale, string>;
  type: ColumnType;
  required?: boolean;
  /** Dictionary or enumeration choices (dict, dictList). */
  options?: readonly ColumnOption[];
  /**
   * Codes made of digits (region codes, credit codes, phone numbers): the column is formatted as
   * text in the template, and a numeric cell is accepted only while Excel can still hold it exactly.
   */
  codeLike?: boolean;
  /** ID numbers: a numeric cell has already lost digits (18 digits exceed a double), so it is refused. */
  refuseNumeric?: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  /** Column width in characters. */
  width?: number;
  /** Runs after the type's parse on a non-empty value: normalises it or says what is wrong. */
  check?: (value: never) => CheckResult;
  /** What to write in the 填写说明 sheet beyond the type. */
  hint?: Record<Locale, string>;
  /** Written on export for the reader (a region's name beside its code), ignored on import. */
  exportOnly?: boolean;
  /** A sheet may leave this column out (a user's own sheet without the version column). */
  optionalHeader?: boolean;
}

export const LIST_SEPARATOR = '、';

const fail = (message: string, params?: Record<string, unknown>): CheckResult<never> => ({
  ok: false,
  message,
  ...(params ? { params } : {}),
});

/** A cell's raw content as exceljs gives it back: rich text, formulas and links reduced to their value. */
export function plainValue(v: CellValue): string | number | boolean | Date | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('result' in v) return plainValue((v.result ?? null) as CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return null;
  }
  return null;
}

export function isEmptyCell(v: CellValue): boolean {
  const p = plainValue(v);
  // Only blank text normalises to blank: the NFKC pass is needed for whitespace-only strings alone.
  return p === null || (typeof p === 'string' && p.trim() === '' && normalizeInput(p) === '');
}

function day(d: Date): string {
  // exceljs reads a date cell as midnight UTC of the day shown in Excel.
  return d.toISOString().slice(0, 10);
}

/** Excel's serial day (1900 system, with its phantom 29 Feb 1900) to YYYY-MM-DD. */
function serialDay(n: number): string | null {
  if (!Number.isFinite(n) || n < 1 || n > 2958465) return null;
  return day(new Date(Date.UTC(1899, 11, 30) + Math.floor(n) * 86400000));
}

function validDay(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return day(date);
}

/** 2026-03-01, 2026/3/1, 2026.3.1, 2026年3月1日, 20260301. */
export function parseDayText(s: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  return m ? validDay(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

const TRUE_WORDS = new Set(['是', 'Y', 'YES', 'TRUE', '1', '√']);
const FALSE_WORDS = new Set(['否', 'N', 'NO', 'FALSE', '0', '×']);

function matchOption(options: readonly ColumnOption[], s: string): string | undefined {
  const lower = s.toLowerCase();
  return options.find((o) => o.label === s || o.value === s || o.labelEn?.toLowerCase() === lower)?.value;
}

/** U+FFFD (what a decoder leaves for bytes it could not read) or half of a surrogate pair. */
const CORRUPT = /\uFFFD|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether text carries the marks of broken decoding: such a cell is refused, never stored. */
export function isCorruptText(s: string): boolean {
  return CORRUPT.test(s);
}

/** A cell as text, or an error when Excel stored a code as a number it can no longer hold, or the text is broken. */
function cellText(col: ExcelColumn, v: string | number | boolean | Date): CheckResult<string> {
  if (typeof v === 'string' && isCorruptText(v)) return fail('validation.excel.corruptText');
  if (
    typeof v === 'number' &&
    (col.refuseNumeric || (col.codeLike && !(Number.isSafeInteger(v) && String(v).length <= 15)))
  ) {
    return fail('validation.excel.numericCode');
  }
  if (v instanceof Date) return { ok: true, value: day(v) };
  // Codes, numbers and choices are normalised (full-width digits, NFKC); free text keeps the user's punctuation.
  // The apostrophe an export put before formula-like text (neutraliseText) is taken off.
  const plain = col.type === 'text' && !col.codeLike && !col.refuseNumeric;
  const s = String(v).replace(NEUTRALISED, '');
  return { ok: true, value: (plain ? s : normalizeInput(s)).trim() };
}

/** Parses one cell by its column: null for an empty optional cell. */
export function parseCell(col: ExcelColumn, raw: CellValue): CheckResult<unknown> {
  const v = plainValue(raw);
  const text = v === null ? null : cellText(col, v);
  if (text && !text.ok) return text;
  if (v === null || !text || text.value === '') {
    if (col.required) return fail('validation.excel.required');
    return { ok: true, value: col.type === 'dictList' ? [] : col.type === 'boolean' ? false : null };
  }
  const s = text.value;
  let parsed: CheckResult<unknown>;
  switch (col.type) {
    case 'text':
      parsed =
        col.maxLength && s.length > col.maxLength
          ? fail('validation.excel.tooLong', { max: col.maxLength })
          : { ok: true, value: s };
      break;
    case 'integer':
    case 'decimal': {
      const n = typeof v === 'number' ? v : Number(s.replace(/,/g, ''));
      if (!Number.isFinite(n) || s === '')
        parsed = fail(col.type === 'integer' ? 'validation.excel.integer' : 'validation.excel.decimal');
      else if (col.type === 'integer' && !Number.isInteger(n)) parsed = fail('validation.excel.integer');
      else if ((col.min !== undefined && n < col.min) || (col.max !== undefined && n > col.max))
        parsed = fail('validation.excel.range', { min: col.min, max: col.max });
      else parsed = { ok: true, value: n };
      break;
    }
    case 'date': {
      const d = v instanceof Date ? day(v) : typeof v === 'number' ? serialDay(v) : parseDayText(s);
      const year = d ? Number(d.slice(0, 4)) : 0;
      // The same years as every date the API takes: a row error here, not a refusal of the whole file.
      if (!d) parsed = fail('validation.excel.date');
      else if (year < DAY_YEARS.min || year > DAY_YEARS.max) parsed = fail('validation.date.range', { ...DAY_YEARS });
      else parsed = { ok: true, value: d };
      break;
    }
    case 'boolean': {
      const u = typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : s.toUpperCase();
      parsed = TRUE_WORDS.has(u)
        ? { ok: true, value: true }
        : FALSE_WORDS.has(u)
          ? { ok: true, value: false }
          : fail('validation.excel.boolean');
      break;
    }
    case 'dict': {
      const value = matchOption(col.options ?? [], s);
      parsed = value
        ? { ok: true, value }
        : fail('validation.excel.option', {
            value: s,
            options: (col.options ?? []).map((o) => o.label).join(LIST_SEPARATOR),
          });
      break;
    }
    case 'dictList': {
      const parts = s
        .split(/[、,，;；\n]+/)
        .map((p) => p.trim())
        .filter(Boolean);
      const values: string[] = [];
      for (const p of parts) {
        const value = matchOption(col.options ?? [], p);
        if (!value)
          return fail('validation.excel.option', {
            value: p,
            options: (col.options ?? []).map((o) => o.label).join(LIST_SEPARATOR),
          });
        if (!values.includes(value)) values.push(value);
      }
      parsed = { ok: true, value: values };
      break;
    }
  }
  if (parsed.ok && col.check) return col.check(parsed.value as never);
  return parsed;
}

/** What makes a spreadsheet (or a CSV saved from it) read text as a formula: = + - @, a tab or a carriage return first. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** Our own mark on such text: an apostrophe, as OWASP advises against CSV and formula injection. */
const NEUTRALISED = /^'(?=[=+\-@\t\r])/;

/**
 * Text written into an exported cell. exceljs writes a string as a string cell, which Excel shows
 * as text, but the text turns into a live formula as soon as someone edits the cell or saves the
 * sheet as CSV and opens it again (=HYPERLINK(…) in a name). Text that starts like a formula is
 * written with a leading apostrophe, and an import takes it off again (see parseCell), so an
 * exported file imports back to the same values.
 */
export function neutraliseText(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** The value as a cell shows it on export: labels for codes, dates as dates, formula-like text neutralised. */
export function formatCell(col: ExcelColumn, value: unknown): string | number | Date | null {
  const v = formatValue(col, value);
  return typeof v === 'string' ? neutraliseText(v) : v;
}

function formatValue(col: ExcelColumn, value: unknown): string | number | Date | null {
  if (value === null || value === undefined) return null;
  switch (col.type) {
    case 'date':
      return typeof value === 'string' ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : (value as Date);
    case 'boolean':
      return value ? '是' : '否';
    case 'dict':
      return col.options?.find((o) => o.value === value)?.label ?? String(value);
    case 'dictList':
      return (value as string[]).map((v) => col.options?.find((o) => o.value === v)?.label ?? v).join(LIST_SEPARATOR);
    case 'integer':
    case 'decimal':
      return typeof value === 'number' ? value : Number(value);
    default:
      return String(value);
  }
}

/** What a header cell may say: the Chinese or English header, with or without a required mark. */
export function headerMatches(col: ExcelColumn, text: string): boolean {
  const t = text
    .replace(/^[*＊]\s*|\s*[*＊]$/g, '')
    .trim()
    .toLowerCase();
  return t === col.header['zh-CN'].toLowerCase() || t === col.header['en-US'].toLowerCase();
}
