import { and, count, desc, eq, gte, ilike, lte, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { containsPattern } from '../../db/sql.ts';
import { scopeWhere } from '../../platform/access.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { loginLog } from './login-log.table.ts';

export type LoginResult = 'success' | 'failure' | 'locked' | 'disabled' | 'totp_required';

export async function recordLogin(
  db: Db,
  e: {
    at: Date;
    username: string;
    userId?: string | null;
    regionCode?: string | null;
    ip: string;
    userAgent: string;
    result: LoginResult;
    reason?: string;
  },
) {
  await db.insert(loginLog).values({ ...e, userAgent: e.userAgent.slice(0, 300), reason: e.reason ?? '' });
}

interface LogFilter {
  page: number;
  pageSize: number;
  from?: Date;
  to?: Date;
  q?: string;
}

export async function listLoginLog(db: Db, scopes: readonly string[], f: LogFilter & { result?: string }) {
  const conds: SQL[] = [scopeWhere(loginLog.regionCode, scopes)];
  if (f.from) conds.push(gte(loginLog.at, f.from));
  if (f.to) conds.push(lte(loginLog.at, f.to));
  if (f.result) conds.push(eq(loginLog.result, f.result));
  if (f.q) conds.push(ilike(loginLog.username, containsPattern(f.q)));
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(loginLog)
      .where(where)
      .orderBy(desc(loginLog.at))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(loginLog).where(where),
  ]);
  return { rows, total };
}

export async function listAuditLog(
  db: Db,
  scopes: readonly string[],
  f: LogFilter & { entity?: string; action?: string },
) {
  const conds: SQL[] = [scopeWhere(auditLog.regionCode, scopes)];
  if (f.from) conds.push(gte(auditLog.at, f.from));
  if (f.to) conds.push(lte(auditLog.at, f.to));
  if (f.entity) conds.push(eq(auditLog.entity, f.entity));
  if (f.action) conds.push(eq(auditLog.action, f.action));
  if (f.q) conds.push(ilike(auditLog.actorName, containsPattern(f.q)));
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.seq))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return { rows, total };
}
