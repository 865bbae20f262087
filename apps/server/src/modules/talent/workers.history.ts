import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/sql.ts';
import { filledFields, writeAudit } from '../../platform/audit/audit.service.ts';
import type { Ctx } from '../../platform/context.ts';
import { localDate } from '../../platform/dates.ts';
import { validationError } from '../../platform/errors.ts';
import type { PiiCipher } from '../../platform/pii.ts';
import { findVisibleOrganizations } from '../organizations/organizations.repo.ts';
import { regionInScope } from '../regions/regions.service.ts';
import { findStation } from '../stations/stations.repo.ts';
import { positionHolders } from './positions.table.ts';
import { addDays, assertNotFuture, assertPeriod, conflict, overlaps } from './talent.rules.ts';
import { lockWorker } from './workers.repo.ts';
import { getScopedWorker, getWorker } from './workers.service.ts';
import { stationAssignments, workerEmployments, workers } from './workers.table.ts';

export interface EmploymentInput {
  regionCode: string;
  organizationId?: string | null;
  jobTitle?: string;
  startedOn: string;
  /** Given: a past period for the record. Left out: the worker moves here, ending the open periods the day before. */
  endedOn?: string | null;
}

/**
 * Records where a worker works. A past period only adds to the history (and may move the day the
 * worker joined earlier); an open one is a move: the open periods end the day before it starts,
 * and the worker's current region, organization and job title follow. A worker who had left
 * comes back with it.
 */
export async function addEmployment(db: Db, ctx: Ctx, pii: PiiCipher, id: string, input: EmploymentInput) {
  const row = await getScopedWorker(db, ctx, id);
  const today = localDate(ctx.now);
  await regionInScope(db, ctx, input.regionCode);
  assertNotFuture(input.startedOn, today, 'startedOn');
  assertPeriod(input.startedOn, input.endedOn);
  if (
    input.organizationId &&
    (await findVisibleOrganizations(db, ctx.actor.scopes, [input.organizationId])).length === 0
  ) {
    throw validationError('organizationId', 'validation.org.unknown');
  }
  const move = input.endedOn == null;
  await db.transaction(async (tx) => {
    await lockWorker(tx, id);
    const open = await tx
      .select()
      .from(workerEmployments)
      .where(and(eq(workerEmployments.workerId, id), isNull(workerEmployments.endedOn)));
    const left = row.status === 'left' && row.leftOn !== null && input.startedOn <= row.leftOn;
    if (move && (left || open.some((e) => e.startedOn >= input.startedOn)))
      throw validationError('startedOn', 'validation.worker.moveBeforeCurrent');
    if (move)
      await tx
        .update(workerEmployments)
        .set({ endedOn: addDays(input.startedOn, -1) })
        .where(and(eq(workerEmployments.workerId, id), isNull(workerEmployments.endedOn)));
    await tx.insert(workerEmployments).values({
      workerId: id,
      regionCode: input.regionCode,
      organizationId: input.organizationId ?? null,
      jobTitle: input.jobTitle ?? '',
      startedOn: input.startedOn,
      endedOn: input.endedOn ?? null,
      createdAt: ctx.now,
    });
    const current = move
      ? {
          regionCode: input.regionCode,
          organizationId: input.organizationId ?? null,
          jobTitle: input.jobTitle ?? '',
          status: 'active',
          leftOn: null,
        }
      : {};
    const joinedOn = input.startedOn < row.joinedOn ? { joinedOn: input.startedOn } : {};
    await tx
      .update(workers)
      .set({ ...current, ...joinedOn, updatedAt: ctx.now, version: row.version + 1 })
      .where(eq(workers.id, id));
    await writeAudit(tx, ctx, {
      action: move ? 'move' : 'add_employment',
      entity: 'worker',
      entityIds: [id],
      regionCode: input.regionCode,
      fields: filledFields(input),
      detail: { from: row.regionCode },
    });
  });
  return getWorker(db, ctx, pii, id);
}

