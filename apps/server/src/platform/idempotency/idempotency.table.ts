import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../modules/users/users.table.ts';

/**
 * Idempotency-Key of create requests, per user: what the first request was (a fingerprint) and,
 * once it succeeded, what it answered — only what a replay needs. A row without a status is a
 * request still running (or one that never finished: it blocks the key until it expires).
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    /** SHA-256 of method, path and the validated body. */
    fingerprint: text('fingerprint').notNull(),
    responseStatus: integer('response_status'),
    /** The serialised response body; create responses carry masked personal data only. */
    responseBody: text('response_body'),
    responseType: text('response_type'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_expires_idx').on(t.expiresAt)],
);
