import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { idColumn, piiColumns, timestamps, versionColumn } from '../../db/columns.ts';
import { roles } from '../roles/roles.table.ts';

export const users = pgTable(
  'users',
  {
    id: idColumn(),
    username: text('username').notNull().unique(),
    displayName: text('display_name').notNull(),
    /** The user's home region: who may manage this account. '' = national. */
    regionCode: text('region_code').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** argon2id hashes of the previous passwords, newest first (reuse check, last 5). */
    passwordHistory: jsonb('password_history').$type<string[]>().notNull().default([]),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }),
    totpSecretEnc: text('totp_secret_enc'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    /** The 30-second step of the last TOTP code accepted: a code is taken once, never replayed. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    failedLogins: integer('failed_logins').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    /** When an administrator last reset this password: shown to the user at their next login, then cleared. */
    passwordResetAt: timestamp('password_reset_at', { withTimezone: true }),
    status: text('status').notNull().default('active'),
    isDemo: boolean('is_demo').notNull().default(false),
    locale: text('locale').notNull().default('zh-CN'),
    phoneEnc: piiColumns('phone').enc,
    phoneHash: piiColumns('phone').hash,
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    ...timestamps(),
    version: versionColumn(),
  },
  (t) => [
    index('users_region_idx').using('btree', sql`${t.regionCode} text_pattern_ops`),
    index('users_phone_hash_idx').on(t.phoneHash),
  ],
);

export const userRoles = pgTable(
  'user_roles',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    roleId: uuid('role_id')
      .notNull()
      .references(() => roles.id, { onDelete: 'restrict' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.roleId] })],
);

/** Data scopes: a user sees records whose region code starts with one of these. */
export const userScopes = pgTable(
  'user_scopes',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    regionCode: text('region_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.regionCode] })],
);

/**
 * Failed logins per account and client address: a stranger's wrong passwords lock the account for
 * that address only; `users.failed_logins` still counts every address, against a higher limit.
 */
export const loginFailures = pgTable(
  'login_failures',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ip: text('ip').notNull(),
    failures: integer('failures').notNull().default(0),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastFailedAt: timestamp('last_failed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.ip] })],
);
