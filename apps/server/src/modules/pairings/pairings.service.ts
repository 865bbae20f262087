import type { Db } from '../../db/client.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { inScope } from '../../platform/access.ts';
import { filledFields, writeAudit } from '../../platform/audit/audit.service.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, assertVersion, notFound, validationError } from '../../platform/errors.ts';
import { findVisibleOrganizations, unscopedFindOrganization } from '../organizations/organizations.repo.ts';
import { findRegions } from '../regions/regions.repo.ts';
import { validateRegionCode } from '../regions/regions.service.ts';
import { type PairingKind, presentDelivery, presentPairing } from './pairings.presenter.ts';
import {
  deliveredTotals,
  deliveriesOf,
  findPairing,
  listPairings,
  type PairingFilter,
  type PairingRow,
  unscopedOrganizationNames,
} from './pairings.repo.ts';
import { pairingDeliveries, pairings } from './pairings.table.ts';

async function presentPairings(db: Db, ctx: Ctx, rows: PairingRow[]) {
  const orgIds = rows.flatMap((r) => [r.organizationId, r.universityId]).filter((id): id is string => !!id);
  const [regions, organizationNames, delivered] = await Promise.all([
    findRegions(db, [...new Set(rows.flatMap((r) => [r.regionCode, r.supporterRegionCode]))]),
    unscopedOrganizationNames(db, [...new Set(orgIds)]),
    deliveredTotals(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  const extras = { regionNames: new Map(regions.map((r) => [r.code, r.name])), organizationNames, delivered };
  return rows.map((r) => presentPairing(r, extras, ctx.actor));
}

export async function listPairingsFor(db: Db, ctx: Ctx, filter: PairingFilter) {
  const { rows, total } = await listPairings(db, ctx.actor.scopes, filter);
  return { rows: await presentPairings(db, ctx, rows), total };
}

async function getScopedPairing(db: Db, ctx: Ctx, id: string): Promise<PairingRow> {
  const row = await findPairing(db, ctx.actor.scopes, id);
  if (!row) throw notFound();
  return row;
}

/** The pairing with its running record of deliveries. */
export async function getPairing(db: Db, ctx: Ctx, id: string) {
  const row = await getScopedPairing(db, ctx, id);
  const [[dto], deliveries] = await Promise.all([presentPairings(db, ctx, [row]), deliveriesOf(db, id)]);
  return { ...dto, deliveries: deliveries.map(presentDelivery) };
}

export interface PairingInput {
  kind: PairingKind;
  name: string;
  /** The supported side. */
  regionCode: string;
  /** The supporting region (region ↔ region only; for the other kinds it is the organization's). */
  supporterRegionCode?: string | null;
  organizationId?: string | null;
  universityId?: string | null;
  startsOn: string;
  endsOn?: string | null;
  supervisorsSent?: number;
  peopleTrained?: number;
  fundingFen?: number;
  note?: string;
}

const required = (path: string) => validationError(path, 'validation.pairing.partyRequired');

/**
 * A newly named organization must be one the actor may see; one the pairing already names may
 * be kept even when it is registered outside the actor's scope (the other side's agency).
 */
async function visibleOrganization(
  db: Db,
  ctx: Ctx,
  id: string | null | undefined,
  path: string,
  kept: (string | null)[],
) {
  if (!id) throw required(path);
  const [org] = kept.includes(id)
    ? [await unscopedFindOrganization(db, id)]
    : await findVisibleOrganizations(db, ctx.actor.scopes, [id]);
  if (!org) throw validationError(path, 'validation.org.unknown');
  return org;
}

/** Checks the parties of the kind and returns the columns to store. */
async function resolveParties(db: Db, ctx: Ctx, input: PairingInput, current?: PairingRow) {
  const kept = current ? [current.organizationId, current.universityId] : [];
  if (input.endsOn && input.endsOn < input.startsOn)
    throw validationError('endsOn', 'validation.pairing.endBeforeStart');
  const region = await validateRegionCode(db, input.regionCode);
  let parties: { supporterRegionCode: string; organizationId: string | null; universityId: string | null };
  if (input.kind === 'region_region') {
    if (!input.supporterRegionCode) throw required('supporterRegionCode');
    await validateRegionCode(db, input.supporterRegionCode, 'supporterRegionCode');
    if (input.supporterRegionCode === input.regionCode)
      throw validationError('supporterRegionCode', 'validation.pairing.sameRegion');
    parties = { supporterRegionCode: input.supporterRegionCode, organizationId: null, universityId: null };
  } else {
    // An organization helps a community (村/社区), so the supported side is a village-level unit.
    if (region.level !== 5) throw validationError('regionCode', 'validation.pairing.communityLevel');
    const org = await visibleOrganization(db, ctx, input.organizationId, 'organizationId', kept);
    let universityId: string | null = null;
    if (input.kind === 'school_org_community') {
      const university = await visibleOrganization(db, ctx, input.universityId, 'universityId', kept);
      if (university.type !== 'university') throw validationError('universityId', 'validation.pairing.notUniversity');
      universityId = university.id;
    }
    parties = { supporterRegionCode: org.regionCode, organizationId: org.id, universityId };
  }
  // Either side may record the pairing; someone with neither side in scope may not.
  if (!inScope(input.regionCode, ctx.actor.scopes) && !inScope(parties.supporterRegionCode, ctx.actor.scopes)) {
    throw new AppError('SCOPE_EXCEEDED', { errors: [{ path: 'regionCode', message: 'validation.scope.outside' }] });
  }
  return {
    kind: input.kind,
    name: input.name,
    regionCode: input.regionCode,
    ...parties,
    startsOn: input.startsOn,
    endsOn: input.endsOn ?? null,
    supervisorsSent: input.supervisorsSent ?? 0,
    peopleTrained: input.peopleTrained ?? 0,
    fundingFen: input.fundingFen ?? 0,
    note: input.note ?? '',
  };
}

export async function createPairing(db: Db, ctx: Ctx, input: PairingInput) {
  const values = await resolveParties(db, ctx, input);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(pairings)
      .values({ ...values, createdAt: ctx.now, updatedAt: ctx.now })
      .returning({ id: pairings.id });
    await writeAudit(tx, ctx, {
      action: 'create',
      entity: 'pairing',
      entityIds: [row.id],
      regionCode: values.regionCode,
      fields: filledFields(input),
      detail: { name: values.name, kind: values.kind, supporterRegionCode: values.supporterRegionCode },
    });
    return row.id;
  });
  return getPairing(db, ctx, id);
}

/** Fields left out of an update keep their stored values. */
function withStored(row: PairingRow, input: PairingInput): PairingInput {
  const keep = <T>(value: T | undefined, stored: T) => (value === undefined ? stored : value);
  return {
    ...input,
    supporterRegionCode: keep(input.supporterRegionCode, row.supporterRegionCode),
    organizationId: keep(input.organizationId, row.organizationId),
    universityId: keep(input.universityId, row.universityId),
    endsOn: keep(input.endsOn, row.endsOn),
    supervisorsSent: keep(input.supervisorsSent, row.supervisorsSent),
    peopleTrained: keep(input.peopleTrained, row.peopleTrained),
    fundingFen: keep(input.fundingFen, row.fundingFen),
    note: keep(input.note, row.note),
  };
}

export async function updatePairing(db: Db, ctx: Ctx, id: string, body: PairingInput & { version?: number }) {
  const row = await getScopedPairing(db, ctx, id);
  await assertVersion(row.version, body.version, () => getPairing(db, ctx, id));
  const values = await resolveParties(db, ctx, withStored(row, body), row);
  const changed = (Object.keys(values) as (keyof typeof values)[]).filter((k) => row[k] !== values[k]);
  await db.transaction(async (tx) => {
    await updateVersioned(tx, pairings, id, row.version, { ...values, updatedAt: ctx.now });
    await writeAudit(tx, ctx, {
      action: 'update',
      entity: 'pairing',
      entityIds: [id],
      regionCode: values.regionCode,
      fields: changed,
    });
  });
  return getPairing(db, ctx, id);
}

export interface DeliveryInput {
  deliveredOn: string;
  supervisorsSent?: number;
  peopleTrained?: number;
  fundingFen?: number;
  note?: string;
}

/** Appends to the running record; the pairing's own agreed figures stay as they were. */
export async function addDelivery(db: Db, ctx: Ctx, id: string, input: DeliveryInput) {
  const row = await getScopedPairing(db, ctx, id);
  if (input.deliveredOn < row.startsOn) throw validationError('deliveredOn', 'validation.pairing.deliveryBeforeStart');
  await db.transaction(async (tx) => {
    const [d] = await tx
      .insert(pairingDeliveries)
      .values({
        pairingId: id,
        deliveredOn: input.deliveredOn,
        supervisorsSent: input.supervisorsSent ?? 0,
        peopleTrained: input.peopleTrained ?? 0,
        fundingFen: input.fundingFen ?? 0,
        note: input.note ?? '',
        actorId: ctx.actor.id,
        actorName: ctx.actor.username,
        createdAt: ctx.now,
      })
      .returning({ id: pairingDeliveries.id });
    await writeAudit(tx, ctx, {
      action: 'add_delivery',
      entity: 'pairing',
      entityIds: [id, d.id],
      regionCode: row.regionCode,
      fields: Object.keys(input),
      detail: { deliveredOn: input.deliveredOn, fundingFen: input.fundingFen ?? 0 },
    });
  });
  return getPairing(db, ctx, id);
}
