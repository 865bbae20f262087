import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { idColumn, regionCodeColumn, timestamps, versionColumn } from '../../db/columns.ts';

/**
 * 指标/目标 for a region's talent force: reach `value` of `metric` by `due_on`, from `baseline_value`
 * on `baseline_on`. Metrics (target_metric dictionary): total_talent, certified (with `level`
 * assistant | intermediate | senior, or null for all levels), exam_registrations (in the year of
 * `due_on`), positions_filled, resident_qualified (resident station workers holding a valid
 * certificate), active_volunteers. A target split down the hierarchy names its `parent_id`; the
 * children (in sub-regions) should add up to the parent.
 */
export const targets = pgTable(
  'targets',
  {
    id: idColumn(),
    regionCode: regionCodeColumn(),
    metric: text('metric').notNull(),
    level: text('level'),
    value: integer('value').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    baselineValue: integer('baseline_value'),
    baselineOn: date('baseline_on', { mode: 'string' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => targets.id, { onDelete: 'restrict' }),
    /** Where the target comes from (a plan or document, e.g. 重庆 "持证社会工作人才突破5万人"). */
    source: text('source').notNull().default(''),
    note: text('note').notNull().default(''),
    ...timestamps(),
    version: versionColumn(),
  },
  (t) => [
    index('targets_region_idx').using('btree', sql`${t.regionCode} text_pattern_ops`, t.metric),
    index('targets_parent_idx').on(t.parentId),
  ],
);
