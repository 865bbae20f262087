import { maskIdCard, maskPhone } from '@lianxin/shared';
import { sql } from 'drizzle-orm';
import { regionPathsOf } from '../regions/regions.repo.ts';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { localDate } from '../../platform/dates.ts';
import { auditExport } from '../../platform/excel/excel.import.ts';
import { exportWorkbook, templateWorkbook } from '../../platform/excel/excel.workbook.ts';
import type { PiiCipher } from '../../platform/pii.ts';
import { dictLabels } from '../dicts/dicts.service.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { qualifications } from './qualifications.table.ts';
import { certKeys, rosterSheet, templateSpec } from './roster.sheet.ts';
import { LEVELS } from './talent.rules.ts';
import { listWorkers, type WorkerFilter } from './workers.repo.ts';
import { normalIdNumber, workerFilter } from './workers.service.ts';

/** An export is the whole register in scope under the list's filters; past this it should be filtered down. */
export const ROSTER_EXPORT_LIMIT = 50_000;

export async function rosterTemplate(db: Db, ctx: Ctx) {
  return templateWorkbook(templateSpec(await rosterSheet(db, ctx.now)), ctx.locale);
}

/** Each worker's certificate per level: the latest not revoked, as the roster shows one per level. */
async function certificatesByWorker(db: Db, ids: readonly string[]) {
  const rows = ids.length
    ? await db
        .select()
        .from(qualifications)
        .where(
          sql`${qualifications.workerId} = any(${sql.param([...ids])}::uuid[]) and ${qualifications.revokedOn} is null`,
        )
    : [];
  const out = new Map<string, Map<string, (typeof rows)[number]>>();
  for (const c of rows) {
    const mine = out.get(c.workerId) ?? new Map();
    const held = mine.get(c.level);
    if (!held || c.obtainedOn > held.obtainedOn) mine.set(c.level, c);
    out.set(c.workerId, mine);
  }
  return out;
}

async function creditCodesOf(db: Db, ids: readonly (string | null)[]): Promise<Map<string, string | null>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map();
  const rows = await db
    .select({ id: organizations.id, creditCode: organizations.creditCode })
    .from(organizations)
    .where(sql`${organizations.id} = any(${sql.param(wanted)}::uuid[])`);
  return new Map(rows.map((o) => [o.id, o.creditCode]));
}

export type RosterExportFilter = Omit<WorkerFilter, 'page' | 'pageSize' | 'idNumberHash'> & { idNumber?: string };

/** The roster under the list's filters, ID numbers and phones masked as everywhere else; audited with the count. */
export async function exportRoster(db: Db, ctx: Ctx, pii: PiiCipher, filter: RosterExportFilter) {
  const today = localDate(ctx.now);
  const { idNumber } = filter;
  const f: WorkerFilter = { ...workerFilter(pii, filter), page: 1, pageSize: ROSTER_EXPORT_LIMIT };
  const [spec, { rows }, statuses] = await Promise.all([
    rosterSheet(db, ctx.now),
    listWorkers(db, ctx.actor.scopes, f, today),
    dictLabels(db, 'talent_worker_status'),
  ]);
  const [certs, regionPath] = await Promise.all([
    certificatesByWorker(
      db,
      rows.map((r) => r.id),
    ),
    regionPathsOf(
      db,
      rows.map((r) => r.regionCode),
    ),
  ]);
  const [levelLabels, creditCodes] = await Promise.all([
    dictLabels(db, 'qualification_level'),
    creditCodesOf(
      db,
      rows.map((r) => r.organizationId),
    ),
  ]);
  // Beside a masked ID number the birth date is eight of its digits: only who may reveal the number gets it.
  const birthDates = ctx.actor.permissions.has('pii:read');
  const label = (m: Map<string, { label: string; labelEn: string }>, code: string) =>
    (ctx.locale === 'zh-CN' ? m.get(code)?.label : m.get(code)?.labelEn) ?? code;
  const out = rows.map((r) => {
    const mine = certs.get(r.id) ?? new Map();
    const cells: Record<string, unknown> = {};
    for (const level of LEVELS) {
      const c = mine.get(level);
      const k = certKeys(level);
      if (c) Object.assign(cells, { [k.no]: c.certificateNo, [k.on]: c.obtainedOn, [k.year]: c.examYear });
    }
    const best = r.levelRank ? LEVELS[r.levelRank - 1] : null;
    return {
      ...r,
      ...cells,
      birthDate: birthDates ? r.birthDate : null,
      idNumber: maskIdCard(pii.decrypt(r.idNumberEnc)),
      phone: r.phoneEnc ? maskPhone(pii.decrypt(r.phoneEnc)) : null,
      regionPath: regionPath(r.regionCode),
      organizationCreditCode: r.organizationId ? creditCodes.get(r.organizationId) : null,
      organizationName: r.organizationName,
      stationName: r.stationName,
      currentLevel: best ? label(levelLabels, best) : '',
      status: label(statuses, r.status),
    };
  });
  // The filters are recorded, never an ID number typed into them: the audit log holds no personal data.
  await auditExport(db, ctx, 'worker', rows.length, {
    ...filter,
    ...(idNumber ? { idNumber: maskIdCard(normalIdNumber(idNumber)) } : {}),
  });
  return exportWorkbook(spec, out, ctx.locale);
}
