import { isRegionCode, validateIdCard, validatePhone, validateUscc } from '@lianxin/shared';
import type { CheckResult } from './excel.columns.ts';

/**
 * Cell checks built on the shared validators, so a sheet refuses exactly what a form refuses and
 * says so with the same words (the character position of a wrong credit code, …).
 */
type Shared = { ok: true; value: string } | { ok: false; reason: string; position?: number };

function fromShared(field: string, r: Shared): CheckResult<string> {
  if (r.ok) return { ok: true, value: r.value };
  return {
    ok: false,
    message: `validation.${field}.${r.reason}`,
    ...(r.position ? { params: { position: r.position } } : {}),
  };
}

export const checkUscc = (s: string) => fromShared('uscc', validateUscc(s));

export const checkIdCard = (today: Date) => (s: string) => fromShared('idcard', validateIdCard(s, today));

/** A station's public number may be a hotline; a person's may not (`personal`). */
export const checkPhone =
  (personal = false) =>
  (s: string): CheckResult<string> => {
    const r = validatePhone(s);
    return fromShared('phone', r.ok && personal && r.kind === 'service' ? { ok: false, reason: 'format' } : r);
  };

export const checkMobile = (s: string): CheckResult<string> => {
  const r = validatePhone(s);
  return fromShared('mobile', r.ok && r.kind !== 'mobile' ? { ok: false, reason: 'format' } : r);
};

export const checkRegionCode = (s: string): CheckResult<string> =>
  isRegionCode(s) ? { ok: true, value: s } : { ok: false, message: 'validation.region.unknown' };
