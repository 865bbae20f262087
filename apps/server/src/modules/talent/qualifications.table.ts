import { sql } from 'drizzle-orm';
import { date, index, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, timestamps, versionColumn } from '../../db/columns.ts';
import { examRegistrations } from './exams.table.ts';
import { workers } from './workers.table.ts';

/**
 * 社会工作者职业资格证书: assistant (助理社会工作师) | intermediate (社会工作师) | senior (高级社会工作师).
 * Valid on day D when `obtained_on <= D`, `valid_until` is null or `>= D`, and `revoked_on` is null
 * or `> D` (revoked from that day). A worker's current level is the highest certificate valid
 * today — computed, never stored. A certificate created by an exam pass has no number yet:
 * `certificate_no` is null (pending) until the worker confirms it; real numbers are unique
 * nationwide (a partial unique index on the non-null numbers, so many may be pending at once).
 */
export const qualifications = pgTable(
  'qualifications',
  {
    id: idColumn(),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    level: text('level').notNull(),
    certificateNo: text('certificate_no'),
    obtainedOn: date('obtained_on', { mode: 'string' }).notNull(),
    issuingBody: text('issuing_body').notNull().default(''),
    /** The exam year; the certificate cannot be obtained before it. Null for certificates without an exam on record. */
    examYear: smallint('exam_year'),
    /** The exam registration whose pass created this certificate, if any. */
    examRegistrationId: uuid('exam_registration_id').references(() => examRegistrations.id, { onDelete: 'set null' }),
    validUntil: date('valid_until', { mode: 'string' }),
    revokedOn: date('revoked_on', { mode: 'string' }),
    revokeReason: text('revoke_reason').notNull().default(''),
    ...timestamps(),
    version: versionColumn(),
  },
  (t) => [
    uniqueIndex('qualifications_certificate_no_uq').on(t.certificateNo).where(sql`${t.certificateNo} is not null`),
    uniqueIndex('qualifications_exam_registration_uq')
      .on(t.examRegistrationId)
      .where(sql`${t.examRegistrationId} is not null`),
    index('qualifications_worker_idx').on(t.workerId, t.obtainedOn),
    index('qualifications_level_idx').on(t.level, t.obtainedOn),
  ],
);

/**
 * 登记: each registration period of a certificate, from `registered_on` to `renewal_due_on`
 * inclusive (renewed by adding the next period). The status on day D is read from the latest
 * period started by D: none → unregistered, D ≤ renewal_due_on → registered, otherwise lapsed.
 */
export const qualificationRegistrations = pgTable(
  'qualification_registrations',
  {
    id: idColumn(),
    qualificationId: uuid('qualification_id')
      .notNull()
      .references(() => qualifications.id, { onDelete: 'cascade' }),
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    renewalDueOn: date('renewal_due_on', { mode: 'string' }).notNull(),
    registrationNo: text('registration_no').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('qualification_registrations_qualification_idx').on(t.qualificationId, t.registeredOn)],
);

/**
 * 领军人才 and other talent titles: kind, level (national | provincial | city) and the year awarded.
 * A mistaken entry is corrected (with its version) or deleted; both are audited.
 */
export const honors = pgTable(
  'honors',
  {
    id: idColumn(),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    /** talent_honor_kind dictionary (leading_talent, …). */
    kind: text('kind').notNull(),
    level: text('level').notNull(),
    year: smallint('year').notNull(),
    awardedBy: text('awarded_by').notNull().default(''),
    note: text('note').notNull().default(''),
    ...timestamps(),
    version: versionColumn(),
  },
  (t) => [index('honors_worker_idx').on(t.workerId), index('honors_level_year_idx').on(t.level, t.year)],
);
