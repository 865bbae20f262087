import { sql } from 'drizzle-orm';
import { check, date, index, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { idColumn, regionCodeColumn, timestamps, versionColumn } from '../../db/columns.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { stations } from '../stations/stations.table.ts';
import { workers } from './workers.table.ts';

const hours = (name: string) => numeric(name, { precision: 6, scale: 1, mode: 'number' });

/**
 * 培训: a course a worker attended, from/to inclusive, with hours (> 0, at most 24 per day) that
 * count toward continuing education in the year of `ended_on`. `region_code` is the worker's
 * region when recorded, kept for replayed statistics; access follows the worker.
 */
export const trainingRecords = pgTable(
  'training_records',
  {
    id: idColumn(),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    regionCode: regionCodeColumn(),
    course: text('course').notNull(),
    /** The provider's name as printed (e.g. 某社会工作学院); `provider_organization_id` when registered here. */
    provider: text('provider').notNull().default(''),
    providerOrganizationId: uuid('provider_organization_id').references(() => organizations.id, {
      onDelete: 'restrict',
    }),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }).notNull(),
    hours: hours('hours').notNull(),
    credits: hours('credits'),
    certificateNo: text('certificate_no').notNull().default(''),
    note: text('note').notNull().default(''),
    ...timestamps(),
    version: versionColumn(),
  },
  (t) => [
    check('training_records_hours_ck', sql`${t.hours} > 0 and ${t.endedOn} >= ${t.startedOn}`),
    index('training_records_worker_idx').on(t.workerId, t.endedOn),
    index('training_records_region_idx').using('btree', sql`${t.regionCode} text_pattern_ops`, t.endedOn),
  ],
);

/**
 * 督导: one supervision session, individual (one supervisee) or group. The supervisor is a worker
 * of the register or, for an outside expert, only a name. Hours count toward each supervisee's
 * continuing education in the year of `held_on`. `region_code` is where it was held (scope).
 */
export const supervisionSessions = pgTable(
  'supervision_sessions',
  {
    id: idColumn(),
    regionCode: regionCodeColumn(),
    supervisorId: uuid('supervisor_id').references(() => workers.id, { onDelete: 'restrict' }),
    supervisorName: text('supervisor_name').notNull(),
    stationId: uuid('station_id').references(() => stations.id, { onDelete: 'restrict' }),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    hours: hours('hours').notNull(),
    /** individual | group */
    mode: text('mode').notNull(),
    topics: text('topics').array().notNull().default([]),
    notes: text('notes').notNull().default(''),
    ...timestamps(),
    version: versionColumn(),
  },
  (t) => [
    check('supervision_sessions_hours_ck', sql`${t.hours} > 0 and ${t.hours} <= 24`),
    index('supervision_sessions_region_idx').using('btree', sql`${t.regionCode} text_pattern_ops`, t.heldOn),
    index('supervision_sessions_supervisor_idx').on(t.supervisorId, t.heldOn),
  ],
);

/** The supervisees of a session (never its supervisor). */
export const supervisionSupervisees = pgTable(
  'supervision_supervisees',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => supervisionSessions.id, { onDelete: 'cascade' }),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'restrict' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.workerId] }),
    index('supervision_supervisees_worker_idx').on(t.workerId),
  ],
);
