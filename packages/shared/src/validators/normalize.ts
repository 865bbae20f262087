/**
 * Input arrives from Chinese IMEs and Excel, where full-width digits (１２３), full-width letters
 * (ｘ), ideographic spaces and full-width hyphens are common. NFKC folds all of those to ASCII.
 */
export function normalizeInput(s: string): string {
  // Printable ASCII is its own NFKC form: most cells of a register (codes, numbers, dates) skip the pass.
  return (PRINTABLE_ASCII.test(s) ? s : s.normalize('NFKC')).trim();
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

// NFKC leaves the typographic dashes alone, but people paste them between digit groups too.
const ID_SEPARATORS = /[\s\-\u2010-\u2015\u2212]/g;

/** Normalises an identifier (ID number, USCC): also drops spaces and dashes and uppercases. */
export function normalizeId(s: string): string {
  return normalizeInput(s).replace(ID_SEPARATORS, '').toUpperCase();
}
