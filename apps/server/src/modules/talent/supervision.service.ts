import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { regionNamesOf } from '../regions/regions.repo.ts';
import { inScope } from '../../platform/access.ts';
import { filledFields, writeAudit } from '../../platform/audit/audit.service.ts';
import type { Ctx } from '../../platform/context.ts';
import { localDate } from '../../platform/dates.ts';
import { assertVersion, notFound, validationError } from '../../platform/errors.ts';
import { regionInScope } from '../regions/regions.service.ts';
import { findStation } from '../stations/stations.repo.ts';
import { supervisionSessions, supervisionSupervisees } from './development.table.ts';
import { findSession, listSessions, type SessionFilter, type SessionRow, superviseesOf } from './supervision.repo.ts';
import { assertNotFuture } from './talent.rules.ts';
import { findScopedWorkers } from './workers.repo.ts';

async function presentSessions(db: Db, ctx: Ctx, rows: SessionRow[]) {
  const [people, names] = await Promise.all([
    superviseesOf(
      db,
      rows.map((r) => r.id),
    ),
    regionNamesOf(
      db,
      rows.map((r) => r.regionCode),
    ),
  ]);
  return rows.map((r) => ({
    id: r.id,
    regionCode: r.regionCode,
    regionName: names.get(r.regionCode) ?? r.regionCode,
    supervisor: { id: r.supervisorId, name: r.supervisorName },
    station: r.stationId ? { id: r.stationId, name: r.stationName ?? '' } : null,
    heldOn: r.heldOn,
    hours: r.hours,
    mode: r.mode as 'individual' | 'group',
    topics: r.topics,
    notes: r.notes,
    supervisees: people.filter((p) => p.sessionId === r.id).map((p) => ({ id: p.id, name: p.name })),
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
    abilities: {
      update: ctx.actor.permissions.has('talent:supervision:edit') && inScope(r.regionCode, ctx.actor.scopes),
    },
  }));
}

export async function listSessionsFor(db: Db, ctx: Ctx, filter: SessionFilter) {
  const { rows, total } = await listSessions(db, ctx.actor.scopes, filter);
  return { rows: await presentSessions(db, ctx, rows), total };
}

export async function getSession(db: Db, ctx: Ctx, id: string) {
  const row = await findSession(db, ctx.actor.scopes, id);
  if (!row) throw notFound();
  return (await presentSessions(db, ctx, [row]))[0];
}

export interface SessionInput {
  regionCode?: string;
  supervisorId?: string | null;
  supervisorName?: string;
  stationId?: string | null;
  heldOn: string;
  hours: number;
  mode: 'individual' | 'group';
  topics?: string[];
  notes?: string;
  superviseeIds: string[];
}

/**
 * Supervisor and supervisees differ; individual supervision has one supervisee; everyone named is
 * a worker in the caller's scope (an outside supervisor is a name only). Returns the stored columns.
 */
async function checkSession(db: Db, ctx: Ctx, s: SessionInput) {
  const ids = [...new Set(s.superviseeIds)];
  if (ids.length === 0) throw validationError('superviseeIds', 'validation.supervision.superviseeRequired');
  if (s.mode === 'individual' && ids.length !== 1)
    throw validationError('superviseeIds', 'validation.supervision.individualOne');
  const self = s.superviseeIds.indexOf(s.supervisorId ?? '');
  if (self >= 0) throw validationError(`superviseeIds.${self}`, 'validation.supervision.self');
  if (!(s.hours > 0 && s.hours <= 24)) throw validationError('hours', 'validation.supervision.hours');
  assertNotFuture(s.heldOn, localDate(ctx.now), 'heldOn');
  const found = await findScopedWorkers(db, ctx.actor.scopes, [...ids, ...(s.supervisorId ? [s.supervisorId] : [])]);
  const known = new Set(found.map((w) => w.id));
  const missing = s.superviseeIds.findIndex((id) => !known.has(id));
  if (missing >= 0) throw validationError(`superviseeIds.${missing}`, 'validation.worker.unknown');
  const supervisor = s.supervisorId ? found.find((w) => w.id === s.supervisorId) : undefined;
  if (s.supervisorId && !supervisor) throw validationError('supervisorId', 'validation.worker.unknown');
  const supervisorName = s.supervisorName?.trim() || supervisor?.name;
  if (!supervisorName) throw validationError('supervisorName', 'validation.supervision.supervisorRequired');
  const station = s.stationId ? await findStation(db, ctx.actor.scopes, s.stationId) : undefined;
  if (s.stationId && !station) throw validationError('stationId', 'validation.talent.unknownStation');
  const regionCode =
    s.regionCode ?? station?.regionCode ?? supervisor?.regionCode ?? found.find((w) => w.id === ids[0])!.regionCode;
  await regionInScope(db, ctx, regionCode);
  return {
    columns: {
      regionCode,
      supervisorId: s.supervisorId ?? null,
      supervisorName,
      stationId: s.stationId ?? null,
      heldOn: s.heldOn,
      hours: s.hours,
      mode: s.mode,
      topics: [...new Set((s.topics ?? []).map((x) => x.trim()).filter(Boolean))],
      notes: s.notes ?? '',
    },
    superviseeIds: ids,
  };
}

