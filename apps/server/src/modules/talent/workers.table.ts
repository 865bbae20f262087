import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, piiColumns, regionCodeColumn, timestamps, versionColumn } from '../../db/columns.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { stations } from '../stations/stations.table.ts';

/*
 * Dates of record in the talent register follow one convention: a period runs from `started_on`
 * to `ended_on` INCLUSIVE (the last day it held), and an open period has `ended_on` null. So a
 * fact holds on day D when `started_on <= D and (ended_on is null or ended_on >= D)`; every
 * as-of statistic ("how many certified in 4412 on 2023-12-31") is built from that test.
 */

/**
 * 社工人才: one row per person, deduplicated nationwide by the keyed hash of the ID number.
 * `region_code`, `organization_id` and `job_title` repeat the worker's current employment (kept in
 * step by the service) so lists filter and scope without a join; the history lives in
 * worker_employments, which statistics use for "where was this person on day D".
 */
export const workers = pgTable(
  'workers',
  {
    id: idColumn(),
    /** Current place of work: who may see and manage the worker. */
    regionCode: regionCodeColumn(),
    name: text('name').notNull(),
    /** GB/T 2261.1 (sys_user_sex dictionary): 1 男, 2 女, 0 unknown, 9 not stated. */
    sex: text('sex').notNull(),
    birthDate: date('birth_date', { mode: 'string' }),
    idNumberEnc: piiColumns('id_number').enc.notNull(),
    idNumberHash: piiColumns('id_number').hash.notNull(),
    phoneEnc: piiColumns('phone').enc,
    phoneHash: piiColumns('phone').hash,
    /** GB/T 4658 education codes (talent_education dictionary). */
    education: text('education'),
    major: text('major').notNull().default(''),
    /** professional | community_worker | party_government | volunteer (talent_category dictionary). */
    category: text('category').notNull(),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'restrict' }),
    jobTitle: text('job_title').notNull().default(''),
    /** active | left — `left_on` is the last day in the register; counts as of a later day leave the person out. */
    status: text('status').notNull().default('active'),
    /** First day in the register (the start of the first employment). */
    joinedOn: date('joined_on', { mode: 'string' }).notNull(),
    leftOn: date('left_on', { mode: 'string' }),
    note: text('note').notNull().default(''),
    ...timestamps(),
    version: versionColumn(),
  },
  (t) => [
    uniqueIndex('workers_id_number_hash_uq').on(t.idNumberHash),
    index('workers_region_idx').using('btree', sql`${t.regionCode} text_pattern_ops`),
    index('workers_organization_idx').on(t.organizationId),
    index('workers_phone_hash_idx').on(t.phoneHash),
  ],
);

/**
 * Employment history: where (region, optionally an organization) and as what a worker worked,
 * from/to inclusive. Periods of one person may overlap (two organizations at once); statistics
 * count the person once. Every worker has at least one row, opened when they are registered.
 */
export const workerEmployments = pgTable(
  'worker_employments',
  {
    id: idColumn(),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    regionCode: regionCodeColumn(),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'restrict' }),
    jobTitle: text('job_title').notNull().default(''),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('worker_employments_period_ck', sql`${t.endedOn} is null or ${t.endedOn} >= ${t.startedOn}`),
    index('worker_employments_worker_idx').on(t.workerId, t.startedOn),
    index('worker_employments_region_idx').using('btree', sql`${t.regionCode} text_pattern_ops`, t.startedOn),
  ],
);

/**
 * 驻站社工: a worker resident at a station, from/to inclusive. A worker holds at most one current
 * assignment (partial unique index) and periods of one worker never overlap (checked by the
 * service under the worker's row lock). `region_code` is the station's, kept so that history
 * replays even if the station is later moved.
 */
export const stationAssignments = pgTable(
  'station_assignments',
  {
    id: idColumn(),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    stationId: uuid('station_id')
      .notNull()
      .references(() => stations.id, { onDelete: 'restrict' }),
    regionCode: regionCodeColumn(),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('station_assignments_period_ck', sql`${t.endedOn} is null or ${t.endedOn} >= ${t.startedOn}`),
    uniqueIndex('station_assignments_current_uq').on(t.workerId).where(sql`${t.endedOn} is null`),
    index('station_assignments_station_idx').on(t.stationId, t.startedOn),
    index('station_assignments_region_idx').using('btree', sql`${t.regionCode} text_pattern_ops`, t.startedOn),
  ],
);
