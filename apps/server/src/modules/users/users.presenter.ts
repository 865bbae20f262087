import { maskPhone } from '@lianxin/shared';
import type { Actor } from '../../platform/context.ts';
import type { PiiCipher } from '../../platform/pii.ts';
import type { UserRow } from './users.repo.ts';

export interface UserExtras {
  roles: { userId: string; id: string; code: string; name: string; nameEn: string }[];
  scopes: { userId: string; regionCode: string }[];
  regionNames: Map<string, string>;
}

/** Never the raw row: no hashes or secrets, the phone masked, abilities computed for the viewer. */
export function presentUser(u: UserRow, x: UserExtras, viewer: Actor, pii: PiiCipher, now: Date) {
  const self = u.id === viewer.id;
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
    roles: x.roles.filter((r) => r.userId === u.id).map(({ id, code, name, nameEn }) => ({ id, code, name, nameEn })),
    scopes: x.scopes.filter((s) => s.userId === u.id).map((s) => s.regionCode),
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    version: u.version,
    abilities: {
      update: viewer.permissions.has('system:user:update'),
      resetPassword: viewer.permissions.has('system:user:reset-password') && !self,
      assignRole: viewer.permissions.has('system:user:assign-role') && !self,
      revealPhone: viewer.permissions.has('pii:read') && !!u.phoneEnc,
    },
  };
}

export type UserDto = ReturnType<typeof presentUser>;
