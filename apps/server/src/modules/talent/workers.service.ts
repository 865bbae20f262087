import { upgradeIdCard15, validateIdCard } from '@lianxin/shared';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/sql.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { filledFields, writeAudit } from '../../platform/audit/audit.service.ts';
import type { Ctx } from '../../platform/context.ts';
import { localDate } from '../../platform/dates.ts';
import { assertVersion, notFound, validationError } from '../../platform/errors.ts';
import { type PiiCipher, sealedColumns } from '../../platform/pii.ts';
import { findVisibleOrganizations } from '../organizations/organizations.repo.ts';
import { regionNamesOf } from '../regions/regions.repo.ts';
import { regionInScope } from '../regions/regions.service.ts';
import { findStation } from '../stations/stations.repo.ts';
import { assertDictValue } from './talent.dicts.ts';
import { assertNotFuture, duplicate } from './talent.rules.ts';
import { presentHistory, presentWorker } from './workers.presenter.ts';
import {
  assignmentsOf,
  employmentsOf,
  findWorker,
  listWorkers,
  positionsHeldBy,
  unscopedIdNumberTaken,
  type WorkerFilter,
  type WorkerRow,
} from './workers.repo.ts';
import { stationAssignments, workerEmployments, workers } from './workers.table.ts';

export async function presentWorkers(db: Db, ctx: Ctx, pii: PiiCipher, rows: WorkerRow[]) {
  const names = await regionNamesOf(
    db,
    rows.map((r) => r.regionCode),
  );
  return rows.map((r) => presentWorker(r, names, ctx.actor, pii));
}

/** The ID number's normal form: a legacy 15-digit number becomes its 18-digit form, so one person has one hash. */
export function normalIdNumber(idNumber: string): string {
  return idNumber.length === 15 ? upgradeIdCard15(idNumber) : idNumber;
}

/** A list filter as the repo takes it: an ID number typed as a filter is looked up by its blind index. */
export function workerFilter<F extends { idNumber?: string }>(
  pii: PiiCipher,
  filter: F,
): Omit<F, 'idNumber'> & { idNumberHash?: string } {
  const { idNumber, ...rest } = filter;
  return { ...rest, ...(idNumber ? { idNumberHash: pii.hash(normalIdNumber(idNumber)) } : {}) };
}

export async function listWorkersFor(
  db: Db,
  ctx: Ctx,
  pii: PiiCipher,
  filter: Omit<WorkerFilter, 'idNumberHash'> & { idNumber?: string },
) {
  const { rows, total } = await listWorkers(db, ctx.actor.scopes, workerFilter(pii, filter), localDate(ctx.now));
  return { rows: await presentWorkers(db, ctx, pii, rows), total };
}

export async function getScopedWorker(db: Db, ctx: Ctx, id: string): Promise<WorkerRow> {
  const row = await findWorker(db, ctx.actor.scopes, id, localDate(ctx.now));
  if (!row) throw notFound();
  return row;
}

/** The worker with their employment, resident-station and position history. */
export async function getWorker(db: Db, ctx: Ctx, pii: PiiCipher, id: string) {
  const row = await getScopedWorker(db, ctx, id);
  const [employments, assignments, held] = await Promise.all([
    employmentsOf(db, id),
    assignmentsOf(db, id),
    positionsHeldBy(db, id),
  ]);
  const names = await regionNamesOf(db, [row.regionCode, ...employments.map((e) => e.regionCode)]);
  return { ...presentWorker(row, names, ctx.actor, pii), ...presentHistory(employments, assignments, held, names) };
}

export interface WorkerInput {
  name: string;
  sex?: string;
  birthDate?: string | null;
  idNumber: string;
  /** undefined keeps the stored number; null removes it. */
  phone?: string | null;
  education?: string | null;
  major?: string;
  category: string;
  regionCode: string;
  organizationId?: string | null;
  jobTitle?: string;
  note?: string;
}

export interface CreateWorkerInput extends WorkerInput {
  joinedOn?: string;
  /** Resident at this station from `joinedOn`. */
  stationId?: string | null;
}

