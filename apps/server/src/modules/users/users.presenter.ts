import { maskPhone, type Permission } from '@lianxin/shared';
import type { Actor } from '../../platform/context.ts';
import { mayManage } from './users.access.ts';
import type { PiiCipher } from '../../platform/pii.ts';
import type { UserRow } from './users.repo.ts';

export interface UserExtras {
  roles: { userId: string; id: string; code: string; name: string; nameEn: string; permissions: string[] }[];
  scopes: { userId: string; regionCode: string }[];
  regionNames: Map<string, string>;
}

/** Never the raw row: no hashes or secrets, the phone masked, abilities computed for the viewer. */
export function presentUser(u: UserRow, x: UserExtras, viewer: Actor, pii: PiiCipher, now: Date) {
  const self = u.id === viewer.id;
  const roles = x.roles.filter((r) => r.userId === u.id);
  const scopes = x.scopes.filter((s) => s.userId === u.id).map((s) => s.regionCode);
  const manage = mayManage(viewer, { scopes, permissions: roles.flatMap((r) => r.permissions) }) === 'yes';
  const may = (p: Permission) => viewer.permissions.has(p) && manage;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    regionCode: u.regionCode,
    regionName: u.regionCode === '' ? '全国' : (x.regionNames.get(u.regionCode) ?? u.regionCode),
    status: u.status as 'active' | 'disabled',
    locked: !!u.lockedUntil && u.lockedUntil > now,
    isDemo: u.isDemo,
    phone: u.phoneEnc ? maskPhone(pii.decrypt(u.phoneEnc)) : null,
    roles: roles.map(({ id, code, name, nameEn }) => ({ id, code, name, nameEn })),
    scopes,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    version: u.version,
    abilities: {
      update: may('system:user:update'),
      resetPassword: may('system:user:reset-password') && !self,
      resetTotp: may('system:user:reset-password') && !self && u.totpEnabled,
      assignRole: may('system:user:assign-role') && !self,
      revealPhone: may('pii:read') && may('system:user:update') && !!u.phoneEnc,
    },
  };
}

export type UserDto = ReturnType<typeof presentUser>;
