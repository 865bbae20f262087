import type { Pairing } from '../../../api/types';

/** The supporting side as a user names it: the region, or the organization (with the university for 一校两社). */
export function supporterOf(p: Pairing, separator: string): string {
  if (p.kind === 'region_region') return p.supporterRegionName;
  return [p.university?.name, p.organization?.name].filter(Boolean).join(separator);
}
