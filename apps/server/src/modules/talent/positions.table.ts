import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { idColumn, regionCodeColumn, timestamps, versionColumn } from '../../db/columns.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { stations } from '../stations/stations.table.ts';
import { workers } from './workers.table.ts';

/**
 * 岗位: a funded professional post set up in a region, at an organization and/or a station, from
 * `established_on` until `abolished_on` (inclusive; null while it exists). Filled on day D when a
 * holder's period covers D; vacant otherwise (铜仁: 189 set, 17 filled).
 */
export const positions = pgTable(
  'positions',
  {
    id: idColumn(),
    regionCode: regionCodeColumn(),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'restrict' }),
    stationId: uuid('station_id').references(() => stations.id, { onDelete: 'restrict' }),
    title: text('title').notNull(),
    /** Professional-technical level of the post (position_level dictionary: assistant | intermediate | senior | none). */
    level: text('level').notNull(),
    /** Who pays (position_funder dictionary: fiscal, lottery, purchase, organization, other). */
    fundedBy: text('funded_by').notNull(),
    fundingNote: text('funding_note').notNull().default(''),
    establishedOn: date('established_on', { mode: 'string' }).notNull(),
    abolishedOn: date('abolished_on', { mode: 'string' }),
    note: text('note').notNull().default(''),
    ...timestamps(),
    version: versionColumn(),
  },
  (t) => [
    index('positions_region_idx').using('btree', sql`${t.regionCode} text_pattern_ops`),
    index('positions_organization_idx').on(t.organizationId),
    index('positions_station_idx').on(t.stationId),
  ],
);

/** Who held a position, from/to inclusive; at most one current holder per position. */
export const positionHolders = pgTable(
  'position_holders',
  {
    id: idColumn(),
    positionId: uuid('position_id')
      .notNull()
      .references(() => positions.id, { onDelete: 'cascade' }),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'restrict' }),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    endedOn: date('ended_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('position_holders_period_ck', sql`${t.endedOn} is null or ${t.endedOn} >= ${t.startedOn}`),
    uniqueIndex('position_holders_current_uq').on(t.positionId).where(sql`${t.endedOn} is null`),
    index('position_holders_position_idx').on(t.positionId, t.startedOn),
    index('position_holders_worker_idx').on(t.workerId),
  ],
);
