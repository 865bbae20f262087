import { maskPhone } from '@lianxin/shared';
import { inScope } from '../../platform/access.ts';
import type { Actor } from '../../platform/context.ts';
import type { PiiCipher } from '../../platform/pii.ts';
import type { OrganizationRow } from './organizations.repo.ts';

export type OrganizationType = 'agency' | 'social_org' | 'university' | 'enterprise' | 'charity' | 'government';

export interface OrganizationExtras {
  regionNames: Map<string, string>;
  stationCounts: Map<string, number>;
}

/** The contact phone is a person's number: always masked here, revealed only by the audited action. */
export function presentOrganization(r: OrganizationRow, x: OrganizationExtras, viewer: Actor, pii: PiiCipher) {
  return {
    id: r.id,
    type: r.type as OrganizationType,
    name: r.name,
    creditCode: r.creditCode,
    registrationAuthority: r.registrationAuthority,
    registeredOn: r.registeredOn,
    domains: r.domains,
    contactName: r.contactName,
    contactPhone: r.contactPhoneEnc ? maskPhone(pii.decrypt(r.contactPhoneEnc)) : null,
    address: r.address,
    regionCode: r.regionCode,
    regionName: x.regionNames.get(r.regionCode) ?? r.regionCode,
    stationCount: x.stationCounts.get(r.id) ?? 0,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
    abilities: {
      // Organizations registered above the viewer's scope are readable, not editable.
      update: viewer.permissions.has('network:org:update') && inScope(r.regionCode, viewer.scopes),
      revealPhone: viewer.permissions.has('pii:read') && !!r.contactPhoneEnc,
    },
  };
}

export type OrganizationDto = ReturnType<typeof presentOrganization>;
