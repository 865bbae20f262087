import { bigint, bigserial, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Append-only operation log. Each row carries HMAC-SM3 under the audit key (never in the database)
 * of (previous hash + own content), so any edit or deletion in the middle breaks the chain from that
 * row on, and only a holder of the key can write a row that links. The chain head is exported
 * outside the database (audit.head.ts) so that deleting the newest rows is seen too.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull().default(''),
    ip: text('ip').notNull().default(''),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityIds: text('entity_ids').array().notNull().default([]),
    fields: text('fields').array().notNull().default([]),
    regionCode: text('region_code'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    requestId: text('request_id').notNull().default(''),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    /** How `hash` was made: 'hmac-sm3' (keyed, outside the database) or 'sha256' (rows written before the key). */
    chain: text('chain').notNull().default('sha256'),
  },
  (t) => [index('audit_log_at_idx').on(t.at), index('audit_log_entity_idx').on(t.entity)],
);

/** Where the chain restarts after the retention job removed older whole days. */
export const auditCheckpoints = pgTable('audit_checkpoints', {
  seq: bigserial('seq', { mode: 'number' }).primaryKey(),
  at: timestamp('at', { withTimezone: true }).notNull(),
  /** The first remaining row's seq and the hash it chains from. */
  firstSeq: bigint('first_seq', { mode: 'number' }).notNull(),
  prevHash: text('prev_hash').notNull(),
  deletedBefore: timestamp('deleted_before', { withTimezone: true }).notNull(),
  deletedRows: bigint('deleted_rows', { mode: 'number' }).notNull(),
  /** HMAC-SM3 of the checkpoint under the audit key: only the retention job can move the chain's start. Null on checkpoints made before the key. */
  mac: text('mac'),
});
