import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { idColumn } from '../../db/columns.ts';

/** 登录日志: every login attempt, successful or not. */
export const loginLog = pgTable(
  'login_log',
  {
    id: idColumn(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    username: text('username').notNull(),
    userId: uuid('user_id'),
    regionCode: text('region_code'),
    ip: text('ip').notNull().default(''),
    userAgent: text('user_agent').notNull().default(''),
    result: text('result').notNull(),
    reason: text('reason').notNull().default(''),
  },
  (t) => [index('login_log_at_idx').on(t.at)],
);
