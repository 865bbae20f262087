import { z } from 'zod';
import { validateIdCard } from './idcard.ts';
import { validatePhone } from './phone.ts';
import { validateUscc } from './uscc.ts';

type Check = (s: string) => { ok: true; value: string } | { ok: false; reason: string; position?: number };

/**
 * A string schema whose output is the normalised value. `overwrite` rather than `transform` keeps
 * it a plain ZodString, so it can still be rendered as JSON Schema for the OpenAPI document in
 * both request and response position. Failures carry an i18n key (`validation.<field>.<reason>`)
 * as the message and the 1-based character position in `params`.
 */
function normalisedString(field: string, check: Check) {
  return z
    .string()
    .overwrite((s) => {
      const r = check(s);
      return r.ok ? r.value : s;
    })
    .superRefine((s, ctx) => {
      const r = check(s);
      if (r.ok) return;
      ctx.addIssue({
        code: 'custom',
        message: `validation.${field}.${r.reason}`,
        input: s,
        ...(r.position ? { params: { position: r.position } } : {}),
      });
    });
}

/** 身份证 / 居住证 / 永居证 number; outputs the 18- or 15-character uppercase form. */
export const zIdCard = normalisedString('idcard', (s) => validateIdCard(s));
/** 统一社会信用代码; outputs the 18-character uppercase form. */
export const zUscc = normalisedString('uscc', validateUscc);
/** Mainland mobile number only; outputs 11 digits. */
export const zMobile = normalisedString('mobile', (s) => {
  const r = validatePhone(s);
  return r.ok && r.kind !== 'mobile' ? { ok: false, reason: 'format' } : r;
});
/** A person's own number: mobile or landline, never a 400/800 or public hotline. */
export const zPersonalPhone = normalisedString('phone', (s) => {
  const r = validatePhone(s);
  return r.ok && r.kind === 'service' ? { ok: false, reason: 'format' } : r;
});
/** Mobile, landline, 400/800 or hotline number; outputs the form described in `validatePhone`. */
export const zPhone = normalisedString('phone', validatePhone);

/** The years a date of record can fall in; outside them a date is a typing error (or an attack). */
export const DAY_YEARS = { min: 1900, max: 2100 } as const;

const inYears = (year: number) => year >= DAY_YEARS.min && year <= DAY_YEARS.max;

/**
 * A calendar day, YYYY-MM-DD (dates of record, no time zone), between 1900 and 2100: the database
 * has no year 0000, and a year 1000 is never a date a social worker means.
 */
export const zDay = z.iso
  .date()
  .refine((s) => inYears(Number(s.slice(0, 4))), { message: 'validation.date.range', params: DAY_YEARS });

/** An instant given as a query (`from`, `to`): any form Date understands, between 1900 and 2100. */
export const zInstant = z.coerce
  .date()
  .refine((d) => inYears(d.getUTCFullYear()), { message: 'validation.date.range', params: DAY_YEARS });
