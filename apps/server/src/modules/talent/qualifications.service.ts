import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/sql.ts';
import { deleteVersioned, updateVersioned } from '../../db/versioned.ts';
import { filledFields, writeAudit } from '../../platform/audit/audit.service.ts';
import type { Ctx } from '../../platform/context.ts';
import { localDate } from '../../platform/dates.ts';
import { assertVersion, notFound, validationError } from '../../platform/errors.ts';
import type { ParamsCache } from '../params/params.service.ts';
import { presentQualifications } from './qualifications.presenter.ts';
import {
  certificatesOf,
  findHonor,
  findQualification,
  honorsOf,
  registrationsOf,
  unscopedCertificateNoTaken,
} from './qualifications.repo.ts';
import { honors, qualificationRegistrations, qualifications } from './qualifications.table.ts';
import { assertDictValue } from './talent.dicts.ts';
import { assertAfterExam, assertNotFuture, duplicate, type Level, periodEnd } from './talent.rules.ts';
import { getScopedWorker } from './workers.service.ts';

/** Certificates, their registration periods and the worker's honours, with the current level computed for today. */
export async function getQualifications(db: Db, ctx: Ctx, params: ParamsCache, workerId: string) {
  await getScopedWorker(db, ctx, workerId);
  const [certs, honorRows] = await Promise.all([certificatesOf(db, workerId), honorsOf(db, workerId)]);
  const periods = await registrationsOf(
    db,
    certs.map((c) => c.id),
  );
  return presentQualifications(
    certs,
    periods,
    honorRows,
    localDate(ctx.now),
    await params.int('talent.registration.dueDays'),
  );
}

/** Certificate numbers are compared in their printed form: trimmed, full-width folded, upper case. */
export function normalCertificateNo(no: string | null | undefined): string | null | undefined {
  return no == null ? no : no.normalize('NFKC').trim().toUpperCase() || null;
}

const numberTaken = () => duplicate('certificateNo', 'validation.qualification.numberTaken');

/** Two writers of one number both pass the pre-check; the unique index decides. */
export function mapNumberTaken<T>(work: Promise<T>): Promise<T> {
  return work.catch((err) => {
    if (isUniqueViolation(err, 'qualifications_certificate_no_uq')) throw numberTaken();
    throw err;
  });
}

export interface CertificateInput {
  level: Level;
  certificateNo?: string | null;
  obtainedOn: string;
  issuingBody?: string;
  examYear?: number | null;
  validUntil?: string | null;
  revokedOn?: string | null;
  revokeReason?: string;
}

async function checkCertificate(db: Db, ctx: Ctx, c: CertificateInput, exceptId?: string) {
  const today = localDate(ctx.now);
  await assertDictValue(db, 'qualification_level', c.level, 'level', 'validation.qualification.unknownLevel');
  assertNotFuture(c.obtainedOn, today, 'obtainedOn');
  assertAfterExam(c.obtainedOn, c.examYear);
  if (c.validUntil && c.validUntil < c.obtainedOn)
    throw validationError('validUntil', 'validation.qualification.validUntilBeforeObtained');
  if (c.revokedOn && c.revokedOn < c.obtainedOn)
    throw validationError('revokedOn', 'validation.qualification.revokedBeforeObtained');
  assertNotFuture(c.revokedOn, today, 'revokedOn');
  if (c.certificateNo && (await unscopedCertificateNoTaken(db, c.certificateNo, exceptId))) throw numberTaken();
}

function columns(c: CertificateInput) {
  return {
    level: c.level,
    certificateNo: c.certificateNo ?? null,
    obtainedOn: c.obtainedOn,
    issuingBody: c.issuingBody ?? '',
    examYear: c.examYear ?? null,
    validUntil: c.validUntil ?? null,
    revokedOn: c.revokedOn ?? null,
    revokeReason: c.revokeReason ?? '',
  };
}