/** Sex and birth date are read from a resident ID number; given values must agree with it. */
function personFromId(input: WorkerInput, today: string) {
  const id = validateIdCard(input.idNumber, today);
  if (!id.ok)
    throw validationError(
      'idNumber',
      `validation.idcard.${id.reason}`,
      id.position ? { position: id.position } : undefined,
    );
  const fromId = id.kind === 'resident18' || id.kind === 'resident15' || id.kind === 'hmt_permit';
  if (fromId && input.birthDate && input.birthDate !== id.birthDate)
    throw validationError('birthDate', 'validation.worker.birthDateMismatch', { date: id.birthDate });
  if (fromId && (input.sex === '1' || input.sex === '2') && input.sex !== String(id.sex))
    throw validationError('sex', 'validation.worker.sexMismatch');
  return {
    idNumber: normalIdNumber(id.value),
    birthDate: input.birthDate ?? (fromId ? id.birthDate : null),
    sex: input.sex ?? (fromId ? String(id.sex) : '9'),
  };
}

/** Checks shared by create and update; returns the stored form of the person's fields. */
async function checkWorker(
  db: Db,
  ctx: Ctx,
  pii: PiiCipher,
  input: WorkerInput,
  opts: { exceptId?: string; orgChanged: boolean },
) {
  const today = localDate(ctx.now);
  await regionInScope(db, ctx, input.regionCode);
  const person = personFromId(input, today);
  assertNotFuture(person.birthDate, today, 'birthDate');
  await assertDictValue(db, 'sys_user_sex', person.sex, 'sex', 'validation.worker.unknownSex');
  if (input.education)
    await assertDictValue(db, 'talent_education', input.education, 'education', 'validation.worker.unknownEducation');
  await assertDictValue(db, 'talent_category', input.category, 'category', 'validation.worker.unknownCategory');
  if (
    input.organizationId &&
    opts.orgChanged &&
    (await findVisibleOrganizations(db, ctx.actor.scopes, [input.organizationId])).length === 0
  ) {
    throw validationError('organizationId', 'validation.org.unknown');
  }
  const idNumberHash = pii.hash(person.idNumber);
  if (await unscopedIdNumberTaken(db, idNumberHash, opts.exceptId))
    throw duplicate('idNumber', 'validation.worker.duplicate');
  return { ...person, idNumberHash };
}

function mapDuplicate<T>(work: Promise<T>): Promise<T> {
  return work.catch((err) => {
    if (isUniqueViolation(err, 'workers_id_number_hash_uq')) throw duplicate('idNumber', 'validation.worker.duplicate');
    throw err;
  });
}

function columns(
  input: WorkerInput,
  person: { idNumber: string; birthDate: string | null; sex: string; idNumberHash: string },
  pii: PiiCipher,
) {
  return {
    name: input.name,
    sex: person.sex,
    birthDate: person.birthDate,
    idNumberEnc: pii.encrypt(person.idNumber),
    idNumberHash: person.idNumberHash,
    education: input.education ?? null,
    major: input.major ?? '',
    category: input.category,
    regionCode: input.regionCode,
    organizationId: input.organizationId ?? null,
    jobTitle: input.jobTitle ?? '',
    note: input.note ?? '',
    ...sealedColumns(pii, 'phone', input.phone),
  };
}

export async function createWorker(db: Db, ctx: Ctx, pii: PiiCipher, input: CreateWorkerInput) {
  const today = localDate(ctx.now);
  const joinedOn = input.joinedOn ?? today;
  assertNotFuture(joinedOn, today, 'joinedOn');
  const person = await checkWorker(db, ctx, pii, input, { orgChanged: true });
  const station = input.stationId ? await findStation(db, ctx.actor.scopes, input.stationId) : null;
  if (input.stationId && !station) throw validationError('stationId', 'validation.talent.unknownStation');
  const id = await mapDuplicate(
    db.transaction(async (tx) => {
      const [row] = await tx
        .insert(workers)
        .values({ ...columns(input, person, pii), joinedOn, createdAt: ctx.now, updatedAt: ctx.now })
        .returning({ id: workers.id });
      await tx.insert(workerEmployments).values({
        workerId: row.id,
        regionCode: input.regionCode,
        organizationId: input.organizationId ?? null,
        jobTitle: input.jobTitle ?? '',
        startedOn: joinedOn,
        createdAt: ctx.now,
      });
      if (station)
        await tx.insert(stationAssignments).values({
          workerId: row.id,
          stationId: station.id,
          regionCode: station.regionCode,
          startedOn: joinedOn,
          createdAt: ctx.now,
        });
      await writeAudit(tx, ctx, {
        action: 'create',
        entity: 'worker',
        entityIds: [row.id],
        regionCode: input.regionCode,
        fields: filledFields(input),
      });
      return row.id;
    }),
  );
  return getWorker(db, ctx, pii, id);
}

