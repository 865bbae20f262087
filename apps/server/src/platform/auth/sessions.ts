import crypto from 'node:crypto';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { ParamsCache } from '../../modules/params/params.service.ts';
import { roles } from '../../modules/roles/roles.table.ts';
import { userRoles, userScopes, users } from '../../modules/users/users.table.ts';
import { sessions } from './sessions.table.ts';

export type SessionStage = 'full' | 'change_password' | 'enrol_totp';

export const COOKIE_SECURE = '__Host-lianxin_sid';
export const COOKIE_PLAIN = 'lianxin_sid';

export const tokenId = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export async function createSession(
  db: Db,
  opts: { userId: string; now: Date; ip: string; userAgent: string; stage: SessionStage; absoluteHours: number },
): Promise<{ token: string; handle: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const handle = crypto.randomBytes(9).toString('base64url');
  await db.insert(sessions).values({
    id: tokenId(token),
    handle,
    userId: opts.userId,
    createdAt: opts.now,
    lastSeenAt: opts.now,
    expiresAt: new Date(opts.now.getTime() + opts.absoluteHours * 3600_000),
    ip: opts.ip,
    userAgent: opts.userAgent.slice(0, 300),
    stage: opts.stage,
  });
  return { token, handle };
}

/**
 * Finds a live session for a cookie token, with its user, roles and scopes in one query (this
 * runs on every request), enforcing the idle and absolute limits; touches the session at most
 * once a minute to keep writes down.
 */
export async function resolveSession(db: Db, params: ParamsCache, token: string, now: Date) {
  const [row] = await db
    .select({
      session: sessions,
      user: users,
      roles: sql<{ code: string; permissions: string[] }[]>`coalesce((
        select json_agg(json_build_object('code', ${roles.code}, 'permissions', ${roles.permissions}) order by ${roles.code})
        from ${userRoles} join ${roles} on ${roles.id} = ${userRoles.roleId} where ${userRoles.userId} = ${users.id}), '[]'::json)`,
      scopes: sql<
        string[]
      >`array(select ${userScopes.regionCode} from ${userScopes} where ${userScopes.userId} = ${users.id} order by 1)`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.id, tokenId(token)), isNull(sessions.revokedAt)))
    .limit(1);
  if (!row) return null;
  const s = row.session;
  const idleMs = (await params.int('security.session.idleMinutes')) * 60_000;
  if (s.expiresAt <= now || s.lastSeenAt.getTime() + idleMs <= now.getTime()) {
    await db.update(sessions).set({ revokedAt: now, revokedReason: 'expired' }).where(eq(sessions.id, s.id));
    return null;
  }
  if (now.getTime() - s.lastSeenAt.getTime() > 60_000) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, s.id));
  }
  // json_agg may arrive as text when a driver does not parse json; both parse it today.
  const roleRows = typeof row.roles === 'string' ? JSON.parse(row.roles) : row.roles;
  return {
    session: s,
    user: row.user,
    roles: roleRows as { code: string; permissions: string[] }[],
    scopes: row.scopes,
  };
}

/** Revokes one session (by id or handle) or all of a user's, but for `exceptId` (the caller's own). */
export async function revokeSessions(
  db: Db,
  where: { id?: string; userId?: string; handle?: string; exceptId?: string },
  now: Date,
  reason: string,
) {
  const cond = where.id
    ? eq(sessions.id, where.id)
    : where.handle
      ? eq(sessions.handle, where.handle)
      : and(eq(sessions.userId, where.userId!), where.exceptId ? ne(sessions.id, where.exceptId) : undefined);
  return db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(cond, isNull(sessions.revokedAt)))
    .returning({ id: sessions.id, userId: sessions.userId });
}

export async function setSessionStage(db: Db, id: string, stage: SessionStage) {
  await db.update(sessions).set({ stage }).where(eq(sessions.id, id));
}