export async function createSession(db: Db, ctx: Ctx, input: SessionInput) {
  const { columns, superviseeIds } = await checkSession(db, ctx, input);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(supervisionSessions)
      .values({ ...columns, createdAt: ctx.now, updatedAt: ctx.now })
      .returning({ id: supervisionSessions.id });
    await tx
      .insert(supervisionSupervisees)
      .values(superviseeIds.map((workerId) => ({ sessionId: row.id, workerId, createdAt: ctx.now })));
    await writeAudit(tx, ctx, {
      action: 'create',
      entity: 'supervision_session',
      entityIds: [row.id, ...superviseeIds],
      regionCode: columns.regionCode,
      fields: filledFields(input),
    });
    return row.id;
  });
  return getSession(db, ctx, id);
}

/** Replaces the session's record, supervisees included; fields left out keep their values. */
export async function updateSession(db: Db, ctx: Ctx, id: string, body: Partial<SessionInput> & { version?: number }) {
  const row = await findSession(db, ctx.actor.scopes, id);
  if (!row) throw notFound();
  await assertVersion(row.version, body.version, () => getSession(db, ctx, id));
  const current = await superviseesOf(db, [id]);
  const supervisorChanged = body.supervisorId !== undefined && body.supervisorId !== row.supervisorId;
  const input: SessionInput = {
    regionCode: body.regionCode ?? row.regionCode,
    supervisorId: body.supervisorId !== undefined ? body.supervisorId : row.supervisorId,
    // A new supervisor from the register brings their own name unless one is given.
    supervisorName: body.supervisorName ?? (supervisorChanged ? undefined : row.supervisorName),
    stationId: body.stationId !== undefined ? body.stationId : row.stationId,
    heldOn: body.heldOn ?? row.heldOn,
    hours: body.hours ?? row.hours,
    mode: body.mode ?? (row.mode as SessionInput['mode']),
    topics: body.topics ?? row.topics,
    notes: body.notes ?? row.notes,
    superviseeIds: body.superviseeIds ?? current.map((p) => p.id),
  };
  const { columns, superviseeIds } = await checkSession(db, ctx, input);
  const changed = (Object.keys(columns) as (keyof typeof columns)[]).filter(
    (k) => JSON.stringify(columns[k]) !== JSON.stringify(row[k]),
  ) as string[];
  if (JSON.stringify([...superviseeIds].sort()) !== JSON.stringify(current.map((p) => p.id).sort()))
    changed.push('superviseeIds');
  await db.transaction(async (tx) => {
    await updateVersioned(tx, supervisionSessions, id, row.version, { ...columns, updatedAt: ctx.now });
    await tx.delete(supervisionSupervisees).where(eq(supervisionSupervisees.sessionId, id));
    await tx
      .insert(supervisionSupervisees)
      .values(superviseeIds.map((workerId) => ({ sessionId: id, workerId, createdAt: ctx.now })));
    await writeAudit(tx, ctx, {
      action: 'update',
      entity: 'supervision_session',
      entityIds: [id, ...superviseeIds],
      regionCode: columns.regionCode,
      fields: changed,
    });
  });
  return getSession(db, ctx, id);
}
