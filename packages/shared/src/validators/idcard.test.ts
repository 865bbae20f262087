import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idCardCheckChar, isValidIdCard, upgradeIdCard15, validateIdCard } from './idcard.ts';

const TODAY = '2025-06-30';
const build = (prefix6: string, birth8: string, seq3: string) => {
  const body = prefix6 + birth8 + seq3;
  return body + idCardCheckChar(body);
};
const fullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const PROVINCES = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63,
  64, 65, 71, 81, 82, 83,
].map(String);
const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
const addressCode = fc.tuple(fc.constantFrom(...PROVINCES), digits(4)).map(([p, rest]) => p + rest);
const birthDate = fc
  .date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const body17 = fc.tuple(addressCode, birthDate, digits(3)).map(([a, b, s]) => a + b.replaceAll('-', '') + s);

describe('validateIdCard: known numbers', () => {
  it('accepts the GB 11643-1999 example 11010519491231002X', () => {
    // Σ digit×weight = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2 → 'X'.
    expect(idCardCheckChar('11010519491231002')).toBe('X');
    expect(validateIdCard('11010519491231002X', TODAY)).toEqual({
      ok: true,
      value: '11010519491231002X',
      kind: 'resident18',
      birthDate: '1949-12-31',
      sex: 2,
    });
  });

  it('rejects the DESIGN.md mask example 440102199001011234: its check character would be X', () => {
    // Σ = 28+36+0+5+0+8+2+9+54+0+0+9+0+5+8+8+6 = 178; 178 mod 11 = 2 → 'X', not '4'.
    expect(validateIdCard('440102199001011234', TODAY)).toEqual({ ok: false, reason: 'checksum', position: 18 });
    expect(isValidIdCard('44010219900101123X', TODAY)).toBe(true);
  });

  it('reads the sex from the parity of the 17th digit', () => {
    expect(validateIdCard(build('440102', '19900101', '123'), TODAY)).toMatchObject({ ok: true, sex: 1 });
    expect(validateIdCard(build('440102', '19900101', '120'), TODAY)).toMatchObject({ ok: true, sex: 2 });
  });

  it('accepts full-width digits, a lowercase or full-width x, spaces and hyphens', () => {
    for (const input of [
      '１１０１０５１９４９１２３１００２ｘ',
      '11010519491231002x',
      ' 110105 19491231 002X ',
      '110105-19491231-002X',
    ]) {
      expect(validateIdCard(input, TODAY)).toMatchObject({ ok: true, value: '11010519491231002X' });
    }
  });

  it('tells residence permits of 港澳台 residents from resident numbers', () => {
    for (const prefix of ['810000', '820000', '830000']) {
      expect(validateIdCard(build(prefix, '19900101', '001'), TODAY)).toMatchObject({ ok: true, kind: 'hmt_permit' });
    }
    expect(validateIdCard(build('810101', '19900101', '001'), TODAY)).toMatchObject({ ok: true, kind: 'resident18' });
  });

  it('accepts 9-prefixed permanent-residence numbers and checks their province', () => {
    // 9 + 11 (Beijing) + 840 (nationality code) + birth date + sequence + check.
    const id = build('911840', '19850615', '003');
    expect(validateIdCard(id, TODAY)).toMatchObject({
      ok: true,
      kind: 'permanent_residence',
      birthDate: '1985-06-15',
      sex: 1,
    });
    expect(validateIdCard(build('999840', '19850615', '003'), TODAY)).toEqual({
      ok: false,
      reason: 'region',
      position: 2,
    });
  });

  it('accepts a legacy 15-digit number and upgrades it to the standard example', () => {
    expect(validateIdCard('110105491231002', TODAY)).toEqual({
      ok: true,
      value: '110105491231002',
      kind: 'resident15',
      birthDate: '1949-12-31',
      sex: 2,
    });
    expect(upgradeIdCard15('110105491231002')).toBe('11010519491231002X');
    expect(() => upgradeIdCard15('11010519491231002X')).toThrow(RangeError);
    expect(() => upgradeIdCard15('110105490230002')).toThrow(RangeError);
  });
});

