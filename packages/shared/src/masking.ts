import { validatePhone } from './validators/phone.ts';

/**
 * Masks for personal data shown in lists, details and exports (DESIGN.md: `440***********1234`,
 * `138****5678`). Every mask puts a `*` in place of at least one character of any input of two or
 * more characters, so no clear value comes back whole. Empty or missing input gives ''.
 * Characters are counted as code points so a rare-character name (𠮷) is not split in half.
 */

type Maybe = string | null | undefined;
const stars = (n: number) => '*'.repeat(Math.max(0, n));

/**
 * Keeps `head` leading and `tail` trailing characters. When the input is too short for that to hide
 * anything, at most half of it stays visible, so short or truncated values still do not leak.
 */
function maskMiddle(s: Maybe, head: number, tail: number): string {
  const chars = Array.from(s ?? '');
  const n = chars.length;
  if (n === 0) return '';
  if (head + tail >= n) {
    const visible = Math.floor(n / 2);
    head = Math.min(head, Math.ceil(visible / 2));
    tail = Math.min(tail, visible - head);
  }
  return chars.slice(0, head).join('') + stars(n - head - tail) + chars.slice(n - tail).join('');
}

/**
 * ID numbers (18 or 15 characters): only the first and the last character kept, length kept:
 * `4****************4`. The digits in between are the address code, the birth date and the
 * sequence number (whose parity is the sex); with the check digit and the birth date beside them,
 * a mask that kept more (`440***********1234`, as DESIGN.md first had it) narrowed a number to a
 * handful of candidates. Where an ID number is shown masked, show the birth year, not the date
 * (`birthYearOf`): the attacker's candidates then stay above ten thousand (masks.test.ts counts them).
 */
export function maskIdCard(s: Maybe): string {
  return maskMiddle(s, 1, 1);
}

/** The year of an ISO date (`1990-05-17` → 1990), or null: what a masked record shows of a birth date. */
export function birthYearOf(isoDate: Maybe): number | null {
  const m = /^(\d{4})-/.exec(isoDate ?? '');
  return m ? Number(m[1]) : null;
}

/** 统一社会信用代码: first 2 and last 4 kept, length kept: `91************0Y43`. */
export function maskUscc(s: Maybe): string {
  return maskMiddle(s, 2, 4);
}

/**
 * Phone numbers are masked in their normalised form (see `validatePhone`), so the result has the
 * length of the normalised value:
 * - mobile: first 3 and last 4 digits, `138****5678`;
 * - landline: the area code and the last 3 digits of the local number, extension hidden,
 *   `0758-****333`, `020-*****321-***`. The last 3 rather than 4 so that at least four digits are
 *   hidden, as for a mobile, even when the local number has only seven;
 * - 400/800 numbers: `400-***-8820`; five-digit hotlines `1***5`;
 * - anything that is not a phone number: first 3 and last 4 characters as for an ID.
 */
export function maskPhone(s: Maybe): string {
  const r = validatePhone(s ?? '');
  if (!r.ok) return maskMiddle(s, 3, 4);
  if (r.kind === 'mobile') return maskMiddle(r.value, 3, 4);
  const [first, second, third] = r.value.split('-');
  if (r.kind === 'landline') {
    return `${first}-${stars(second.length - 3)}${second.slice(-3)}${third ? `-${stars(third.length)}` : ''}`;
  }
  if (second !== undefined) return `${first}-${stars(second.length)}-${third}`;
  return maskMiddle(r.value, 3, 4);
}

/** Personal names: the first character only, `张**`, `李*`; a one-character name becomes `*`. */
export function maskName(s: Maybe): string {
  const chars = Array.from(s ?? '');
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return chars[0] + stars(chars.length - 1);
}

/**
 * Addresses: the first 6 characters (province and city, as a rule) then a fixed `****`, which
 * also hides how long the rest was. Short inputs keep at most half.
 */
export function maskAddress(s: Maybe): string {
  const chars = Array.from(s ?? '');
  if (chars.length === 0) return '';
  const keep = chars.length > 6 ? 6 : Math.floor(chars.length / 2);
  return chars.slice(0, keep).join('') + '****';
}

/** E-mail: the first character of the local part, a fixed `***`, the domain: `z***@example.com`. */
export function maskEmail(s: Maybe): string {
  const value = s ?? '';
  const at = value.lastIndexOf('@');
  if (at <= 0) return maskMiddle(value, 1, 0);
  const local = Array.from(value.slice(0, at));
  return (local.length === 1 ? '*' : `${local[0]}***`) + value.slice(at);
}
