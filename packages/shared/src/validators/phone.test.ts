import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isLandline, isMobile, validatePhone } from './phone.ts';

const fullWidth = (s: string) => s.replace(/[0-9+\-()]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const mobile = fc.stringMatching(/^1[3-9]\d{9}$/);

describe('validatePhone', () => {
  it.each([
    ['13812345678', '13812345678', 'mobile'],
    ['+86 138 1234 5678', '13812345678', 'mobile'],
    ['0086-13812345678', '13812345678', 'mobile'],
    ['86-138-1234-5678', '13812345678', 'mobile'],
    ['8613812345678', '13812345678', 'mobile'],
    ['１３８ １２３４ ５６７８', '13812345678', 'mobile'],
    ['0758-2222333', '0758-2222333', 'landline'],
    ['07582222333', '0758-2222333', 'landline'],
    ['０７５８－２２２２３３３', '0758-2222333', 'landline'],
    ['(0758)2222333', '0758-2222333', 'landline'],
    ['0758-2222333-123', '0758-2222333-123', 'landline'],
    ['0758-2222333转123', '0758-2222333-123', 'landline'],
    ['010-62345678', '010-62345678', 'landline'],
    ['02087654321', '020-87654321', 'landline'],
    ['020-8765-4321', '020-87654321', 'landline'],
    ['+86 10 62345678', '010-62345678', 'landline'],
    ['+86 (758) 2222333', '0758-2222333', 'landline'],
    ['400-820-8820', '400-820-8820', 'service'],
    ['4008208820', '400-820-8820', 'service'],
    ['800 810 8888', '800-810-8888', 'service'],
    ['12345', '12345', 'service'],
    ['12356', '12356', 'service'],
    ['96110', '96110', 'service'],
  ])('%s → %s (%s)', (input, value, kind) => {
    expect(validatePhone(input)).toEqual({ ok: true, value, kind });
  });

  it.each([
    ['', 'empty'],
    ['  ', 'empty'],
    ['12812345678', 'format'], // no mobile network starts 12
    ['1381234567', 'format'], // ten digits
    ['138123456789', 'format'],
    ['+1 138 1234 5678', 'format'],
    ['010-6234567', 'format'], // three-digit areas have eight-digit numbers
    ['0758-222233', 'format'],
    ['0758-12223333', 'format'], // local numbers do not start with 1
    ['075-82222333', 'format'], // 075 is not an area code
    ['(0758-2222333', 'format'],
    ['4008208', 'format'],
    ['12306x', 'format'],
    ['95588', 'format'],
    ['+86 12345', 'format'],
    ['电话', 'format'],
  ])('%s → %s', (input, reason) => {
    expect(validatePhone(input)).toEqual({ ok: false, reason });
  });
});

describe('isMobile / isLandline', () => {
  it('separates mobiles from fixed-network numbers', () => {
    expect(isMobile('+86 13812345678')).toBe(true);
    expect(isMobile('0758-2222333')).toBe(false);
    expect(isMobile('')).toBe(false);
    expect(isLandline('0758-2222333')).toBe(true);
    expect(isLandline('400-820-8820')).toBe(true);
    expect(isLandline('13812345678')).toBe(false);
  });

  it('any 1[3-9] + 9 digits is a mobile, however it is typed', () => {
    const dress = fc.constantFrom(
      (m: string) => m,
      (m: string) => `+86${m}`,
      (m: string) => `0086 ${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`,
      (m: string) => `86-${m.slice(0, 3)}-${m.slice(3)}`,
      (m: string) => fullWidth(`+86-${m}`),
    );
    fc.assert(
      fc.property(mobile, dress, (m, f) => {
        expect(isMobile(f(m))).toBe(true);
        expect(validatePhone(f(m))).toEqual({ ok: true, value: m, kind: 'mobile' });
      }),
    );
  });

  it('a landline keeps its area code and number apart in the normalised value', () => {
    const landline = fc.oneof(
      fc.tuple(fc.constantFrom('010', '020', '021', '029'), fc.stringMatching(/^[2-9]\d{7}$/)),
      fc.tuple(fc.stringMatching(/^0[3-9]\d\d$/), fc.stringMatching(/^[2-9]\d{6,7}$/)),
    );
    fc.assert(
      fc.property(landline, fc.constantFrom('', '-', ' '), ([area, number], sep) => {
        expect(validatePhone(area + sep + number)).toEqual({ ok: true, value: `${area}-${number}`, kind: 'landline' });
        expect(isMobile(area + number)).toBe(false);
      }),
    );
  });
});
