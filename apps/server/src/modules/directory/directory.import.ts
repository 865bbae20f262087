import type { Db } from '../../db/client.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { inScope } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, type FieldError } from '../../platform/errors.ts';
import { listDictItems } from '../dicts/dicts.service.ts';
import {
  checkInput as checkOrganization,
  columns as organizationColumns,
} from '../organizations/organizations.service.ts';
import { organizations } from '../organizations/organizations.table.ts';
import type { ParamsCache } from '../params/params.service.ts';
import { unscopedFindOrganizationsByIdOrCode } from './directory.repo.ts';
import { serviceId } from './directory.mapping.ts';
import { type ParsedDocument, type ParsedOrganization, parseDocument } from './directory.parse.ts';
import { importStations } from './directory.import-stations.ts';
import { HSDS_ARRAYS, HSDS_VERSION, schemaErrors } from './directory.schema.ts';
import { type Counts, collecting, type ImportReport, outOfScope } from './directory.collect.ts';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const sortedSame = (a: string[], b: string[]) => same([...a].sort(), [...b].sort());

/** Fields of ours that the document carries (and so may change); the contact's phone is not one of them. */
function organizationChanges(
  row: typeof organizations.$inferSelect,
  next: ReturnType<typeof organizationColumns>,
): string[] {
  return (Object.keys(next) as (keyof typeof next)[]).filter((k) =>
    k === 'domains' ? !sortedSame(row.domains, next.domains) : !same(row[k], next[k]),
  );
}

/**
 * Organizations: matched by id, else by credit code. One outside the caller's scope may be named
 * (a city agency running a town's station) but not changed. Returns document id → our id.
 */
async function importOrganizations(tx: Db, ctx: Ctx, list: ParsedOrganization[], counts: Counts, errors: FieldError[]) {
  const ids = new Map<string, string>();
  const found = await unscopedFindOrganizationsByIdOrCode(
    tx,
    list.map((o) => o.id),
    list.map((o) => o.input.creditCode).filter((c): c is string => !!c),
  );
  const codesSeen = new Map<string, string>();
  for (const o of list) {
    await collecting(errors, o, async () => {
      const code = o.input.creditCode;
      if (code && codesSeen.has(code))
        throw new AppError('DUPLICATE', {
          errors: [
            { path: 'creditCode', message: 'validation.hsds.duplicateCreditCode', params: { at: codesSeen.get(code) } },
          ],
        });
      if (code) codesSeen.set(code, o.root);
      const row = found.find((r) => r.id === o.id) ?? (code ? found.find((r) => r.creditCode === code) : undefined);
      const next = organizationColumns(o.input);
      if (row && !inScope(row.regionCode, ctx.actor.scopes)) {
        // Named but not ours to change: fine when the document says what we already hold.
        if (organizationChanges(row, next).length > 0)
          throw new AppError('VALIDATION', { errors: [outOfScope(`${o.root}/id`)] });
        ids.set(o.id, row.id);
        counts.unchanged++;
        return;
      }
      await checkOrganization(tx, ctx, o.input, row?.id);
      ids.set(o.id, row?.id ?? o.id);
      if (!row) {
        await tx.insert(organizations).values({ id: o.id, ...next, createdAt: ctx.now, updatedAt: ctx.now });
        await writeAudit(tx, ctx, {
          action: 'create',
          entity: 'organization',
          entityIds: [o.id],
          regionCode: next.regionCode,
          fields: Object.keys(next),
          detail: { name: next.name, creditCode: next.creditCode, source: 'hsds' },
        });
        counts.created++;
        return;
      }
      const changed = organizationChanges(row, next);
      if (changed.length === 0) {
        counts.unchanged++;
        return;
      }
      // Another edit since the document's records were looked up refuses this one (VERSION_CONFLICT).
      await updateVersioned(tx, organizations, row.id, row.version, { ...next, updatedAt: ctx.now });
      await writeAudit(tx, ctx, {
        action: 'update',
        entity: 'organization',
        entityIds: [row.id],
        regionCode: next.regionCode,
        fields: changed,
        detail: { source: 'hsds' },
      });
      counts.updated++;
    });
  }
  return ids;
}

/**
 * Services are the station_service dictionary, which only the dictionary administrator edits: each
 * must name one of its values (by our id, its code attribute, or its label). Returns id → value.
 */
async function matchServices(tx: Db, list: ParsedDocument['services'], counts: Counts, errors: FieldError[]) {
  const { rows: items } = await listDictItems(tx, 'station_service', true);
  const values = new Map<string, string>();
  for (const s of list) {
    const item = items.find((i) => serviceId(i.value) === s.id || i.value === s.code || i.label === s.name);
    if (!item) errors.push({ path: `${s.root}/name`, message: 'validation.station.unknownService' });
    else {
      values.set(s.id, item.value);
      counts.unchanged++;
    }
  }
  return values;
}

const emptyReport = (): ImportReport =>
  Object.fromEntries(HSDS_ARRAYS.map((k) => [k, { created: 0, updated: 0, unchanged: 0 }])) as ImportReport;

class DryRun extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

const refuse = (errors: FieldError[]) => new AppError('VALIDATION', { errors });

/**
 * Imports an HSDS 3.0 document into the caller's scope: all or nothing, in one transaction, each
 * change audited in it. Records are matched by their HSDS id (our UUIDs; credit code for
 * organizations), so re-importing an export changes nothing. A dry run does the same work and
 * rolls it back, reporting what would change.
 */
export async function importDirectory(db: Db, ctx: Ctx, params: ParamsCache, doc: unknown, dryRun: boolean) {
  const shapeErrors = schemaErrors(doc);
  if (shapeErrors.length) throw refuse(shapeErrors);
  const { parsed, errors: formErrors } = parseDocument(doc as Record<string, any>);
  if (formErrors.length) throw refuse(formErrors);
  // Read before the transaction: the parameter cache reads through the outer connection.
  const maxKm = await params.int('network.coord.maxDistanceKm');
  const fixedParams = { int: async () => maxKm };
  try {
    const report = await db.transaction(async (tx) => {
      const report = emptyReport();
      const errors: FieldError[] = [];
      const orgIds = await importOrganizations(tx, ctx, parsed.organizations, report.organizations, errors);
      const services = await matchServices(tx, parsed.services, report.services, errors);
      await importStations(tx, ctx, fixedParams, parsed, { orgIds, services }, report, errors);
      if (errors.length) throw refuse(errors);
      await writeAudit(tx, ctx, {
        action: 'import',
        entity: 'directory',
        regionCode: ctx.actor.regionCode || null,
        detail: { format: `hsds-${HSDS_VERSION}`, ...report },
      });
      if (dryRun) throw new DryRun(report);
      return report;
    });
    return { dryRun: false, ...report };
  } catch (err) {
    if (err instanceof DryRun) return { dryRun: true, ...err.report };
    throw err;
  }
}
