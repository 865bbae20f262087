import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { validationMessages } from './messages.ts';
import { zDay, zIdCard, zInstant, zMobile, zPersonalPhone, zPhone, zUscc } from './zod.ts';

const person = z.object({ idNo: zIdCard, phone: zPhone.optional(), creditCode: zUscc.optional() });

describe('zod schemas', () => {
  it('output the normalised value', () => {
    expect(
      person.parse({
        idNo: '１１０１０５１９４９１２３１００２ｘ',
        phone: '0758 2222333',
        creditCode: '91350100m000100y43',
      }),
    ).toEqual({
      idNo: '11010519491231002X',
      phone: '0758-2222333',
      creditCode: '91350100M000100Y43',
    });
    expect(zMobile.parse('+86 138 1234 5678')).toBe('13812345678');
  });

  it('report an i18n key, the field path and the failing position', () => {
    const r = person.safeParse({ idNo: '110105194912310021', creditCode: '91350100i000100Y43' });
    expect(r.success).toBe(false);
    expect(r.error?.issues).toEqual([
      expect.objectContaining({
        code: 'custom',
        path: ['idNo'],
        message: 'validation.idcard.checksum',
        params: { position: 18 },
      }),
      expect.objectContaining({
        code: 'custom',
        path: ['creditCode'],
        message: 'validation.uscc.charset',
        params: { position: 9 },
      }),
    ]);
  });

  it('leave params out when there is no position', () => {
    const r = z.object({ phone: zPhone }).safeParse({ phone: '' });
    expect(r.error?.issues).toEqual([expect.objectContaining({ path: ['phone'], message: 'validation.phone.empty' })]);
    expect(r.error?.issues[0]).not.toHaveProperty('params');
  });

  it('zMobile refuses a valid landline, zPhone takes it', () => {
    expect(zMobile.safeParse('0758-2222333').error?.issues[0].message).toBe('validation.mobile.format');
    expect(zPhone.safeParse('0758-2222333').data).toBe('0758-2222333');
  });

  it('zPersonalPhone takes a mobile or landline but not a hotline a person cannot own', () => {
    expect(zPersonalPhone.safeParse('0758-2222333').data).toBe('0758-2222333');
    expect(zPersonalPhone.safeParse('+86 138 1234 5678').data).toBe('13812345678');
    expect(zPersonalPhone.safeParse('12345').error?.issues[0].message).toBe('validation.phone.format');
    expect(zPersonalPhone.safeParse('400-810-8888').error?.issues[0].message).toBe('validation.phone.format');
  });

  it('still reject a value that is not a string with zod’s own issue', () => {
    expect(person.safeParse({ idNo: 11010519491231 }).error?.issues[0]).toMatchObject({
      code: 'invalid_type',
      path: ['idNo'],
    });
  });

  it('stay plain strings in JSON Schema, for the OpenAPI document', () => {
    for (const io of ['input', 'output'] as const) {
      expect(z.toJSONSchema(person, { io }).properties).toMatchObject({ idNo: { type: 'string' } });
    }
  });
});

describe('dates of record', () => {
  it('takes days and instants from 1900 to 2100 only: the database has no year 0000', () => {
    expect(['1900-01-01', '2026-02-28', '2100-12-31'].map((d) => zDay.safeParse(d).success)).toEqual([
      true,
      true,
      true,
    ]);
    for (const d of ['0000-01-01', '1000-01-01', '1899-12-31', '2101-01-01']) {
      expect(zDay.safeParse(d).error?.issues[0]).toMatchObject({ message: 'validation.date.range' });
      expect(zInstant.safeParse(d).success).toBe(false);
    }
    expect(zInstant.parse('2026-03-01T02:00:00Z')).toEqual(new Date('2026-03-01T02:00:00Z'));
  });
});

describe('validationMessages', () => {
  const keys = [
    ...['empty', 'length', 'format', 'region', 'birthdate', 'checksum'].map((r) => `validation.idcard.${r}`),
    ...['empty', 'length', 'charset', 'checksum'].map((r) => `validation.uscc.${r}`),
    ...['empty', 'format'].flatMap((r) => [`validation.phone.${r}`, `validation.mobile.${r}`]),
    'validation.date.range',
  ];

  it('has a zh-CN and an en-US text for every key the schemas emit', () => {
    for (const locale of ['zh-CN', 'en-US'] as const) {
      expect(Object.keys(validationMessages[locale]).sort()).toEqual([...keys].sort());
    }
  });

  it('names the position wherever the validator reports one', () => {
    for (const key of [
      'validation.idcard.checksum',
      'validation.idcard.format',
      'validation.uscc.charset',
      'validation.uscc.checksum',
    ]) {
      expect(validationMessages['zh-CN'][key]).toContain('{{position}}');
      expect(validationMessages['en-US'][key]).toContain('{{position}}');
    }
  });
});
