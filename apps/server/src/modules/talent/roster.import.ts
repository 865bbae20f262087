import { and, desc, eq, isNull } from 'drizzle-orm';
import { type BulkColumn, BulkPipeline } from '../../db/bulk.ts';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/sql.ts';
import { writeAudits } from '../../platform/audit/audit.service.ts';
import type { Ctx } from '../../platform/context.ts';
import { localDate } from '../../platform/dates.ts';
import { AppError } from '../../platform/errors.ts';
import type { ImportLimits } from '../../platform/excel/excel.guard.ts';
import type { ImportResult } from '../../platform/excel/excel.import.ts';
import { errorReportWorkbook, formatRowError, readWorkbook } from '../../platform/excel/excel.workbook.ts';
import type { PiiCipher } from '../../platform/pii.ts';
import { qualifications } from './qualifications.table.ts';
import { checkRows, RowErrors, rosterSeen } from './roster.check.ts';
import { lookUpRoster, planRoster, type RosterPlan, rosterSummary, WORKER_CLEAR } from './roster.plan.ts';
import { rosterSheet } from './roster.sheet.ts';
import { stationAssignments, workerEmployments, workers } from './workers.table.ts';

const WORKER_COLUMNS: BulkColumn[] = [
  ['id', 'uuid'],
  ['region_code', 'text'],
  ['name', 'text'],
  ['sex', 'text'],
  ['birth_date', 'date'],
  ['id_number_enc', 'text'],
  ['id_number_hash', 'text'],
  ['phone_enc', 'text'],
  ['phone_hash', 'text'],
  ['education', 'text'],
  ['major', 'text'],
  ['category', 'text'],
  ['organization_id', 'uuid'],
  ['job_title', 'text'],
  ['joined_on', 'date'],
  ['note', 'text'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
];
const EMPLOYMENT_COLUMNS: BulkColumn[] = [
  ['id', 'uuid'],
  ['worker_id', 'uuid'],
  ['region_code', 'text'],
  ['organization_id', 'uuid'],
  ['job_title', 'text'],
  ['started_on', 'date'],
  ['created_at', 'timestamptz'],
];
const ASSIGNMENT_COLUMNS: BulkColumn[] = [
  ['id', 'uuid'],
  ['worker_id', 'uuid'],
  ['station_id', 'uuid'],
  ['region_code', 'text'],
  ['started_on', 'date'],
  ['created_at', 'timestamptz'],
];
const CERTIFICATE_COLUMNS: BulkColumn[] = [
  ['id', 'uuid'],
  ['worker_id', 'uuid'],
  ['level', 'text'],
  ['certificate_no', 'text'],
  ['obtained_on', 'date'],
  ['exam_year', 'smallint'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
];

/** Another writer changed a person or a certificate of the file since it was checked. */
class Stale extends Error {}

/** Writes one batch's plan: the edits now, the inserts queued on `pipeline` (see BulkPipeline). */
async function writePlan(tx: Db, ctx: Ctx, pii: PiiCipher, plan: RosterPlan, pipeline: BulkPipeline) {
  // Edits first: a residency ends before the next one opens, a number moves before it is reused.
  for (const u of plan.workerUpdates) {
    const done = await tx
      .update(workers)
      .set({ ...u.set, updatedAt: ctx.now, version: u.version + 1 })
      .where(and(eq(workers.id, u.id), eq(workers.version, u.version)))
      .returning({ id: workers.id });
    if (done.length === 0) throw new Stale();
    if (u.employment) {
      const [current] = await tx
        .select({ id: workerEmployments.id })
        .from(workerEmployments)
        .where(and(eq(workerEmployments.workerId, u.id), isNull(workerEmployments.endedOn)))
        .orderBy(desc(workerEmployments.startedOn))
        .limit(1);
      if (current) await tx.update(workerEmployments).set(u.employment).where(eq(workerEmployments.id, current.id));
    }
  }
  for (const e of plan.endAssignments) {
    const done = await tx
      .update(stationAssignments)
      .set({ endedOn: e.endedOn })
      .where(and(eq(stationAssignments.id, e.id), isNull(stationAssignments.endedOn)))
      .returning({ id: stationAssignments.id });
    if (done.length === 0) throw new Stale();
  }
  for (const c of plan.certificateUpdates) {
    const done = await tx
      .update(qualifications)
      .set({ ...c.set, updatedAt: ctx.now, version: c.version + 1 })
      .where(and(eq(qualifications.id, c.id), eq(qualifications.version, c.version)))
      .returning({ id: qualifications.id });
    if (done.length === 0) throw new Stale();
  }
  // The clear ID number and phone are sealed (and the phone hashed) on a worker thread, while
  // this one reads the next rows.
  const encrypt = async () => {
    const rows = plan.workers;
    const { idNumber, phone, phoneHash } = WORKER_CLEAR;
    const phoned = rows.filter((w) => w[phone]);
    const [ids, phones] = await Promise.all([
      pii.encryptManyAside(rows.map((w) => w[idNumber] as string)),
      pii.encryptAndHashManyAside(phoned.map((w) => w[phone] as string)),
    ]);
    rows.forEach((w, i) => {
      w[idNumber] = ids[i];
    });
    phoned.forEach((w, i) => {
      w[phone] = phones.sealed[i];
      w[phoneHash] = phones.hashes[i];
    });
  };
  await pipeline.insert(
    [
      { table: 'workers', columns: WORKER_COLUMNS, rows: plan.workers },
      { table: 'worker_employments', columns: EMPLOYMENT_COLUMNS, rows: plan.employments },
      { table: 'station_assignments', columns: ASSIGNMENT_COLUMNS, rows: plan.assignments },
      { table: 'qualifications', columns: CERTIFICATE_COLUMNS, rows: plan.certificates },
    ],
    { prepare: plan.workers.length ? encrypt : undefined },
  );
}

export interface ImportOptions {
  /**
   * Look up what the rows name on another connection than the import's transaction, so that the
   * next batch is planned while the server still inserts the one before (PostgreSQL's pool; never
   * the embedded database, whose one connection the transaction holds). The lookups find what was
   * there before the import: rows of the same file are matched to each other by the file checks.
   */
  readsAside?: boolean;
  /** Rows per batch (BATCH_ROWS unless a test asks for small batches). */
  batchRows?: number;
  /** Read the file on the reading thread (see streamSheet); by default, when it is large. */
  readingThread?: boolean;
}

/** Carries the outcome out of a transaction that must not commit (a dry run, or a file with errors). */
class Rollback extends Error {}

/**
 * Imports a roster all-or-nothing. The file is read in batches of rows; each batch is checked,
 * everything its rows name is looked up at once, and its writes are queued as a few bulk
 * statements that the server runs while the next batch is read — a 50,000-row roster costs a few
 * dozen round trips, not one per row, and the reading and the writing overlap. People are matched
 * by the ID number's keyed hash, so importing the same file again changes nothing; a changed cell
 * updates that person, audited with the fields that changed. The people created are listed on the
 * import's audit row (one row, not 50,000). Once any row has an error nothing more is written, and
 * the transaction rolls back at the end; a dry run checks everything and writes nothing.
 */
export async function importRoster(
  db: Db,
  ctx: Ctx,
  pii: PiiCipher,
  file: { buffer: Buffer; filename: string; limits?: ImportLimits },
  dryRun: boolean,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  const spec = await rosterSheet(db, ctx.now);
  const today = localDate(ctx.now);
  const errors = new RowErrors(ctx, spec);
  const seen = rosterSeen();
  const summary = rosterSummary();
  let rows = 0;
  let pipeline: BulkPipeline | null = null;
  try {
    await db.transaction(async (tx) => {
      const queue = new BulkPipeline(tx);
      pipeline = queue;
      const write = async (plan: RosterPlan) => {
        if (errors.list.length === 0 && !dryRun) await writePlan(tx, ctx, pii, plan, queue);
      };
      // With reads aside, a batch's lookups are sent as soon as it is checked, and it is planned
      // and written as soon as they answer, while the next rows are read; reading waits only for the
      // batch before to be written (queued), so at most one batch is between the two.
      let written: Promise<void> = Promise.resolve();
      const reading = readWorkbook(
        file.buffer,
        spec,
        ctx.locale,
        async (batch) => {
          for (const e of batch.errors) {
            errors.list.push(e);
            errors.rows.add(e.row);
          }
          const checked = checkRows(ctx, pii, batch.rows, today, errors, seen);
          rows += checked.length;
          if (opts.readsAside) {
            const lookups = lookUpRoster(db, ctx, checked, true);
            const before = written;
            written = before.then(async () =>
              write(planRoster(await lookups, ctx, pii, checked, today, errors, file.filename, summary)),
            );
            // Awaited with the next batch or at the end; until then a failure must not count as unhandled.
            written.catch(() => {});
            await before;
          } else {
            // On one connection the lookups go after the queued inserts, which run one at a time.
            await queue.settled();
            await write(
              planRoster(
                await lookUpRoster(tx, ctx, checked, false),
                ctx,
                pii,
                checked,
                today,
                errors,
                file.filename,
                summary,
              ),
            );
          }
        },
        { batchSize: opts.batchRows, readingThread: opts.readingThread, limits: file.limits },
      );
      // The transaction ends only once no batch is being written on it, whatever the reading came to.
      const failed = await reading.then(
        () => null,
        (error: unknown) => ({ error }),
      );
      if (failed) {
        await written.catch(() => {});
        throw failed.error;
      }
      await written;
      await queue.settled();
      if (errors.list.length || dryRun) throw new Rollback();
      const detail = { filename: file.filename, rows, ...summary.counts };
      await writeAudits(tx, ctx, [
        ...summary.audits,
        { action: 'import', entity: 'worker', entityIds: summary.created, fields: [...summary.createdFields], detail },
      ]);
    });
  } catch (err) {
    // A queued insert that failed aborts the transaction: what failed after it only says so.
    const cause = (pipeline as BulkPipeline | null)?.failed() ?? err;
    if (cause instanceof Stale || isUniqueViolation(cause))
      throw new AppError('CONFLICT', { errors: [{ path: 'file', message: 'validation.roster.concurrent' }] });
    if (!(cause instanceof Rollback)) throw cause;
  }
  const list = errors.list.sort((a, b) => a.row - b.row);
  const report = list.length
    ? (await errorReportWorkbook(file.buffer, spec, list, ctx.locale)).toString('base64')
    : null;
  return {
    dryRun,
    committed: list.length === 0 && !dryRun,
    ...summary.counts,
    errors: list.map((e) => ({ ...e, text: formatRowError(ctx.locale, e) })),
    errorReport: report,
  };
}
