import { normalizeInput } from './normalize.ts';

export type PhoneKind = 'mobile' | 'landline' | 'service';
export type PhoneResult = { ok: true; value: string; kind: PhoneKind } | { ok: false; reason: 'empty' | 'format' };

const COUNTRY_PREFIX = /^(?:\+86|0086|86(?=-))-?/;
const MOBILE = /^1[3-9]\d{9}$/;
// Only 010 and 020–029 are three-digit area codes, and their local numbers all have eight digits;
// every other area code has four. Local numbers never start with 0 or 1. Together that makes
// "07582222333" unambiguous. A hyphen may split off the last four digits (020-8765-4321).
const EXT = '(?:(?:-|转|#|EXT\\.?|X)(\\d{1,6}))?$';
const LANDLINES = [
  new RegExp(`^(?:\\((010|02\\d)\\)|(010|02\\d))-?([2-9]\\d{3})-?(\\d{4})${EXT}`, 'i'),
  new RegExp(`^(?:\\((0[3-9]\\d\\d)\\)|(0[3-9]\\d\\d))-?([2-9]\\d{2,3})-?(\\d{4})${EXT}`, 'i'),
];
const TOLL_FREE = /^([48]00)(\d{3})(\d{4})$/;
// 123xx are the government hotlines (12345 政务, 12356 心理援助, 12349 养老, 12338 妇女…), 96xxx
// are the local public-service numbers.
const HOTLINE = /^(?:123\d\d|96\d{3})$/;

/** NFKC, then no spaces and no typographic dashes; hyphens stay because they delimit extensions. */
function compact(s: string): string {
  return normalizeInput(s ?? '').replace(/[\s\u2010-\u2015\u2212]/g, (c) => (/\s/.test(c) ? '' : '-'));
}

function withoutCountry(s: string): { rest: string; international: boolean } {
  const rest = s.replace(COUNTRY_PREFIX, '');
  return { rest, international: rest !== s };
}

function mobile(s: string): string | null {
  const { rest, international } = withoutCountry(s);
  const digits = rest.replace(/-/g, '');
  if (MOBILE.test(digits)) return digits;
  // "8613812345678" without + or separator: only strip 86 when what follows is a mobile number.
  if (!international && /^86\d{11}$/.test(digits) && MOBILE.test(digits.slice(2))) return digits.slice(2);
  return null;
}

function landlineOrService(s: string): { value: string; kind: PhoneKind } | null {
  const { rest, international } = withoutCountry(s);
  // Dialled from abroad the trunk 0 is dropped: +86 758 2222333.
  const local = international ? rest.replace(/^\(?(?=[1-9])/, (open) => `${open}0`) : rest;
  for (const re of LANDLINES) {
    const m = re.exec(local);
    if (m) return { value: `${m[1] ?? m[2]}-${m[3]}${m[4]}${m[5] ? `-${m[5]}` : ''}`, kind: 'landline' };
  }
  const digits = local.replace(/-/g, '');
  const t = TOLL_FREE.exec(digits);
  if (t) return { value: `${t[1]}-${t[2]}-${t[3]}`, kind: 'service' };
  if (!international && HOTLINE.test(digits)) return { value: digits, kind: 'service' };
  return null;
}

/**
 * Classifies and normalises a phone number: mobiles become 11 digits, landlines
 * `area-number[-extension]`, 400/800 numbers `400-xxx-xxxx`, hotlines stay five digits.
 */
export function validatePhone(input: string): PhoneResult {
  const s = compact(input);
  if (s === '') return { ok: false, reason: 'empty' };
  const m = mobile(s);
  if (m) return { ok: true, value: m, kind: 'mobile' };
  const other = landlineOrService(s);
  if (other) return { ok: true, ...other };
  return { ok: false, reason: 'format' };
}

/** A mainland mobile number, `^1[3-9]\d{9}$` once a +86/0086/86- prefix and separators are gone. */
export function isMobile(input: string): boolean {
  const s = compact(input);
  return s !== '' && mobile(s) !== null;
}

/** A fixed-network number: a landline with area code, a 400/800 number or a public hotline. */
export function isLandline(input: string): boolean {
  const r = validatePhone(input);
  return r.ok && r.kind !== 'mobile';
}
