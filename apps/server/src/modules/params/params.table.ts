import { boolean, pgTable, text } from 'drizzle-orm/pg-core';
import { timestamps, versionColumn } from '../../db/columns.ts';

/** 参数设置 — runtime parameters editable by the system administrator. */
export const params = pgTable('params', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull().default(''),
  /** Security parameters are edited by the security administrator, the rest by the system administrator. */
  security: boolean('security').notNull().default(false),
  builtin: boolean('builtin').notNull().default(false),
  remark: text('remark').notNull().default(''),
  ...timestamps(),
  version: versionColumn(),
});

/** Internal key/value facts about this installation (schema canaries, job checkpoints). */
export const systemMeta = pgTable('system_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