/** 驻站: a worker is resident at one station at a time, and a worker's periods never overlap. */
export async function assignToStation(
  db: Db,
  ctx: Ctx,
  pii: PiiCipher,
  id: string,
  input: { stationId: string; startedOn: string; endedOn?: string | null },
) {
  const row = await getScopedWorker(db, ctx, id);
  assertNotFuture(input.startedOn, localDate(ctx.now), 'startedOn');
  assertPeriod(input.startedOn, input.endedOn);
  // Someone who left can have past assignments recorded, not a current one.
  if (row.status === 'left' && input.endedOn == null) throw conflict('startedOn', 'validation.worker.alreadyLeft');
  const station = await findStation(db, ctx.actor.scopes, input.stationId);
  if (!station) throw validationError('stationId', 'validation.talent.unknownStation');
  const period = { startedOn: input.startedOn, endedOn: input.endedOn ?? null };
  await db
    .transaction(async (tx) => {
      await lockWorker(tx, id);
      const existing = await tx.select().from(stationAssignments).where(eq(stationAssignments.workerId, id));
      const clash = existing.find((a) => overlaps(a, period));
      if (clash)
        throw conflict(
          'startedOn',
          clash.endedOn === null ? 'validation.assignment.current' : 'validation.assignment.overlap',
          { from: clash.startedOn, to: clash.endedOn ?? '' },
        );
      await tx
        .insert(stationAssignments)
        .values({ workerId: id, stationId: station.id, regionCode: station.regionCode, ...period, createdAt: ctx.now });
      await tx
        .update(workers)
        .set({ updatedAt: ctx.now, version: row.version + 1 })
        .where(eq(workers.id, id));
      await writeAudit(tx, ctx, {
        action: 'assign_station',
        entity: 'worker',
        entityIds: [id, station.id],
        regionCode: row.regionCode,
        fields: filledFields(input),
      });
    })
    .catch((err) => {
      if (isUniqueViolation(err, 'station_assignments_current_uq'))
        throw conflict('startedOn', 'validation.assignment.current', { from: '', to: '' });
      throw err;
    });
  return getWorker(db, ctx, pii, id);
}

/** Ends the worker's current resident assignment on `endedOn` (its last day). */
export async function endStationAssignment(db: Db, ctx: Ctx, pii: PiiCipher, id: string, endedOn: string) {
  const row = await getScopedWorker(db, ctx, id);
  await db.transaction(async (tx) => {
    await lockWorker(tx, id);
    const [current] = await tx
      .select()
      .from(stationAssignments)
      .where(and(eq(stationAssignments.workerId, id), isNull(stationAssignments.endedOn)));
    if (!current) throw conflict('endedOn', 'validation.assignment.none');
    assertPeriod(current.startedOn, endedOn);
    await tx.update(stationAssignments).set({ endedOn }).where(eq(stationAssignments.id, current.id));
    await tx
      .update(workers)
      .set({ updatedAt: ctx.now, version: row.version + 1 })
      .where(eq(workers.id, id));
    await writeAudit(tx, ctx, {
      action: 'end_station_assignment',
      entity: 'worker',
      entityIds: [id, current.stationId],
      regionCode: row.regionCode,
      fields: ['endedOn'],
    });
  });
  return getWorker(db, ctx, pii, id);
}

/**
 * The worker leaves the register on `leftOn` (their last day): open employments, the resident
 * assignment and positions held end that day, so counts as of a later day leave them out.
 */
export async function recordDeparture(
  db: Db,
  ctx: Ctx,
  pii: PiiCipher,
  id: string,
  input: { leftOn: string; reason?: string },
) {
  const row = await getScopedWorker(db, ctx, id);
  if (row.status === 'left') throw conflict('leftOn', 'validation.worker.alreadyLeft');
  assertNotFuture(input.leftOn, localDate(ctx.now), 'leftOn');
  await db.transaction(async (tx) => {
    await lockWorker(tx, id);
    const open = await tx
      .select({ startedOn: workerEmployments.startedOn })
      .from(workerEmployments)
      .where(and(eq(workerEmployments.workerId, id), isNull(workerEmployments.endedOn)));
    const [assignment] = await tx
      .select()
      .from(stationAssignments)
      .where(and(eq(stationAssignments.workerId, id), isNull(stationAssignments.endedOn)));
    const holds = await tx
      .select()
      .from(positionHolders)
      .where(and(eq(positionHolders.workerId, id), isNull(positionHolders.endedOn)));
    const latest = [...open.map((e) => e.startedOn), assignment?.startedOn, ...holds.map((h) => h.startedOn)]
      .filter((d): d is string => !!d)
      .sort()
      .at(-1);
    if (latest && input.leftOn < latest)
      throw validationError('leftOn', 'validation.worker.leftBeforeStart', { date: latest });
    await tx
      .update(workerEmployments)
      .set({ endedOn: input.leftOn })
      .where(and(eq(workerEmployments.workerId, id), isNull(workerEmployments.endedOn)));
    await tx
      .update(stationAssignments)
      .set({ endedOn: input.leftOn })
      .where(and(eq(stationAssignments.workerId, id), isNull(stationAssignments.endedOn)));
    await tx
      .update(positionHolders)
      .set({ endedOn: input.leftOn })
      .where(
        and(
          eq(positionHolders.workerId, id),
          isNull(positionHolders.endedOn),
          lt(positionHolders.startedOn, addDays(input.leftOn, 1)),
        ),
      );
    await tx
      .update(workers)
      .set({ status: 'left', leftOn: input.leftOn, updatedAt: ctx.now, version: row.version + 1 })
      .where(eq(workers.id, id));
    await writeAudit(tx, ctx, {
      action: 'leave',
      entity: 'worker',
      entityIds: [id],
      regionCode: row.regionCode,
      fields: ['status', 'leftOn'],
      detail: { leftOn: input.leftOn, reason: input.reason ?? '' },
    });
  });
  return getWorker(db, ctx, pii, id);
}
