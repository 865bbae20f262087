import { describe, expect, it } from 'vitest';
import { BUILTIN_ROLES, dutyConflict } from './permissions.ts';

describe('dutyConflict (三员分立)', () => {
  it('accepts every built-in role on its own', () => {
    for (const [code, role] of Object.entries(BUILTIN_ROLES)) expect(dutyConflict(role.permissions), code).toBeNull();
  });

  it('accepts business and user-management permissions without an administrator duty', () => {
    expect(
      dutyConflict([...BUILTIN_ROLES.region_admin.permissions, ...BUILTIN_ROLES.social_worker.permissions]),
    ).toBeNull();
  });

  it('refuses two administrator duties together', () => {
    expect(dutyConflict([...BUILTIN_ROLES.sysadmin.permissions, ...BUILTIN_ROLES.auditor.permissions])).toBe(
      'two_duties',
    );
    expect(dutyConflict(['system:dict:edit', 'monitor:online:force-logout'])).toBe('two_duties');
  });

  it('refuses an administrator duty with personal data or business permissions', () => {
    expect(dutyConflict([...BUILTIN_ROLES.sysadmin.permissions, 'pii:read'])).toBe('duty_and_business');
    expect(dutyConflict(['log:audit:verify', 'network:station:list'])).toBe('duty_and_business');
    expect(dutyConflict([...BUILTIN_ROLES.secadmin.permissions, ...BUILTIN_ROLES.social_worker.permissions])).toBe(
      'duty_and_business',
    );
  });
});