describe('validateIdCard: rejections', () => {
  it.each([
    ['', 'empty', undefined],
    ['   ', 'empty', undefined],
    ['11010519491231002', 'length', undefined],
    ['11010519491231002X1', 'length', undefined],
    ['1101A519491231002X', 'format', 5],
    ['1101051949123100X2', 'format', 17],
    ['110105491231002X', 'length', undefined],
    ['11010549123100X', 'format', 15],
    ['110105194912310021', 'checksum', 18],
    [build('110105', '19900230', '001'), 'birthdate', 7],
    [build('110105', '19000229', '001'), 'birthdate', 7],
    [build('110105', '18991231', '001'), 'birthdate', 7],
    [build('110105', '19901301', '001'), 'birthdate', 7],
    [build('110105', '19900100', '001'), 'birthdate', 7],
    [build('990101', '19900101', '001'), 'region', 2],
    [build('000101', '19900101', '001'), 'region', 1],
    [build('100101', '19900101', '001'), 'region', 1],
    ['910101900101001', 'region', 1],
    ['110105490230002', 'birthdate', 7],
  ])('%s → %s at %s', (input, reason, position) => {
    const r = validateIdCard(input, TODAY);
    expect(r).toEqual(position === undefined ? { ok: false, reason } : { ok: false, reason, position });
  });

  it('accepts 29 February only in leap years (2000 is one, 1900 is not)', () => {
    expect(isValidIdCard(build('110105', '20000229', '001'), TODAY)).toBe(true);
    expect(isValidIdCard(build('110105', '19000229', '001'), TODAY)).toBe(false);
  });

  it('rejects a birth date after today, counted in China time', () => {
    const id = build('110105', '20250701', '001');
    expect(validateIdCard(id, '2025-06-30')).toMatchObject({ ok: false, reason: 'birthdate' });
    expect(isValidIdCard(id, '2025-07-01')).toBe(true);
    // 16:30 UTC on 30 June is already 1 July in Beijing.
    expect(isValidIdCard(id, new Date('2025-06-30T16:30:00Z'))).toBe(true);
    expect(isValidIdCard(id, new Date('2025-06-30T15:30:00Z'))).toBe(false);
  });

  it('idCardCheckChar refuses bodies that are not 17 digits', () => {
    expect(() => idCardCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => idCardCheckChar('1101051949123100X')).toThrow(RangeError);
  });
});

describe('validateIdCard: properties', () => {
  it('a valid body with its computed check character validates, with its birth date and sex', () => {
    fc.assert(
      fc.property(body17, (body) => {
        const r = validateIdCard(body + idCardCheckChar(body), TODAY);
        expect(r).toMatchObject({
          ok: true,
          value: body + idCardCheckChar(body),
          birthDate: `${body.slice(6, 10)}-${body.slice(10, 12)}-${body.slice(12, 14)}`,
          sex: Number(body[16]) % 2 === 1 ? 1 : 2,
        });
      }),
    );
  });

  it('MOD 11-2 detects every single-character substitution', () => {
    const substitution = fc.tuple(body17, fc.nat(17), fc.constantFrom(...'0123456789X'));
    fc.assert(
      fc.property(substitution, ([body, i, c]) => {
        const id = body + idCardCheckChar(body);
        fc.pre(id[i] !== c);
        expect(isValidIdCard(id.slice(0, i) + c + id.slice(i + 1), TODAY)).toBe(false);
      }),
    );
  });

  it('the full-width form of a valid number validates to the same half-width value', () => {
    fc.assert(
      fc.property(body17, fc.boolean(), (body, lower) => {
        const id = body + idCardCheckChar(body);
        const typed = fullWidth(lower ? id.toLowerCase() : id);
        expect(validateIdCard(`\u3000${typed}`, TODAY)).toMatchObject({ ok: true, value: id });
      }),
    );
  });

  it('every valid 15-digit number upgrades to a valid 18-digit one with the same person data', () => {
    const id15 = fc
      .tuple(
        addressCode,
        birthDate.filter((d) => d < '2000'),
        digits(3),
      )
      .map(([a, b, s]) => a + b.replaceAll('-', '').slice(2) + s);
    fc.assert(
      fc.property(id15, (id) => {
        const old = validateIdCard(id, TODAY);
        const upgraded = validateIdCard(upgradeIdCard15(id), TODAY);
        expect(old.ok && upgraded.ok).toBe(true);
        if (old.ok && upgraded.ok) {
          expect(upgraded.birthDate).toBe(old.birthDate);
          expect(upgraded.sex).toBe(old.sex);
        }
      }),
    );
  });
});
