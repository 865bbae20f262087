import { sql } from 'drizzle-orm';
import { index, pgTable, smallint, text, timestamp } from 'drizzle-orm/pg-core';

/** NBS statistical division codes (统计用区划代码); the code's prefix is its ancestry. */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: smallint('level').notNull(),
    parentCode: text('parent_code'),
    /** official | placeholder (市辖区, 县) | development_zone (e.g. 130171 高新区) */
    kind: text('kind').notNull().default('official'),
    /** Pinyin initials of the name, lower case, for search ("dzq" finds 端州区). */
    initials: text('initials').notNull().default(''),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('regions_parent_idx').on(t.parentCode),
    index('regions_code_pattern_idx').using('btree', sql`${t.code} text_pattern_ops`),
    index('regions_initials_idx').using('btree', sql`${t.initials} text_pattern_ops`),
    // Coverage counts towns and villages under a prefix: with level and kind in the index that is
    // an index-only scan instead of a visit to every row (620k villages for the whole country).
    index('regions_coverage_idx')
      .using('btree', sql`${t.code} text_pattern_ops`, t.level, t.kind)
      .where(sql`${t.level} >= 4`),
  ],
);
