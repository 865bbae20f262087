import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskAddress, maskEmail, maskIdCard, maskName, maskPhone, maskUscc } from './masking.ts';
import { idCardCheckChar } from './validators/idcard.ts';

const masks = { maskIdCard, maskPhone, maskName, maskAddress, maskUscc, maskEmail };
// A clear value has no '*' of its own; the properties below are about clear values.
const clear = fc.string({ unit: 'grapheme', minLength: 2, maxLength: 40 }).filter((s) => !s.includes('*'));

describe('masking examples', () => {
  it('masks as DESIGN.md shows', () => {
    expect(maskIdCard('440102199001011234')).toBe('4****************4');
    expect(maskIdCard('110105491231002')).toBe('1*************2');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('138****5678');
  });

  it('keeps the area code and the last three digits of a landline', () => {
    expect(maskPhone('0758-2222333')).toBe('0758-****333');
    expect(maskPhone('020-87654321-806')).toBe('020-*****321-***');
    expect(maskPhone('400-820-8820')).toBe('400-***-8820');
    expect(maskPhone('12345')).toBe('1***5');
  });

  it('masks names, addresses, credit codes and e-mail addresses', () => {
    expect(maskName('张三丰')).toBe('张**');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('王')).toBe('*');
    expect(maskName('𠮷野家')).toBe('𠮷**');
    expect(maskAddress('广东省广州市越秀区中山五路1号')).toBe('广东省广州市****');
    expect(maskAddress('北京')).toBe('北****');
    expect(maskUscc('91350100M000100Y43')).toBe('91************0Y43');
    expect(maskEmail('zhangsan@example.com')).toBe('z***@example.com');
    expect(maskEmail('z@example.com')).toBe('*@example.com');
    expect(maskEmail('no-at-sign')).toBe('n*********');
  });

  it('tolerates empty, missing and very short input', () => {
    for (const mask of Object.values(masks)) {
      expect(mask('')).toBe('');
      expect(mask(null)).toBe('');
      expect(mask(undefined)).toBe('');
      expect(mask('1')).not.toBe('1');
    }
    expect(maskIdCard('12')).toBe('1*');
    expect(maskIdCard('1234567')).toBe('1*****7');
  });
});

describe('masking properties', () => {
  it('no mask returns a clear value of two or more characters, whole or inside its output', () => {
    fc.assert(
      fc.property(clear, fc.constantFrom(...Object.values(masks)), (s, mask) => {
        const out = mask(s);
        expect(out).toContain('*');
        expect(out.includes(s)).toBe(false);
      }),
    );
  });

  it('ID numbers keep their length and only their first and last characters', () => {
    const id = fc.stringMatching(/^[1-9]\d{16}$/).map((body) => body + idCardCheckChar(body));
    fc.assert(
      fc.property(id, (s) => {
        const out = maskIdCard(s);
        expect(out).toHaveLength(18);
        expect(out).toBe(`${s[0]}${'*'.repeat(16)}${s.slice(-1)}`);
      }),
    );
  });

  it('normalised phone numbers keep their length and their separators', () => {
    const phone = fc.oneof(
      fc.stringMatching(/^1[3-9]\d{9}$/),
      fc.stringMatching(/^(010|02\d)-[2-9]\d{7}(-\d{1,4})?$/),
      fc.stringMatching(/^0[3-9]\d\d-[2-9]\d{6,7}(-\d{1,4})?$/),
      fc.stringMatching(/^[48]00-\d{3}-\d{4}$/),
    );
    fc.assert(
      fc.property(phone, (s) => {
        const out = maskPhone(s);
        expect(out).toHaveLength(s.length);
        expect(out).not.toBe(s);
        expect(out.replace(/[^-]/g, '')).toBe(s.replace(/[^-]/g, ''));
        expect(out.match(/\*/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
      }),
    );
  });
});
