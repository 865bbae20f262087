import { boolean, index, integer, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { idColumn, timestamps, versionColumn } from '../../db/columns.ts';

/** 字典类型 — a named enumeration shown to users (RuoYi style). */
export const dictTypes = pgTable('dict_types', {
  id: idColumn(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull().default(''),
  builtin: boolean('builtin').notNull().default(false),
  enabled: boolean('enabled').notNull().default(true),
  remark: text('remark').notNull().default(''),
  ...timestamps(),
  version: versionColumn(),
});

/** 字典数据 — one value of a dictionary, with its label in both languages and a tag colour. */
export const dictItems = pgTable(
  'dict_items',
  {
    id: idColumn(),
    typeCode: text('type_code')
      .notNull()
      .references(() => dictTypes.code, { onDelete: 'cascade', onUpdate: 'cascade' }),
    value: text('value').notNull(),
    label: text('label').notNull(),
    labelEn: text('label_en').notNull().default(''),
    color: text('color').notNull().default('default'),
    sort: integer('sort').notNull().default(0),
    enabled: boolean('enabled').notNull().default(true),
    remark: text('remark').notNull().default(''),
    ...timestamps(),
    version: versionColumn(),
  },
  (t) => [unique('dict_items_type_value_uq').on(t.typeCode, t.value), index('dict_items_type_idx').on(t.typeCode)],
);
