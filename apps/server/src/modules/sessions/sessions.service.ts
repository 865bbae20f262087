import { and, count, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { revokeSessions } from '../../platform/auth/sessions.ts';
import { sessions } from '../../platform/auth/sessions.table.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import type { ParamsCache } from '../params/params.service.ts';
import { users } from '../users/users.table.ts';

/** 在线用户: live sessions of users within the viewer's scope. */
export async function listOnlineSessions(db: Db, ctx: Ctx, params: ParamsCache, f: { page: number; pageSize: number }) {
  const idleMs = (await params.int('security.session.idleMinutes')) * 60_000;
  const where = and(
    isNull(sessions.revokedAt),
    gt(sessions.expiresAt, ctx.now),
    gt(sessions.lastSeenAt, new Date(ctx.now.getTime() - idleMs)),
    scopeWhere(users.regionCode, ctx.actor.scopes),
  );
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ s: sessions, username: users.username, displayName: users.displayName })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(where)
      .orderBy(desc(sessions.lastSeenAt))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(sessions).innerJoin(users, eq(users.id, sessions.userId)).where(where),
  ]);
  return {
    rows: rows.map(({ s, username, displayName }) => ({
      handle: s.handle,
      username,
      displayName,
      ip: s.ip,
      userAgent: s.userAgent,
      createdAt: s.createdAt.toISOString(),
      lastSeenAt: s.lastSeenAt.toISOString(),
      current: s.id === ctx.actor.sessionId,
    })),
    total,
  };
}

/** 强退: revokes at once; the user's next request answers 401. */
export async function forceLogout(db: Db, ctx: Ctx, handle: string) {
  const [row] = await db
    .select({ userId: sessions.userId, regionCode: users.regionCode })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(eq(sessions.handle, handle), isNull(sessions.revokedAt), scopeWhere(users.regionCode, ctx.actor.scopes)),
    );
  if (!row) throw notFound();
  await db.transaction(async (tx) => {
    await revokeSessions(tx, { handle }, ctx.now, 'forced');
    await writeAudit(tx, ctx, {
      action: 'force_logout',
      entity: 'session',
      entityIds: [handle, row.userId],
      regionCode: row.regionCode,
    });
  });
}
