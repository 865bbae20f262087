import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { regionNamesOf } from '../regions/regions.repo.ts';
import { isUniqueViolation } from '../../db/sql.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { inScope } from '../../platform/access.ts';
import { filledFields, writeAudit } from '../../platform/audit/audit.service.ts';
import type { Ctx } from '../../platform/context.ts';
import { localDate } from '../../platform/dates.ts';
import { assertVersion, notFound, validationError } from '../../platform/errors.ts';
import { assertDictValues } from '../dicts/dicts.service.ts';
import { findVisibleOrganizations } from '../organizations/organizations.repo.ts';
import { regionInScope } from '../regions/regions.service.ts';
import { type ExamFilter, type ExamRow, findExamRegistration, listExamRegistrations } from './exams.repo.ts';
import { examRegistrations } from './exams.table.ts';
import { qualifications } from './qualifications.table.ts';
import { assertNotFuture, conflict, duplicate, type ExamResult, examSubjects, type Level } from './talent.rules.ts';
import { findScopedWorkers } from './workers.repo.ts';

function presentExam(r: ExamRow, names: Map<string, string>, canEdit: boolean) {
  return {
    id: r.id,
    worker: { id: r.workerId, name: r.workerName },
    regionCode: r.regionCode,
    regionName: names.get(r.regionCode) ?? r.regionCode,
    year: r.year,
    level: r.level as Level,
    registeredOn: r.registeredOn,
    result: r.result as ExamResult,
    resultOn: r.resultOn,
    subjectsPassed: r.subjectsPassed,
    sponsor: r.sponsorOrganizationId ? { id: r.sponsorOrganizationId, name: r.sponsorName ?? '' } : null,
    reimbursedItems: r.reimbursedItems,
    reimbursedFen: r.reimbursedFen,
    note: r.note,
    certificate: r.qualificationId
      ? { id: r.qualificationId, certificateNo: r.certificateNo, numberPending: r.certificateNo === null }
      : null,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
    abilities: { update: canEdit },
  };
}

async function presentExams(db: Db, ctx: Ctx, rows: ExamRow[]) {
  const names = await regionNamesOf(
    db,
    rows.map((r) => r.regionCode),
  );
  return rows.map((r) =>
    presentExam(r, names, ctx.actor.permissions.has('talent:exam:edit') && inScope(r.regionCode, ctx.actor.scopes)),
  );
}

export async function listExamsFor(db: Db, ctx: Ctx, filter: ExamFilter) {
  const { rows, total } = await listExamRegistrations(db, ctx.actor.scopes, filter);
  return { rows: await presentExams(db, ctx, rows), total };
}

export async function getExamRegistration(db: Db, ctx: Ctx, id: string) {
  const row = await findExamRegistration(db, ctx.actor.scopes, id);
  if (!row) throw notFound();
  return (await presentExams(db, ctx, [row]))[0];
}

export interface ResultInput {
  result?: ExamResult;
  resultOn?: string | null;
  subjectsPassed?: string[];
}

export interface ExamInput extends ResultInput {
  registeredOn?: string | null;
  sponsorOrganizationId?: string | null;
  reimbursedItems?: string[];
  reimbursedFen?: number;
  note?: string;
}

/** The stored result: a published result has its day, in or after the exam year; subjects fit the level and the result. */
function checkResult(level: Level, year: number, r: ResultInput, today: string) {
  const result = r.result ?? 'pending';
  const resultOn = r.resultOn ?? null;
  if (result === 'pending' && resultOn) throw validationError('resultOn', 'validation.exam.pendingNoResultDate');
  if (result !== 'pending' && !resultOn) throw validationError('resultOn', 'validation.exam.resultOnRequired');
  if (resultOn && Number(resultOn.slice(0, 4)) < year)
    throw validationError('resultOn', 'validation.exam.resultBeforeYear');
  assertNotFuture(resultOn, today, 'resultOn');
  return { result, resultOn, subjectsPassed: examSubjects(level, result, r.subjectsPassed) };
}

async function checkExtras(db: Db, ctx: Ctx, input: ExamInput, sponsorChanged: boolean) {
  if (
    input.sponsorOrganizationId &&
    sponsorChanged &&
    (await findVisibleOrganizations(db, ctx.actor.scopes, [input.sponsorOrganizationId])).length === 0
  ) {
    throw validationError('sponsorOrganizationId', 'validation.org.unknown');
  }
  await assertDictValues(
    db,
    'exam_reimbursed_item',
    input.reimbursedItems ?? [],
    'reimbursedItems',
    'validation.exam.unknownItem',
  );
}

/**
 * Passing creates the certificate, its number pending until the worker confirms it; a pass taken
 * back removes that certificate while its number is still pending, and is refused after.
 */