const KEPT = ['sex', 'birthDate', 'education', 'major', 'organizationId', 'jobTitle', 'note'] as const;

/**
 * Corrects the worker's record; fields left out keep their values. Region, organization and job
 * title correct the current employment in place — a move to another place is a new employment.
 */
export async function updateWorker(
  db: Db,
  ctx: Ctx,
  pii: PiiCipher,
  id: string,
  body: Partial<WorkerInput> & { version?: number },
) {
  const row = await getScopedWorker(db, ctx, id);
  await assertVersion(row.version, body.version, () => getWorker(db, ctx, pii, id));
  const input: WorkerInput = {
    name: body.name ?? row.name,
    idNumber: body.idNumber ?? pii.decrypt(row.idNumberEnc),
    category: body.category ?? row.category,
    regionCode: body.regionCode ?? row.regionCode,
    phone: body.phone,
    ...Object.fromEntries(KEPT.map((k) => [k, body[k] !== undefined ? body[k] : row[k]])),
  };
  // The stored sex and birth date were read from the old number: a corrected number brings its own.
  if (body.idNumber !== undefined && body.sex === undefined) input.sex = undefined;
  if (body.idNumber !== undefined && body.birthDate === undefined) input.birthDate = undefined;
  const person = await checkWorker(db, ctx, pii, input, {
    exceptId: id,
    orgChanged: input.organizationId !== row.organizationId,
  });
  const next = columns(input, person, pii);
  const changed = (
    [
      'name',
      'sex',
      'birthDate',
      'education',
      'major',
      'category',
      'regionCode',
      'organizationId',
      'jobTitle',
      'note',
    ] as const
  ).filter((k) => next[k] !== row[k]) as string[];
  if (person.idNumberHash !== row.idNumberHash) changed.push('idNumber');
  if (body.phone !== undefined) changed.push('phone');
  if (person.idNumberHash === row.idNumberHash) Object.assign(next, { idNumberEnc: row.idNumberEnc });
  await mapDuplicate(
    db.transaction(async (tx) => {
      await updateVersioned(tx, workers, id, row.version, { ...next, updatedAt: ctx.now });
      const [current] = await tx
        .select({ id: workerEmployments.id })
        .from(workerEmployments)
        .where(and(eq(workerEmployments.workerId, id), isNull(workerEmployments.endedOn)))
        .orderBy(desc(workerEmployments.startedOn))
        .limit(1);
      if (current)
        await tx
          .update(workerEmployments)
          .set({ regionCode: next.regionCode, organizationId: next.organizationId, jobTitle: next.jobTitle })
          .where(eq(workerEmployments.id, current.id));
      await writeAudit(tx, ctx, {
        action: 'update',
        entity: 'worker',
        entityIds: [id],
        regionCode: next.regionCode,
        fields: changed,
      });
    }),
  );
  return getWorker(db, ctx, pii, id);
}

/** One field of one worker in clear; the read is audited in the same transaction. */
export async function revealWorkerField(db: Db, ctx: Ctx, pii: PiiCipher, id: string, field: 'idNumber' | 'phone') {
  const row = await getScopedWorker(db, ctx, id);
  return db.transaction(async (tx) => {
    await writeAudit(tx, ctx, {
      action: 'reveal',
      entity: 'worker',
      entityIds: [id],
      regionCode: row.regionCode,
      fields: [field],
    });
    const stored = field === 'idNumber' ? row.idNumberEnc : row.phoneEnc;
    return { value: stored ? pii.decrypt(stored) : null };
  });
}
