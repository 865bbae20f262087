import { sql } from 'drizzle-orm';
import { date, index, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { idColumn, piiColumns, regionCodeColumn, timestamps, versionColumn } from '../../db/columns.ts';

/**
 * 社会工作服务机构 and the other organizations of the network. Deduplicated by the unified social
 * credit code; a community organization that is only filed (备案), not registered, has none.
 */
export const organizations = pgTable(
  'organizations',
  {
    id: idColumn(),
    /** agency | social_org | university | enterprise | charity | government */
    type: text('type').notNull(),
    name: text('name').notNull(),
    creditCode: text('credit_code'),
    registrationAuthority: text('registration_authority').notNull().default(''),
    registeredOn: date('registered_on', { mode: 'string' }),
    /** Values of the org_domain dictionary. */
    domains: text('domains').array().notNull().default([]),
    contactName: text('contact_name').notNull().default(''),
    contactPhoneEnc: piiColumns('contact_phone').enc,
    contactPhoneHash: piiColumns('contact_phone').hash,
    address: text('address').notNull().default(''),
    /** Where the organization is registered: who may manage it. */
    regionCode: regionCodeColumn(),
    ...timestamps(),
    version: versionColumn(),
  },
  (t) => [
    uniqueIndex('organizations_credit_code_uq').on(t.creditCode),
    index('organizations_region_idx').using('btree', sql`${t.regionCode} text_pattern_ops`),
  ],
);
