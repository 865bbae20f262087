import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidUscc, USCC_CHARSET, usccCheckChar, validateUscc } from './uscc.ts';

const fullWidth = (s: string) => s.replace(/[0-9A-Za-z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const charsetChar = fc.constantFrom(...USCC_CHARSET);
const body17 = fc
  .tuple(
    fc.string({ unit: charsetChar, minLength: 2, maxLength: 2 }),
    fc.stringMatching(/^\d{6}$/),
    fc.string({ unit: charsetChar, minLength: 9, maxLength: 9 }),
  )
  .map((parts) => parts.join(''));

describe('validateUscc: known codes', () => {
  it('accepts the published example 91350100M000100Y43', () => {
    // Values 9 1 3 5 0 1 0 0 M=21 0 0 0 1 0 0 Y=30 4 against weights 1 3 9 27 19 26 16 17 20 29 25 13
    // 8 24 10 30 28: Σ = 9+3+27+135+26+420+8+900+112 = 1640; 1640 mod 31 = 28; 31 − 28 = 3.
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
    expect(validateUscc('91350100M000100Y43')).toEqual({ ok: true, value: '91350100M000100Y43' });
  });

  it('accepts codes of registered enterprises quoted in many public sources', () => {
    // A random 18-character string passes MOD 31 one time in 31; these all do.
    for (const code of ['914403001922038216', '91110108551385082Q', '91440300708461136T']) {
      expect(isValidUscc(code)).toBe(true);
    }
  });

  it('rejects look-alike sample codes whose check character is wrong', () => {
    // Often copied as examples, but MOD 31 gives U and L as the check characters.
    expect(usccCheckChar('91110000100018128')).toBe('U');
    expect(validateUscc('911100001000181283')).toEqual({ ok: false, reason: 'checksum', position: 18 });
    expect(usccCheckChar('91110000100012345')).toBe('L');
    expect(validateUscc('91110000100012345X')).toEqual({ ok: false, reason: 'checksum', position: 18 });
  });

  it('normalises full width, lowercase and spaces', () => {
    for (const input of [
      '９１３５０１００Ｍ０００１００Ｙ４３',
      '91350100m000100y43',
      ' 9135 0100 M000 100Y 43 ',
      '913501-00M000100Y43',
    ]) {
      expect(validateUscc(input)).toEqual({ ok: true, value: '91350100M000100Y43' });
    }
  });
});

describe('validateUscc: rejections', () => {
  it.each([
    ['', 'empty', undefined],
    [' \u3000 ', 'empty', undefined],
    ['91350100M000100Y4', 'length', undefined],
    ['91350100M000100Y431', 'length', undefined],
    // lowercase i and o become I and O, which the standard leaves out.
    ['91350100i000100Y43', 'charset', 9],
    ['91350100M000100o43', 'charset', 16],
    ['91350100S000100Y43', 'charset', 9],
    ['91350100M000100V43', 'charset', 16],
    ['Z1350100M000100Y43', 'charset', 1],
    ['9135010_M000100Y43', 'charset', 8],
    // positions 3–8 are an administrative division code: digits only.
    ['91A50100M000100Y43', 'charset', 3],
    ['91350100M000100Y44', 'checksum', 18],
    ['91350100M000100Y4I', 'charset', 18],
  ])('%s → %s at %s', (input, reason, position) => {
    expect(validateUscc(input)).toEqual(
      position === undefined ? { ok: false, reason } : { ok: false, reason, position },
    );
  });

  it('usccCheckChar refuses a wrong length or a character outside the charset', () => {
    expect(() => usccCheckChar('91350100M000100Y')).toThrow(RangeError);
    expect(() => usccCheckChar('91350100M000100O4')).toThrow(RangeError);
  });
});

describe('validateUscc: properties', () => {
  it('a body with its computed check character validates', () => {
    fc.assert(
      fc.property(body17, (body) => {
        expect(validateUscc(body + usccCheckChar(body))).toEqual({ ok: true, value: body + usccCheckChar(body) });
      }),
    );
  });

  it('MOD 31 detects every single-character substitution', () => {
    const substitution = fc.tuple(body17, fc.nat(17), fc.constantFrom(...'0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'));
    fc.assert(
      fc.property(substitution, ([body, i, c]) => {
        const code = body + usccCheckChar(body);
        fc.pre(code[i] !== c);
        expect(isValidUscc(code.slice(0, i) + c + code.slice(i + 1))).toBe(false);
      }),
    );
  });

  it('the full-width, lowercase form of a valid code validates to the same value', () => {
    fc.assert(
      fc.property(body17, (body) => {
        const code = body + usccCheckChar(body);
        expect(validateUscc(fullWidth(code.toLowerCase()))).toEqual({ ok: true, value: code });
      }),
    );
  });
});
