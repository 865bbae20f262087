import { describe, expect, it } from 'vitest';
import { BUILTIN_ROLES, totpRequiredFor } from './permissions.ts';

describe('totpRequiredFor', () => {
  it('asks TOTP of every built-in role that reads personal data, manages users or holds an administrator duty', () => {
    const required = Object.entries(BUILTIN_ROLES)
      .filter(([, r]) => totpRequiredFor(r.permissions))
      .map(([code]) => code)
      .sort();
    expect(required).toEqual(['auditor', 'region_admin', 'secadmin', 'social_worker', 'station_head', 'sysadmin']);
  });

  it('follows the permissions, whatever the role is called', () => {
    expect(totpRequiredFor(['system:dict:list', 'pii:read'])).toBe(true);
    expect(totpRequiredFor(['system:user:assign-role'])).toBe(true);
    expect(totpRequiredFor(['log:login:list'])).toBe(true);
    expect(totpRequiredFor(new Set(['network:station:list', 'talent:worker:list']))).toBe(false);
    expect(totpRequiredFor([])).toBe(false);
  });
});