async function syncCertificate(
  tx: Db,
  ctx: Ctx,
  reg: { id: string; workerId: string; level: string; year: number },
  result: { result: ExamResult; resultOn: string | null },
) {
  const [cert] = await tx.select().from(qualifications).where(eq(qualifications.examRegistrationId, reg.id));
  if (result.result === 'passed' && result.resultOn) {
    if (!cert) {
      const [row] = await tx
        .insert(qualifications)
        .values({
          workerId: reg.workerId,
          level: reg.level,
          obtainedOn: result.resultOn,
          examYear: reg.year,
          examRegistrationId: reg.id,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning({ id: qualifications.id });
      return { created: row.id };
    }
    if (cert.certificateNo === null && cert.obtainedOn !== result.resultOn)
      await tx
        .update(qualifications)
        .set({ obtainedOn: result.resultOn, updatedAt: ctx.now, version: cert.version + 1 })
        .where(eq(qualifications.id, cert.id));
    return {};
  }
  if (!cert) return {};
  if (cert.certificateNo !== null) throw conflict('result', 'validation.exam.certificateConfirmed');
  await tx.delete(qualifications).where(eq(qualifications.id, cert.id));
  return { removed: cert.id };
}

const examTaken = () => duplicate('level', 'validation.exam.duplicate');

export async function createExamRegistration(
  db: Db,
  ctx: Ctx,
  input: ExamInput & { workerId: string; year: number; level: Level; regionCode?: string },
) {
  const today = localDate(ctx.now);
  const [worker] = await findScopedWorkers(db, ctx.actor.scopes, [input.workerId]);
  if (!worker) throw validationError('workerId', 'validation.worker.unknown');
  const regionCode = input.regionCode ?? worker.regionCode;
  if (input.regionCode) await regionInScope(db, ctx, input.regionCode);
  if (input.year > Number(today.slice(0, 4)) + 1) throw validationError('year', 'validation.exam.year');
  assertNotFuture(input.registeredOn, today, 'registeredOn');
  const result = checkResult(input.level, input.year, input, today);
  await checkExtras(db, ctx, input, true);
  const id = await db
    .transaction(async (tx) => {
      const [row] = await tx
        .insert(examRegistrations)
        .values({
          workerId: input.workerId,
          regionCode,
          year: input.year,
          level: input.level,
          registeredOn: input.registeredOn ?? null,
          ...result,
          sponsorOrganizationId: input.sponsorOrganizationId ?? null,
          reimbursedItems: [...new Set(input.reimbursedItems ?? [])],
          reimbursedFen: input.reimbursedFen ?? 0,
          note: input.note ?? '',
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .onConflictDoNothing()
        .returning({ id: examRegistrations.id });
      if (!row) throw examTaken();
      const cert = await syncCertificate(
        tx,
        ctx,
        { id: row.id, workerId: input.workerId, level: input.level, year: input.year },
        result,
      );
      await writeAudit(tx, ctx, {
        action: 'create',
        entity: 'exam_registration',
        entityIds: [row.id, input.workerId],
        regionCode,
        fields: filledFields(input),
        detail: { year: input.year, level: input.level, result: result.result, ...cert },
      });
      return row.id;
    })
    .catch((err) => {
      if (isUniqueViolation(err, 'exam_registrations_worker_year_level_uq')) throw examTaken();
      throw err;
    });
  return getExamRegistration(db, ctx, id);
}

/** Records the result (a pass creates the certificate) and corrects the rest; fields left out keep their values. */
export async function updateExamRegistration(db: Db, ctx: Ctx, id: string, body: ExamInput & { version?: number }) {
  const row = await findExamRegistration(db, ctx.actor.scopes, id);
  if (!row) throw notFound();
  await assertVersion(row.version, body.version, () => getExamRegistration(db, ctx, id));
  const keep = <K extends keyof ExamInput>(k: K) =>
    (body[k] !== undefined ? body[k] : row[k as keyof ExamRow]) as ExamInput[K];
  const resultChanged = body.result !== undefined && body.result !== row.result;
  const next: ExamInput = {
    result: keep('result'),
    resultOn: keep('resultOn'),
    registeredOn: keep('registeredOn'),
    sponsorOrganizationId: keep('sponsorOrganizationId'),
    reimbursedItems: keep('reimbursedItems'),
    reimbursedFen: keep('reimbursedFen'),
    note: keep('note'),
    // A new result brings its own subjects (a pass without a list passed them all).
    subjectsPassed: body.subjectsPassed ?? (resultChanged ? undefined : row.subjectsPassed),
  };
  if (next.result === 'pending' && body.resultOn === undefined) next.resultOn = null;
  const today = localDate(ctx.now);
  assertNotFuture(next.registeredOn, today, 'registeredOn');
  const result = checkResult(row.level as Level, row.year, next, today);
  await checkExtras(db, ctx, next, next.sponsorOrganizationId !== row.sponsorOrganizationId);
  const columns = {
    ...result,
    registeredOn: next.registeredOn ?? null,
    sponsorOrganizationId: next.sponsorOrganizationId ?? null,
    reimbursedItems: [...new Set(next.reimbursedItems ?? [])],
    reimbursedFen: next.reimbursedFen ?? 0,
    note: next.note ?? '',
  };
  const changed = (Object.keys(columns) as (keyof typeof columns)[]).filter(
    (k) => JSON.stringify(columns[k]) !== JSON.stringify(row[k]),
  );
  await db.transaction(async (tx) => {
    await updateVersioned(tx, examRegistrations, id, row.version, { ...columns, updatedAt: ctx.now });
    const cert = await syncCertificate(tx, ctx, row, result);
    await writeAudit(tx, ctx, {
      action: resultChanged ? 'record_result' : 'update',
      entity: 'exam_registration',
      entityIds: [id, row.workerId],
      regionCode: row.regionCode,
      fields: changed,
      detail: { result: result.result, ...cert },
    });
  });
  return getExamRegistration(db, ctx, id);
}
