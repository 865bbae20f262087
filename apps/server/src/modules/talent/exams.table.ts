import { sql } from 'drizzle-orm';
import { date, index, pgTable, smallint, text, unique, uuid } from 'drizzle-orm/pg-core';
import { idColumn, money, regionCodeColumn, timestamps, versionColumn } from '../../db/columns.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { workers } from './workers.table.ts';

/**
 * 社会工作者职业水平考试 registrations: one per person, year and level. `region_code` is where the
 * person registered (their region at the time), so yearly registration and pass counts replay
 * after people move. Result: pending | passed | failed | absent, with the day results were
 * published; `subjects_passed` lists exam_subject values for the multi-subject levels. A sponsor
 * organization may reimburse the fees (铜仁: registration, books, travel): items and amount in 分.
 */
export const examRegistrations = pgTable(
  'exam_registrations',
  {
    id: idColumn(),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    regionCode: regionCodeColumn(),
    year: smallint('year').notNull(),
    level: text('level').notNull(),
    registeredOn: date('registered_on', { mode: 'string' }),
    result: text('result').notNull().default('pending'),
    resultOn: date('result_on', { mode: 'string' }),
    subjectsPassed: text('subjects_passed').array().notNull().default([]),
    sponsorOrganizationId: uuid('sponsor_organization_id').references(() => organizations.id, { onDelete: 'restrict' }),
    /** exam_reimbursed_item dictionary values. */
    reimbursedItems: text('reimbursed_items').array().notNull().default([]),
    /** 分 */
    reimbursedFen: money('reimbursed_fen').notNull().default(0),
    note: text('note').notNull().default(''),
    ...timestamps(),
    version: versionColumn(),
  },
  (t) => [
    unique('exam_registrations_worker_year_level_uq').on(t.workerId, t.year, t.level),
    index('exam_registrations_region_idx').using('btree', sql`${t.regionCode} text_pattern_ops`, t.year),
    index('exam_registrations_year_idx').on(t.year, t.level, t.result),
  ],
);
