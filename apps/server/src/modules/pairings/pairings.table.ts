import { sql } from 'drizzle-orm';
import { date, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { idColumn, money, regionCodeColumn, timestamps, versionColumn } from '../../db/columns.ts';
import { organizations } from '../organizations/organizations.table.ts';

/**
 * 结对帮扶: region ↔ region, organization ↔ community, or 一校两社 (a university and an
 * organization ↔ a community). The supported side is `region_code`; the supporting side's region
 * is `supporter_region_code`, so both sides' administrators see the pairing.
 */
export const pairings = pgTable(
  'pairings',
  {
    id: idColumn(),
    /** region_region | org_community | school_org_community */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    regionCode: regionCodeColumn(),
    supporterRegionCode: text('supporter_region_code').notNull(),
    organizationId: uuid('organization_id').references(() => organizations.id, { onDelete: 'restrict' }),
    universityId: uuid('university_id').references(() => organizations.id, { onDelete: 'restrict' }),
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }),
    /** What was agreed; deliveries record what actually came. */
    supervisorsSent: integer('supervisors_sent').notNull().default(0),
    peopleTrained: integer('people_trained').notNull().default(0),
    /** 分 */
    fundingFen: money('funding_fen').notNull().default(0),
    note: text('note').notNull().default(''),
    ...timestamps(),
    version: versionColumn(),
  },
  (t) => [
    index('pairings_region_idx').using('btree', sql`${t.regionCode} text_pattern_ops`),
    index('pairings_supporter_region_idx').using('btree', sql`${t.supporterRegionCode} text_pattern_ops`),
  ],
);

/** The running record of a pairing: append-only, one row per delivery. */
export const pairingDeliveries = pgTable(
  'pairing_deliveries',
  {
    id: idColumn(),
    pairingId: uuid('pairing_id')
      .notNull()
      .references(() => pairings.id, { onDelete: 'cascade' }),
    deliveredOn: date('delivered_on', { mode: 'string' }).notNull(),
    supervisorsSent: integer('supervisors_sent').notNull().default(0),
    peopleTrained: integer('people_trained').notNull().default(0),
    /** 分 */
    fundingFen: money('funding_fen').notNull().default(0),
    note: text('note').notNull().default(''),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('pairing_deliveries_pairing_idx').on(t.pairingId, t.deliveredOn)],
);
