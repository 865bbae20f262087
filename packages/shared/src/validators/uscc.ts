import { normalizeId } from './normalize.ts';

export type UsccError = 'empty' | 'length' | 'charset' | 'checksum';
export type UsccResult = { ok: true; value: string } | { ok: false; reason: UsccError; position?: number };

/**
 * GB 32100-2015 alphabet: the index of a character is its numeric value. I, O, Z, S and V are
 * left out because they are easily misread as 1, 0, 2, 5 and U.
 */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 3^i mod 31, as tabulated in the standard. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const VALUE = new Map([...USCC_CHARSET].map((c, i) => [c, i]));

/** The MOD 31 check character for the first 17 characters; throws on a wrong length or character. */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('usccCheckChar expects 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = VALUE.get(first17[i]);
    if (v === undefined) throw new RangeError(`character ${i + 1} is not in the USCC charset`);
    sum += v * WEIGHTS[i];
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31];
}

/**
 * Validates a 统一社会信用代码. Positions 3–8 hold a GB/T 2260 division code and so must be
 * digits; a letter there is reported as a charset error at its position. The organisation code in
 * 9–17 is not checked on its own: codes issued to individual businesses (92…) do not carry a
 * valid GB 11714 check digit there.
 */
export function validateUscc(input: string): UsccResult {
  const value = normalizeId(input ?? '');
  if (value === '') return { ok: false, reason: 'empty' };
  if (value.length !== 18) return { ok: false, reason: 'length' };
  for (let i = 0; i < 18; i++) {
    const c = value[i];
    const isDigit = c >= '0' && c <= '9';
    if (!VALUE.has(c) || (i >= 2 && i <= 7 && !isDigit)) return { ok: false, reason: 'charset', position: i + 1 };
  }
  if (usccCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, reason: 'checksum', position: 18 };
  return { ok: true, value };
}

export function isValidUscc(input: string): boolean {
  return validateUscc(input).ok;
}
