import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { regionNamesOf } from '../regions/regions.repo.ts';
import { isUniqueViolation } from '../../db/sql.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { inScope } from '../../platform/access.ts';
import { filledFields, writeAudit } from '../../platform/audit/audit.service.ts';
import type { Ctx } from '../../platform/context.ts';
import { localDate } from '../../platform/dates.ts';
import { AppError, assertVersion, notFound, validationError } from '../../platform/errors.ts';
import { findVisibleOrganizations } from '../organizations/organizations.repo.ts';
import { regionInScope } from '../regions/regions.service.ts';
import { findStation } from '../stations/stations.repo.ts';
import { findPosition, holdersOf, listPositions, type PositionFilter, type PositionRow } from './positions.repo.ts';
import { positionHolders, positions } from './positions.table.ts';
import { assertDictValue } from './talent.dicts.ts';
import { addDays, assertNotFuture, conflict } from './talent.rules.ts';
import { findScopedWorkers } from './workers.repo.ts';

async function presentPositions(db: Db, ctx: Ctx, rows: PositionRow[]) {
  const names = await regionNamesOf(
    db,
    rows.map((r) => r.regionCode),
  );
  return rows.map((r) => ({
    id: r.id,
    regionCode: r.regionCode,
    regionName: names.get(r.regionCode) ?? r.regionCode,
    organization: r.organizationId ? { id: r.organizationId, name: r.organizationName ?? '' } : null,
    station: r.stationId ? { id: r.stationId, name: r.stationName ?? '' } : null,
    title: r.title,
    level: r.level,
    fundedBy: r.fundedBy,
    fundingNote: r.fundingNote,
    establishedOn: r.establishedOn,
    abolishedOn: r.abolishedOn,
    note: r.note,
    filled: r.holderId !== null,
    holder: r.holderId ? { id: r.holderId, name: r.holderName ?? '', startedOn: r.holderSince ?? '' } : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
    abilities: {
      update:
        ctx.actor.permissions.has('talent:position:edit') &&
        inScope(r.regionCode, ctx.actor.scopes) &&
        r.abolishedOn === null,
    },
  }));
}

export async function listPositionsFor(db: Db, ctx: Ctx, filter: PositionFilter) {
  const { rows, total } = await listPositions(db, ctx.actor.scopes, filter);
  return { rows: await presentPositions(db, ctx, rows), total };
}

async function getScopedPosition(db: Db, ctx: Ctx, id: string) {
  const row = await findPosition(db, ctx.actor.scopes, id);
  if (!row) throw notFound();
  return row;
}

/** The position with everyone who held it. */
export async function getPosition(db: Db, ctx: Ctx, id: string) {
  const row = await getScopedPosition(db, ctx, id);
  const [[dto], holders] = await Promise.all([presentPositions(db, ctx, [row]), holdersOf(db, id)]);
  return {
    ...dto,
    holders: holders.map((h) => ({ id: h.workerId, name: h.name, startedOn: h.startedOn, endedOn: h.endedOn })),
  };
}

export interface PositionInput {
  regionCode?: string;
  organizationId?: string | null;
  stationId?: string | null;
  title: string;
  level: string;
  fundedBy: string;
  fundingNote?: string;
  establishedOn: string;
  abolishedOn?: string | null;
  note?: string;
}

/** The post sits in the given region, else its station's, else its organization's — inside the caller's scope. */
async function checkPosition(db: Db, ctx: Ctx, p: PositionInput, changed: { organization: boolean; station: boolean }) {
  await assertDictValue(db, 'position_level', p.level, 'level', 'validation.position.unknownLevel');
  await assertDictValue(db, 'position_funder', p.fundedBy, 'fundedBy', 'validation.position.unknownFunder');
  const today = localDate(ctx.now);
  assertNotFuture(p.establishedOn, today, 'establishedOn');
  if (p.abolishedOn && p.abolishedOn < p.establishedOn)
    throw validationError('abolishedOn', 'validation.talent.endBeforeStart');
  const [org] = p.organizationId ? await findVisibleOrganizations(db, ctx.actor.scopes, [p.organizationId]) : [];
  if (p.organizationId && changed.organization && !org)
    throw validationError('organizationId', 'validation.org.unknown');
  const station = p.stationId && changed.station ? await findStation(db, ctx.actor.scopes, p.stationId) : undefined;
  if (p.stationId && changed.station && !station)
    throw validationError('stationId', 'validation.talent.unknownStation');
  const regionCode = p.regionCode ?? station?.regionCode ?? org?.regionCode;
  if (!regionCode) throw validationError('regionCode', 'validation.position.regionRequired');
  await regionInScope(db, ctx, regionCode);
  return {
    regionCode,
    organizationId: p.organizationId ?? null,
    stationId: p.stationId ?? null,
    title: p.title,
    level: p.level,
    fundedBy: p.fundedBy,
    fundingNote: p.fundingNote ?? '',
    establishedOn: p.establishedOn,
    abolishedOn: p.abolishedOn ?? null,
    note: p.note ?? '',
  };
}