export async function addCertificate(db: Db, ctx: Ctx, params: ParamsCache, workerId: string, body: CertificateInput) {
  const worker = await getScopedWorker(db, ctx, workerId);
  const input = { ...body, certificateNo: normalCertificateNo(body.certificateNo) };
  await checkCertificate(db, ctx, input);
  await mapNumberTaken(
    db.transaction(async (tx) => {
      const [row] = await tx
        .insert(qualifications)
        .values({ ...columns(input), workerId, createdAt: ctx.now, updatedAt: ctx.now })
        .returning({ id: qualifications.id });
      await writeAudit(tx, ctx, {
        action: 'create',
        entity: 'qualification',
        entityIds: [row.id, workerId],
        regionCode: worker.regionCode,
        fields: filledFields(input),
        detail: { level: input.level },
      });
    }),
  );
  return getQualifications(db, ctx, params, workerId);
}

const FIELDS = [
  'level',
  'certificateNo',
  'obtainedOn',
  'issuingBody',
  'examYear',
  'validUntil',
  'revokedOn',
  'revokeReason',
] as const;

/**
 * Confirms a pending number, corrects or revokes a certificate; fields left out keep their values.
 * A certificate from an exam pass keeps the exam's level and year (they change with the exam record).
 */
export async function updateCertificate(
  db: Db,
  ctx: Ctx,
  params: ParamsCache,
  id: string,
  body: Partial<CertificateInput> & { version?: number },
) {
  const row = await findQualification(db, ctx.actor.scopes, id);
  if (!row) throw notFound();
  await assertVersion(row.version, body.version, () => getQualifications(db, ctx, params, row.workerId));
  const input = {
    ...body,
    ...(body.certificateNo !== undefined ? { certificateNo: normalCertificateNo(body.certificateNo) } : {}),
  };
  const next = Object.fromEntries(
    FIELDS.map((k) => [k, input[k] !== undefined ? input[k] : row[k]]),
  ) as unknown as CertificateInput;
  if (row.examRegistrationId && (next.level !== row.level || next.examYear !== row.examYear)) {
    throw validationError(next.level !== row.level ? 'level' : 'examYear', 'validation.qualification.fromExam');
  }
  await checkCertificate(db, ctx, next, id);
  const changed = FIELDS.filter((k) => next[k] !== row[k]);
  await mapNumberTaken(
    db.transaction(async (tx) => {
      await updateVersioned(tx, qualifications, id, row.version, { ...columns(next), updatedAt: ctx.now });
      const action =
        row.certificateNo === null && next.certificateNo
          ? 'confirm_number'
          : next.revokedOn && !row.revokedOn
            ? 'revoke'
            : 'update';
      await writeAudit(tx, ctx, {
        action,
        entity: 'qualification',
        entityIds: [id, row.workerId],
        regionCode: row.regionCode,
        fields: changed,
      });
    }),
  );
  return getQualifications(db, ctx, params, row.workerId);
}

/**
 * 登记 (or its renewal): a new period from `registeredOn`, by default as long as the parameter
 * `talent.registration.years`. Periods follow one another; a certificate is registered no earlier
 * than it was obtained.
 */
export async function addRegistration(
  db: Db,
  ctx: Ctx,
  params: ParamsCache,
  id: string,
  input: { registeredOn: string; renewalDueOn?: string; registrationNo?: string },
) {
  const row = await findQualification(db, ctx.actor.scopes, id);
  if (!row) throw notFound();
  assertNotFuture(input.registeredOn, localDate(ctx.now), 'registeredOn');
  if (input.registeredOn < row.obtainedOn)
    throw validationError('registeredOn', 'validation.qualification.registrationBeforeObtained');
  const renewalDueOn =
    input.renewalDueOn ?? periodEnd(input.registeredOn, await params.int('talent.registration.years'));
  if (renewalDueOn < input.registeredOn) throw validationError('renewalDueOn', 'validation.talent.endBeforeStart');
  await db.transaction(async (tx) => {
    await tx.select({ id: qualifications.id }).from(qualifications).where(eq(qualifications.id, id)).for('update');
    const [last] = (await registrationsOf(tx, [id])).slice(-1);
    if (last && input.registeredOn <= last.registeredOn)
      throw validationError('registeredOn', 'validation.qualification.registrationOrder', { date: last.registeredOn });
    await tx.insert(qualificationRegistrations).values({
      qualificationId: id,
      registeredOn: input.registeredOn,
      renewalDueOn,
      registrationNo: input.registrationNo ?? '',
      createdAt: ctx.now,
    });
    await tx
      .update(qualifications)
      .set({ updatedAt: ctx.now, version: row.version + 1 })
      .where(eq(qualifications.id, id));
    await writeAudit(tx, ctx, {
      action: last ? 'renew_registration' : 'register',
      entity: 'qualification',
      entityIds: [id, row.workerId],
      regionCode: row.regionCode,
      fields: ['registeredOn', 'renewalDueOn'],
    });
  });
  return getQualifications(db, ctx, params, row.workerId);
}

