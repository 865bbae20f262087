import { inScope } from '../../platform/access.ts';
import type { Actor } from '../../platform/context.ts';
import type { DeliveredTotals, DeliveryRow, PairingRow } from './pairings.repo.ts';

export type PairingKind = 'region_region' | 'org_community' | 'school_org_community';

export interface PairingExtras {
  regionNames: Map<string, string>;
  organizationNames: Map<string, string>;
  delivered: Map<string, DeliveredTotals>;
}

const NONE: DeliveredTotals = { deliveries: 0, supervisorsSent: 0, peopleTrained: 0, fundingFen: 0 };

export function presentPairing(r: PairingRow, x: PairingExtras, viewer: Actor) {
  const org = (id: string | null) => (id ? { id, name: x.organizationNames.get(id) ?? '' } : null);
  return {
    id: r.id,
    kind: r.kind as PairingKind,
    name: r.name,
    regionCode: r.regionCode,
    regionName: x.regionNames.get(r.regionCode) ?? r.regionCode,
    supporterRegionCode: r.supporterRegionCode,
    supporterRegionName: x.regionNames.get(r.supporterRegionCode) ?? r.supporterRegionCode,
    organization: org(r.organizationId),
    university: org(r.universityId),
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    planned: { supervisorsSent: r.supervisorsSent, peopleTrained: r.peopleTrained, fundingFen: r.fundingFen },
    delivered: x.delivered.get(r.id) ?? NONE,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
    abilities: {
      edit:
        viewer.permissions.has('network:pairing:edit') &&
        (inScope(r.regionCode, viewer.scopes) || inScope(r.supporterRegionCode, viewer.scopes)),
    },
  };
}

export function presentDelivery(d: DeliveryRow) {
  return {
    id: d.id,
    deliveredOn: d.deliveredOn,
    supervisorsSent: d.supervisorsSent,
    peopleTrained: d.peopleTrained,
    fundingFen: d.fundingFen,
    note: d.note,
    actorName: d.actorName,
    createdAt: d.createdAt.toISOString(),
  };
}
