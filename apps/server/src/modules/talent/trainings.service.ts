import type { Db } from '../../db/client.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { filledFields, writeAudit } from '../../platform/audit/audit.service.ts';
import type { Ctx } from '../../platform/context.ts';
import { localDate } from '../../platform/dates.ts';
import { assertVersion, notFound, validationError } from '../../platform/errors.ts';
import { findVisibleOrganizations } from '../organizations/organizations.repo.ts';
import type { ParamsCache } from '../params/params.service.ts';
import { trainingRecords } from './development.table.ts';
import { certificatesOf } from './qualifications.repo.ts';
import { findTraining, hoursByYear, trainingsOf } from './trainings.repo.ts';
import { assertNotFuture, assertPeriod, assertTrainingHours, currentLevel, type Level } from './talent.rules.ts';
import { getScopedWorker } from './workers.service.ts';

type TrainingRow = typeof trainingRecords.$inferSelect;

function presentTraining(r: TrainingRow) {
  return {
    id: r.id,
    course: r.course,
    provider: r.provider,
    providerOrganizationId: r.providerOrganizationId,
    startedOn: r.startedOn,
    endedOn: r.endedOn,
    hours: r.hours,
    credits: r.credits,
    certificateNo: r.certificateNo,
    note: r.note,
    version: r.version,
  };
}

/**
 * A worker's trainings with the continuing-education hours per year against the requirement of
 * the level they held at the year's end (parameters talent.ce.yearlyHours.*; none when uncertified).
 */
export async function getTrainings(db: Db, ctx: Ctx, params: ParamsCache, workerId: string) {
  await getScopedWorker(db, ctx, workerId);
  const today = localDate(ctx.now);
  const [rows, years, certs] = await Promise.all([
    trainingsOf(db, workerId),
    hoursByYear(db, workerId),
    certificatesOf(db, workerId),
  ]);
  const required = async (year: number) => {
    const end = `${year}-12-31`;
    const level: Level | null = currentLevel(certs, end < today ? end : today);
    return { level, required: level ? await params.int(`talent.ce.yearlyHours.${level}`) : null };
  };
  const hours = await Promise.all(
    years.map(async (y) => ({
      year: y.year,
      training: Number(y.training),
      supervision: Number(y.supervision),
      total: Number(y.training) + Number(y.supervision),
      ...(await required(y.year)),
    })),
  );
  return { rows: rows.map(presentTraining), hoursByYear: hours };
}

export interface TrainingInput {
  course: string;
  provider?: string;
  providerOrganizationId?: string | null;
  startedOn: string;
  endedOn?: string;
  hours: number;
  credits?: number | null;
  certificateNo?: string;
  note?: string;
}

async function checkTraining(db: Db, ctx: Ctx, t: TrainingInput & { endedOn: string }, orgChanged: boolean) {
  assertPeriod(t.startedOn, t.endedOn);
  assertNotFuture(t.endedOn, localDate(ctx.now), 'endedOn');
  assertTrainingHours(t.hours, t.startedOn, t.endedOn);
  if (
    t.providerOrganizationId &&
    orgChanged &&
    (await findVisibleOrganizations(db, ctx.actor.scopes, [t.providerOrganizationId])).length === 0
  ) {
    throw validationError('providerOrganizationId', 'validation.org.unknown');
  }
}

function columns(t: TrainingInput & { endedOn: string }) {
  return {
    course: t.course,
    provider: t.provider ?? '',
    providerOrganizationId: t.providerOrganizationId ?? null,
    startedOn: t.startedOn,
    endedOn: t.endedOn,
    hours: t.hours,
    credits: t.credits ?? null,
    certificateNo: t.certificateNo ?? '',
    note: t.note ?? '',
  };
}

/** Records a course; hours are more than 0 and at most 24 for each day it ran. */
export async function addTraining(db: Db, ctx: Ctx, params: ParamsCache, workerId: string, body: TrainingInput) {
  const worker = await getScopedWorker(db, ctx, workerId);
  const input = { ...body, endedOn: body.endedOn ?? body.startedOn };
  await checkTraining(db, ctx, input, true);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(trainingRecords)
      .values({ ...columns(input), workerId, regionCode: worker.regionCode, createdAt: ctx.now, updatedAt: ctx.now })
      .returning({ id: trainingRecords.id });
    await writeAudit(tx, ctx, {
      action: 'create',
      entity: 'training',
      entityIds: [row.id, workerId],
      regionCode: worker.regionCode,
      fields: filledFields(body),
      detail: { course: input.course, hours: input.hours },
    });
  });
  return getTrainings(db, ctx, params, workerId);
}

const FIELDS = [
  'course',
  'provider',
  'providerOrganizationId',
  'startedOn',
  'endedOn',
  'hours',
  'credits',
  'certificateNo',
  'note',
] as const;

export async function updateTraining(
  db: Db,
  ctx: Ctx,
  params: ParamsCache,
  id: string,
  body: Partial<TrainingInput> & { version?: number },
) {
  const found = await findTraining(db, ctx.actor.scopes, id);
  if (!found) throw notFound();
  const row = found.training;
  await assertVersion(row.version, body.version, () => getTrainings(db, ctx, params, row.workerId));
  const next = Object.fromEntries(
    FIELDS.map((k) => [k, body[k] !== undefined ? body[k] : row[k]]),
  ) as unknown as TrainingInput & { endedOn: string };
  await checkTraining(db, ctx, next, next.providerOrganizationId !== row.providerOrganizationId);
  const changed = FIELDS.filter((k) => next[k] !== row[k]);
  await db.transaction(async (tx) => {
    await updateVersioned(tx, trainingRecords, id, row.version, { ...columns(next), updatedAt: ctx.now });
    await writeAudit(tx, ctx, {
      action: 'update',
      entity: 'training',
      entityIds: [id, row.workerId],
      regionCode: found.regionCode,
      fields: changed,
    });
  });
  return getTrainings(db, ctx, params, row.workerId);
}