export interface HonorInput {
  kind: string;
  level: string;
  year: number;
  awardedBy?: string;
  note?: string;
}

async function checkHonor(db: Db, ctx: Ctx, h: HonorInput) {
  await assertDictValue(db, 'talent_honor_kind', h.kind, 'kind', 'validation.honor.unknownKind');
  if (h.year > Number(localDate(ctx.now).slice(0, 4))) throw validationError('year', 'validation.talent.future');
}

export async function addHonor(db: Db, ctx: Ctx, params: ParamsCache, workerId: string, input: HonorInput) {
  const worker = await getScopedWorker(db, ctx, workerId);
  await checkHonor(db, ctx, input);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(honors)
      .values({ workerId, ...input, createdAt: ctx.now, updatedAt: ctx.now })
      .returning({ id: honors.id });
    await writeAudit(tx, ctx, {
      action: 'create',
      entity: 'honor',
      entityIds: [row.id, workerId],
      regionCode: worker.regionCode,
      fields: filledFields(input),
      detail: { kind: input.kind, level: input.level, year: input.year },
    });
  });
  return getQualifications(db, ctx, params, workerId);
}

const HONOR_FIELDS = ['kind', 'level', 'year', 'awardedBy', 'note'] as const;

/** Corrects a mistaken honour; awardedBy and note left out keep their values. */
export async function updateHonor(
  db: Db,
  ctx: Ctx,
  params: ParamsCache,
  id: string,
  body: HonorInput & { version?: number },
) {
  const row = await findHonor(db, ctx.actor.scopes, id);
  if (!row) throw notFound();
  await assertVersion(row.version, body.version, () => getQualifications(db, ctx, params, row.workerId));
  const next = {
    kind: body.kind,
    level: body.level,
    year: body.year,
    awardedBy: body.awardedBy ?? row.awardedBy,
    note: body.note ?? row.note,
  };
  await checkHonor(db, ctx, next);
  const changed = HONOR_FIELDS.filter((k) => next[k] !== row[k]);
  await db.transaction(async (tx) => {
    await updateVersioned(tx, honors, id, row.version, { ...next, updatedAt: ctx.now });
    await writeAudit(tx, ctx, {
      action: 'update',
      entity: 'honor',
      entityIds: [id, row.workerId],
      regionCode: row.regionCode,
      fields: changed,
    });
  });
  return getQualifications(db, ctx, params, row.workerId);
}

/** Removes a mistaken honour; the audit row keeps what it said. */
export async function deleteHonor(db: Db, ctx: Ctx, params: ParamsCache, id: string, version: number | undefined) {
  const row = await findHonor(db, ctx.actor.scopes, id);
  if (!row) throw notFound();
  await assertVersion(row.version, version, () => getQualifications(db, ctx, params, row.workerId));
  await db.transaction(async (tx) => {
    await deleteVersioned(tx, honors, id, row.version);
    await writeAudit(tx, ctx, {
      action: 'delete',
      entity: 'honor',
      entityIds: [id, row.workerId],
      regionCode: row.regionCode,
      detail: { kind: row.kind, level: row.level, year: row.year },
    });
  });
  return getQualifications(db, ctx, params, row.workerId);
}
