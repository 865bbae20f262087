import { bigint, integer, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { v7 as uuidv7 } from 'uuid';

export const newId = (): string => uuidv7();

export const idColumn = () => uuid('id').primaryKey().$defaultFn(newId);

export const timestamps = () => ({
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Optimistic-locking counter; updates must send the version they read. */
export const versionColumn = () => integer('version').notNull().default(1);

/** Hierarchical statistical division code; scope checks are prefix matches on it. */
export const regionCodeColumn = (name = 'region_code') => text(name).notNull();

/**
 * Personal data is stored as two columns: the SM4 ciphertext (with algorithm/key-version prefix)
 * and a keyed HMAC-SM3 hash for exact lookup. See platform/pii.ts.
 */
export const piiColumns = (name: string) => ({
  enc: text(`${name}_enc`),
  hash: text(`${name}_hash`),
});

export const money = (name: string) => bigint(name, { mode: 'number' });
