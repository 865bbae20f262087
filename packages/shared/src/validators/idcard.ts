import { normalizeId } from './normalize.ts';

export type IdCardKind = 'resident18' | 'resident15' | 'hmt_permit' | 'permanent_residence';
export type IdCardError = 'empty' | 'length' | 'format' | 'region' | 'birthdate' | 'checksum';

export type IdCardResult =
  | { ok: true; value: string; kind: IdCardKind; birthDate: string; sex: 1 | 2 }
  | { ok: false; reason: IdCardError; position?: number };

/** Weight of position i is 2^(17-i) mod 11 (GB 11643-1999, ISO 7064 MOD 11-2). */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

// GB/T 2260 province-level codes. 71 (Taiwan) exists in the standard; 81/82/83 are used by the
// 港澳台居民居住证 numbers (810000/820000/830000 address codes).
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 83,
]);
const MAINLAND = new Set([...PROVINCES].filter((p) => p < 70));
const HMT_PREFIXES = new Set(['810000', '820000', '830000']);
const MIN_BIRTH = '1900-01-01';

/** The MOD 11-2 check character for a 17-digit body; throws when the body is not 17 digits. */
export function idCardCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCardCheckChar expects 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * The calendar day "today" in China: a birth date is compared with the local day, not UTC, so a
 * baby registered just after midnight in Beijing is not rejected as born in the future.
 */
function chinaDay(today: Date | string): string {
  if (typeof today === 'string') return today;
  return new Date(today.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' when the eight digits form a real Gregorian date, else null. */
function calendarDate(yyyymmdd: string): string | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (m < 1 || m > 12 || d < 1) return null;
  // Day 0 of the next month is the last day of this one; UTC avoids DST gaps.
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > lastDay) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

function firstBadChar(s: string, ok: (c: string, i: number) => boolean): number {
  for (let i = 0; i < s.length; i++) if (!ok(s[i], i)) return i + 1;
  return 0;
}

/**
 * Validates a 公民身份号码 (18 or legacy 15 digits), a 港澳台居民居住证 number or a 2023
 * 外国人永久居留身份证 number. `today` (a Date, or 'YYYY-MM-DD' in China time) bounds the birth date.
 * Positions in failures are 1-based, counted in the normalised value.
 */
export function validateIdCard(input: string, today: Date | string = new Date()): IdCardResult {
  const value = normalizeId(input ?? '');
  if (value === '') return { ok: false, reason: 'empty' };
  if (value.length !== 18 && value.length !== 15) return { ok: false, reason: 'length' };

  const long = value.length === 18;
  // Only the last character of an 18-char number may be the check letter X.
  const bad = firstBadChar(value, (c, i) => (c >= '0' && c <= '9') || (long && i === 17 && c === 'X'));
  if (bad) return { ok: false, reason: 'format', position: bad };

  let kind: IdCardKind;
  if (long && value[0] === '9') {
    // 2023 permanent-residence number: 9, the province where it was applied for, a three-digit
    // nationality code, then birth date, sequence and check as in a citizen's number.
    if (!MAINLAND.has(Number(value.slice(1, 3)))) return { ok: false, reason: 'region', position: 2 };
    kind = 'permanent_residence';
  } else if (!PROVINCES.has(Number(value.slice(0, 2)))) {
    return { ok: false, reason: 'region', position: 1 };
  } else if (long && HMT_PREFIXES.has(value.slice(0, 6))) {
    kind = 'hmt_permit';
  } else {
    kind = long ? 'resident18' : 'resident15';
  }

  // Legacy numbers were issued to people born in the 1900s, with a two-digit year.
  const birthDigits = long ? value.slice(6, 14) : `19${value.slice(6, 12)}`;
  const birthDate = calendarDate(birthDigits);
  if (!birthDate || birthDate < MIN_BIRTH || birthDate > chinaDay(today)) {
    return { ok: false, reason: 'birthdate', position: 7 };
  }

  if (long && idCardCheckChar(value.slice(0, 17)) !== value[17]) {
    return { ok: false, reason: 'checksum', position: 18 };
  }

  const sequenceLast = Number(value[long ? 16 : 14]);
  return { ok: true, value, kind, birthDate, sex: sequenceLast % 2 === 1 ? 1 : 2 };
}

export function isValidIdCard(input: string, today?: Date | string): boolean {
  return validateIdCard(input, today).ok;
}

/**
 * Converts a legacy 15-digit number to its 18-digit form: the century '19' goes in front of the
 * two-digit year and the check character is appended. Throws on anything but a valid 15-digit number.
 */
export function upgradeIdCard15(id15: string): string {
  const r = validateIdCard(id15);
  if (!r.ok || r.kind !== 'resident15') throw new RangeError('not a valid 15-digit ID number');
  const body = `${r.value.slice(0, 6)}19${r.value.slice(6)}`;
  return body + idCardCheckChar(body);
}
