import type { Db } from '../../db/client.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import type { Ctx } from '../../platform/context.ts';
import { localDate } from '../../platform/dates.ts';
import { dictLabels, listDictItems } from '../dicts/dicts.service.ts';
import { ancestorCodes, findRegions } from '../regions/regions.repo.ts';
import { exportableOrganizations, exportableStations } from './directory.repo.ts';
import { toHsds } from './directory.mapping.ts';
import { HSDS_VERSION } from './directory.schema.ts';

export const GENERATOR = 'lianxin';

/** The download's name: lianxin-hsds-YYYYMMDD.json, dated in Asia/Shanghai. */
export function exportFileName(now: Date): string {
  return `lianxin-hsds-${localDate(now).replaceAll('-', '')}.json`;
}

/**
 * The directory of the caller's scope as one HSDS 3.0 document: organizations, the service
 * catalogue, stations as locations and the links between them. Hidden stations never leave;
 * neither do personal phone numbers. The export itself is audited (one row).
 */
export async function exportDirectory(db: Db, ctx: Ctx) {
  const scopes = ctx.actor.scopes;
  const stationRows = await exportableStations(db, scopes);
  const operatorIds = [...new Set(stationRows.map((s) => s.organizationId).filter((id): id is string => !!id))];
  const [orgRows, serviceRows, orgTypes, orgDomains, stationKinds] = await Promise.all([
    exportableOrganizations(db, scopes, operatorIds),
    listDictItems(db, 'station_service').then((d) => d.rows),
    dictLabels(db, 'org_type'),
    dictLabels(db, 'org_domain'),
    dictLabels(db, 'station_kind'),
  ]);
  const codes = new Set<string>();
  for (const s of stationRows) for (const c of [...ancestorCodes(s.regionCode), s.regionCode]) codes.add(c);
  const regions = await findRegions(db, [...codes]);
  const arrays = toHsds({
    organizations: orgRows,
    stations: stationRows,
    services: serviceRows.map((r) => ({ value: r.value, label: r.label, labelEn: r.labelEn, enabled: r.enabled })),
    orgTypes,
    orgDomains,
    stationKinds,
    regionNames: new Map(regions.map((r) => [r.code, r.name])),
  });
  await db.transaction(async (tx) => {
    await writeAudit(tx, ctx, {
      action: 'export',
      entity: 'directory',
      regionCode: ctx.actor.regionCode || null,
      detail: {
        format: `hsds-${HSDS_VERSION}`,
        organizations: arrays.organizations.length,
        locations: arrays.locations.length,
        services: arrays.services.length,
      },
    });
  });
  return {
    hsds_version: HSDS_VERSION,
    generator: GENERATOR,
    generated_at: ctx.now.toISOString(),
    region_scopes: [...scopes],
    ...arrays,
  };
}