export async function createPosition(db: Db, ctx: Ctx, input: PositionInput) {
  const columns = await checkPosition(db, ctx, { ...input, abolishedOn: null }, { organization: true, station: true });
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(positions)
      .values({ ...columns, createdAt: ctx.now, updatedAt: ctx.now })
      .returning({ id: positions.id });
    await writeAudit(tx, ctx, {
      action: 'create',
      entity: 'position',
      entityIds: [row.id],
      regionCode: columns.regionCode,
      fields: filledFields(input),
      detail: { title: input.title },
    });
    return row.id;
  });
  return getPosition(db, ctx, id);
}

/** Corrects the post or abolishes it (a held post is vacated first); fields left out keep their values. */
export async function updatePosition(
  db: Db,
  ctx: Ctx,
  id: string,
  body: Partial<PositionInput> & { version?: number },
) {
  const row = await getScopedPosition(db, ctx, id);
  await assertVersion(row.version, body.version, () => getPosition(db, ctx, id));
  const keys = [
    'regionCode',
    'organizationId',
    'stationId',
    'title',
    'level',
    'fundedBy',
    'fundingNote',
    'establishedOn',
    'abolishedOn',
    'note',
  ] as const;
  const input = Object.fromEntries(
    keys.map((k) => [k, body[k] !== undefined ? body[k] : row[k]]),
  ) as unknown as PositionInput;
  if (input.abolishedOn && row.holderId) throw conflict('abolishedOn', 'validation.position.heldOnAbolish');
  const columns = await checkPosition(db, ctx, input, {
    organization: input.organizationId !== row.organizationId,
    station: input.stationId !== row.stationId,
  });
  const changed = keys.filter((k) => columns[k] !== row[k]);
  await db.transaction(async (tx) => {
    await updateVersioned(tx, positions, id, row.version, { ...columns, updatedAt: ctx.now });
    await writeAudit(tx, ctx, {
      action: columns.abolishedOn && !row.abolishedOn ? 'abolish' : 'update',
      entity: 'position',
      entityIds: [id],
      regionCode: columns.regionCode,
      fields: changed,
    });
  });
  return getPosition(db, ctx, id);
}

/**
 * Fills the post from `on` (the current holder, if any, ends the day before) or, with no worker,
 * vacates it with `on` as the holder's last day.
 */
export async function setPositionHolder(db: Db, ctx: Ctx, id: string, input: { workerId: string | null; on: string }) {
  const row = await getScopedPosition(db, ctx, id);
  if (input.on < row.establishedOn) throw validationError('on', 'validation.position.beforeEstablished');
  if (row.abolishedOn && input.on > row.abolishedOn) throw validationError('on', 'validation.position.afterAbolished');
  assertNotFuture(input.on, localDate(ctx.now), 'on');
  if (input.workerId) {
    const [worker] = await findScopedWorkers(db, ctx.actor.scopes, [input.workerId]);
    if (worker?.status !== 'active') throw validationError('workerId', 'validation.worker.unknown');
  }
  await db
    .transaction(async (tx) => {
      await tx.select({ id: positions.id }).from(positions).where(eq(positions.id, id)).for('update');
      const [current] = await tx
        .select()
        .from(positionHolders)
        .where(and(eq(positionHolders.positionId, id), isNull(positionHolders.endedOn)));
      if (!input.workerId && !current) throw conflict('workerId', 'validation.position.vacant');
      if (current && input.workerId === current.workerId) throw conflict('workerId', 'validation.position.sameHolder');
      if (current) {
        const endedOn = input.workerId ? addDays(input.on, -1) : input.on;
        if (endedOn < current.startedOn)
          throw validationError('on', 'validation.position.beforeHolder', { date: current.startedOn });
        await tx.update(positionHolders).set({ endedOn }).where(eq(positionHolders.id, current.id));
      }
      if (input.workerId)
        await tx
          .insert(positionHolders)
          .values({ positionId: id, workerId: input.workerId, startedOn: input.on, createdAt: ctx.now });
      await tx
        .update(positions)
        .set({ updatedAt: ctx.now, version: row.version + 1 })
        .where(eq(positions.id, id));
      const people = [...(current ? [current.workerId] : []), ...(input.workerId ? [input.workerId] : [])];
      await writeAudit(tx, ctx, {
        action: input.workerId ? 'fill' : 'vacate',
        entity: 'position',
        entityIds: [id, ...people],
        regionCode: row.regionCode,
        fields: ['holder'],
        detail: { on: input.on },
      });
    })
    .catch((err) => {
      if (isUniqueViolation(err, 'position_holders_current_uq')) throw new AppError('VERSION_CONFLICT');
      throw err;
    });
  return getPosition(db, ctx, id);
}
