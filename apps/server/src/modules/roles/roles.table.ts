import { boolean, pgTable, text } from 'drizzle-orm/pg-core';
import { idColumn, timestamps, versionColumn } from '../../db/columns.ts';

export const roles = pgTable('roles', {
  id: idColumn(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  nameEn: text('name_en').notNull().default(''),
  builtin: boolean('builtin').notNull().default(false),
  permissions: text('permissions').array().notNull().default([]),
  /** The region the role was made in: custom roles are visible within that scope. '' = national. */
  regionCode: text('region_code').notNull().default(''),
  remark: text('remark').notNull().default(''),
  ...timestamps(),
  version: versionColumn(),
});
