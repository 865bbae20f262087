import { and, desc, eq, isNull } from 'drizzle-orm';
import { type BulkColumn, BulkPipeline } from '../../db/bulk.ts';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/sql.ts';
import { writeAudits } from '../../platform/audit/audit.service.ts';
import type { Ctx } from '../../platform/context.ts';
import { localDate } from '../../platform/dates.ts';
import { AppError } from '../../platform/errors.ts';
import type { ImportResult } from '../../platform/excel/excel.import.ts';
import { errorReportWorkbook, formatRowError, parseWorkbook } from '../../platform/excel/excel.workbook.ts';
import type { PiiCipher } from '../../platform/pii.ts';
import { qualifications } from './qualifications.table.ts';
import { checkRows, RowErrors } from './roster.check.ts';
import { planRoster, type RosterPlan, WORKER_CLEAR } from './roster.plan.ts';
import { rosterSheet } from './roster.sheet.ts';
import { stationAssignments, workerEmployments, workers } from './workers.table.ts';

const WORKER_COLUMNS: BulkColumn[] = [
  ['id', 'uuid'], ['region_code', 'text'], ['name', 'text'], ['sex', 'text'], ['birth_date', 'date'], ['id_number_enc', 'text'], ['id_number_hash', 'text'], ['phone_enc', 'text'],
  ['phone_hash', 'text'], ['education', 'text'], ['major', 'text'], ['category', 'text'], ['organization_id', 'uuid'], ['job_title', 'text'], ['joined_on', 'date'], ['note', 'text'],
  ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
];
const EMPLOYMENT_COLUMNS: BulkColumn[] = [['id', 'uuid'], ['worker_id', 'uuid'], ['region_code', 'text'], ['organization_id', 'uuid'], ['job_title', 'text'], ['started_on', 'date'], ['created_at', 'timestamptz']];
const ASSIGNMENT_COLUMNS: BulkColumn[] = [['id', 'uuid'], ['worker_id', 'uuid'], ['station_id', 'uuid'], ['region_code', 'text'], ['started_on', 'date'], ['created_at', 'timestamptz']];
const CERTIFICATE_COLUMNS: BulkColumn[] = [['id', 'uuid'], ['worker_id', 'uuid'], ['level', 'text'], ['certificate_no', 'text'], ['obtained_on', 'date'], ['exam_year', 'smallint'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']];

/** Another writer changed a person or a certificate of the file since it was checked. */
class Stale extends Error {}

async function writePlan(tx: Db, ctx: Ctx, pii: PiiCipher, plan: RosterPlan) {
  // Edits first: a residency ends before the next one opens, a number moves before it is reused.
  for (const u of plan.workerUpdates) {
    const done = await tx.update(workers).set({ ...u.set, updatedAt: ctx.now, version: u.version + 1 }).where(and(eq(workers.id, u.id), eq(workers.version, u.version))).returning({ id: workers.id });
    if (done.length === 0) throw new Stale();
    if (u.employment) {
      const [current] = await tx.select({ id: workerEmployments.id }).from(workerEmployments).where(and(eq(workerEmployments.workerId, u.id), isNull(workerEmployments.endedOn))).orderBy(desc(workerEmployments.startedOn)).limit(1);
      if (current) await tx.update(workerEmployments).set(u.employment).where(eq(workerEmployments.id, current.id));
    }
  }
  for (const e of plan.endAssignments) {
    const done = await tx.update(stationAssignments).set({ endedOn: e.endedOn }).where(and(eq(stationAssignments.id, e.id), isNull(stationAssignments.endedOn))).returning({ id: stationAssignments.id });
    if (done.length === 0) throw new Stale();
  }
  for (const c of plan.certificateUpdates) {
    const done = await tx.update(qualifications).set({ ...c.set, updatedAt: ctx.now, version: c.version + 1 }).where(and(eq(qualifications.id, c.id), eq(qualifications.version, c.version))).returning({ id: qualifications.id });
    if (done.length === 0) throw new Stale();
  }
  // The clear ID number and phone are encrypted a chunk at a time, while the chunk before is inserted.
  const encrypt = (part: unknown[][]) => {
    for (const at of [WORKER_CLEAR.idNumber, WORKER_CLEAR.phone]) {
      const filled = part.filter((w) => w[at]);
      const sealed = pii.encryptMany(filled.map((w) => w[at] as string));
      filled.forEach((w, i) => {
        w[at] = sealed[i];
      });
    }
  };
  const pipeline = new BulkPipeline(tx);
  await pipeline.insert('workers', WORKER_COLUMNS, plan.workers, { prepare: encrypt });
  await pipeline.insert('worker_employments', EMPLOYMENT_COLUMNS, plan.employments);
  await pipeline.insert('station_assignments', ASSIGNMENT_COLUMNS, plan.assignments);
  await pipeline.insert('qualifications', CERTIFICATE_COLUMNS, plan.certificates);
  await pipeline.done();
}

/** Carries the outcome out of a transaction that must not commit (a dry run, or a file with errors). */
class Rollback extends Error {}

/**
 * Imports a roster all-or-nothing. The file is parsed and every row checked, everything the rows
 * name is looked up once for the whole file, and the writes go in as a few bulk statements — a
 * 50,000-row roster costs a handful of round trips, not one per row. People are matched by the
 * ID number's keyed hash, so importing the same file again changes nothing; a changed cell updates
 * that person, audited with the fields that changed. The people created are listed on the import's
 * audit row (one row, not 50,000). A dry run checks everything and writes nothing.
 */
export async function importRoster(db: Db, ctx: Ctx, pii: PiiCipher, file: { buffer: Buffer; filename: string }, dryRun: boolean): Promise<ImportResult> {
  const spec = await rosterSheet(db, ctx.now);
  const today = localDate(ctx.now);
  const parsed = await parseWorkbook(file.buffer, spec, ctx.locale);
  const errors = new RowErrors(ctx, spec);
  for (const e of parsed.errors) {
    errors.list.push(e);
    errors.rows.add(e.row);
  }
  const rows = checkRows(ctx, pii, parsed.rows, today, errors);
  let counts = { created: 0, updated: 0, unchanged: 0 };
  try {
    await db.transaction(async (tx) => {
      const plan = await planRoster(tx, ctx, pii, rows, today, errors, file.filename);
      counts = plan.counts;
      if (errors.list.length || dryRun) throw new Rollback();
      await writePlan(tx, ctx, pii, plan);
      const summary = { action: 'import', entity: 'worker', entityIds: plan.created, fields: [...plan.createdFields], detail: { filename: file.filename, rows: rows.length, ...counts } };
      await writeAudits(tx, ctx, [...plan.audits, summary]);
    });
  } catch (err) {
    if (err instanceof Stale) throw new AppError('CONFLICT', { errors: [{ path: 'file', message: 'validation.roster.concurrent' }] });
    if (isUniqueViolation(err)) throw new AppError('CONFLICT', { errors: [{ path: 'file', message: 'validation.roster.concurrent' }] });
    if (!(err instanceof Rollback)) throw err;
  }
  const list = errors.list.sort((a, b) => a.row - b.row);
  const report = list.length ? (await errorReportWorkbook(file.buffer, spec, list, ctx.locale)).toString('base64') : null;
  return {
    dryRun,
    committed: list.length === 0 && !dryRun,
    ...counts,
    errors: list.map((e) => ({ ...e, text: formatRowError(ctx.locale, e) })),
    errorReport: report,
  };
}
