import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/sql.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { filledFields, writeAudit } from '../../platform/audit/audit.service.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, assertVersion, notFound } from '../../platform/errors.ts';
import { type PiiCipher, sealedColumns } from '../../platform/pii.ts';
import { assertDictValues } from '../dicts/dicts.service.ts';
import { findRegions } from '../regions/regions.repo.ts';
import { regionInScope } from '../regions/regions.service.ts';
import { type OrganizationType, presentOrganization } from './organizations.presenter.ts';
import {
  findOrganization,
  findVisibleOrganizations,
  listOrganizations,
  type OrganizationFilter,
  type OrganizationRow,
  stationCounts,
  unscopedCreditCodeTaken,
} from './organizations.repo.ts';
import { organizations } from './organizations.table.ts';

async function presentOrganizations(db: Db, ctx: Ctx, pii: PiiCipher, rows: OrganizationRow[]) {
  const [regions, counts] = await Promise.all([
    findRegions(db, [...new Set(rows.map((r) => r.regionCode))]),
    stationCounts(
      db,
      ctx.actor.scopes,
      rows.map((r) => r.id),
    ),
  ]);
  const extras = { regionNames: new Map(regions.map((r) => [r.code, r.name])), stationCounts: counts };
  return rows.map((r) => presentOrganization(r, extras, ctx.actor, pii));
}

export async function listOrganizationsFor(db: Db, ctx: Ctx, pii: PiiCipher, filter: OrganizationFilter) {
  const { rows, total } = await listOrganizations(db, ctx.actor.scopes, filter);
  return { rows: await presentOrganizations(db, ctx, pii, rows), total };
}

async function getVisible(db: Db, ctx: Ctx, id: string): Promise<OrganizationRow> {
  const [row] = await findVisibleOrganizations(db, ctx.actor.scopes, [id]);
  if (!row) throw notFound();
  return row;
}

export async function getOrganization(db: Db, ctx: Ctx, pii: PiiCipher, id: string) {
  const [dto] = await presentOrganizations(db, ctx, pii, [await getVisible(db, ctx, id)]);
  return dto;
}

export interface OrganizationInput {
  type: OrganizationType;
  name: string;
  creditCode?: string | null;
  registrationAuthority?: string;
  registeredOn?: string | null;
  domains?: string[];
  contactName?: string;
  /** undefined keeps the stored number; null removes it. */
  contactPhone?: string | null;
  address?: string;
  regionCode: string;
}

const creditCodeTaken = () =>
  new AppError('DUPLICATE', { errors: [{ path: 'creditCode', message: 'validation.org.creditCodeTaken' }] });

export async function checkInput(db: Db, ctx: Ctx, input: OrganizationInput, exceptId?: string) {
  await regionInScope(db, ctx, input.regionCode);
  await assertDictValues(db, 'org_domain', input.domains ?? [], 'domains', 'validation.org.unknownDomain');
  if (input.creditCode && (await unscopedCreditCodeTaken(db, input.creditCode, exceptId))) throw creditCodeTaken();
}

export function columns(input: OrganizationInput) {
  return {
    type: input.type,
    name: input.name,
    creditCode: input.creditCode ?? null,
    registrationAuthority: input.registrationAuthority ?? '',
    registeredOn: input.registeredOn ?? null,
    domains: [...new Set(input.domains ?? [])],
    contactName: input.contactName ?? '',
    address: input.address ?? '',
    regionCode: input.regionCode,
  };
}

/** Two concurrent registrations of one code both pass the pre-check; the unique index decides. */
async function mapDuplicate<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (isUniqueViolation(err, 'organizations_credit_code_uq')) throw creditCodeTaken();
    throw err;
  }
}

export async function createOrganization(db: Db, ctx: Ctx, pii: PiiCipher, input: OrganizationInput) {
  await checkInput(db, ctx, input);
  const id = await mapDuplicate(
    db.transaction(async (tx) => {
      const [row] = await tx
        .insert(organizations)
        .values({
          ...columns(input),
          ...sealedColumns(pii, 'contactPhone', input.contactPhone),
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning({ id: organizations.id });
      await writeAudit(tx, ctx, {
        action: 'create',
        entity: 'organization',
        entityIds: [row.id],
        regionCode: input.regionCode,
        fields: filledFields(input),
        detail: { name: input.name, creditCode: input.creditCode ?? null },
      });
      return row.id;
    }),
  );
  return getOrganization(db, ctx, pii, id);
}

/** Fields left out of an update keep their stored values. */
function withStored(row: OrganizationRow, input: OrganizationInput): OrganizationInput {
  const keep = <T>(value: T | undefined, stored: T) => (value === undefined ? stored : value);
  return {
    ...input,
    creditCode: keep(input.creditCode, row.creditCode),
    registrationAuthority: keep(input.registrationAuthority, row.registrationAuthority),
    registeredOn: keep(input.registeredOn, row.registeredOn),
    domains: keep(input.domains, row.domains),
    contactName: keep(input.contactName, row.contactName),
    address: keep(input.address, row.address),
  };
}

export async function updateOrganization(
  db: Db,
  ctx: Ctx,
  pii: PiiCipher,
  id: string,
  body: OrganizationInput & { version?: number },
) {
  const row = await findOrganization(db, ctx.actor.scopes, id);
  if (!row) throw notFound();
  await assertVersion(row.version, body.version, () => getOrganization(db, ctx, pii, id));
  const input = withStored(row, body);
  await checkInput(db, ctx, input, id);
  const next = columns(input);
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
    (k) => JSON.stringify(row[k]) !== JSON.stringify(next[k]),
  );
  if (input.contactPhone !== undefined) changed.push('contactPhone' as never);
  await mapDuplicate(
    db.transaction(async (tx) => {
      await updateVersioned(tx, organizations, id, row.version, {
        ...next,
        ...sealedColumns(pii, 'contactPhone', input.contactPhone),
        updatedAt: ctx.now,
      });
      await writeAudit(tx, ctx, {
        action: 'update',
        entity: 'organization',
        entityIds: [id],
        regionCode: input.regionCode,
        fields: changed,
      });
    }),
  );
  return getOrganization(db, ctx, pii, id);
}

/** Reveals the contact's number in clear; the read is audited in the same transaction. */
export async function revealOrganizationField(db: Db, ctx: Ctx, pii: PiiCipher, id: string, field: 'contactPhone') {
  const row = await getVisible(db, ctx, id);
  return db.transaction(async (tx) => {
    await writeAudit(tx, ctx, {
      action: 'reveal',
      entity: 'organization',
      entityIds: [id],
      regionCode: row.regionCode,
      fields: [field],
    });
    return { value: row.contactPhoneEnc ? pii.decrypt(row.contactPhoneEnc) : null };
  });
}
