import { sql } from 'drizzle-orm';
import { date, index, pgTable, text } from 'drizzle-orm/pg-core';
import { idColumn, regionCodeColumn, timestamps, versionColumn } from '../../db/columns.ts';

/** A department's target: "all towns of 和平区 covered by 2022-06-30". Its status is computed, never stored. */
export const coverageDeadlines = pgTable(
  'coverage_deadlines',
  {
    id: idColumn(),
    regionCode: regionCodeColumn(),
    /** town_station (every town has an operating town station) | community_room (every village a room) */
    kind: text('kind').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    note: text('note').notNull().default(''),
    ...timestamps(),
    version: versionColumn(),
  },
  (t) => [index('coverage_deadlines_region_idx').using('btree', sql`${t.regionCode} text_pattern_ops`)],
);
