import { and, count, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import { containsPattern } from '../../db/sql.ts';
import type { Db } from '../../db/client.ts';
import { scopeWhere } from '../../platform/access.ts';
import { roles } from '../roles/roles.table.ts';
import { userRoles, userScopes, users } from './users.table.ts';

export type UserRow = typeof users.$inferSelect;

/** Bypasses scope: for login and session resolution, where the user is not yet an actor. */
export async function unscopedFindUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  const [u] = await db.select().from(users).where(eq(users.username, username)).limit(1);
  return u;
}

export async function unscopedFindUser(db: Db, id: string): Promise<UserRow | undefined> {
  const [u] = await db.select().from(users).where(eq(users.id, id)).limit(1);
  return u;
}

export async function findUser(db: Db, scopes: readonly string[], id: string): Promise<UserRow | undefined> {
  const [u] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, id), scopeWhere(users.regionCode, scopes)))
    .limit(1);
  return u;
}

export async function rolesOfUsers(db: Db, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({
      userId: userRoles.userId,
      id: roles.id,
      code: roles.code,
      name: roles.name,
      nameEn: roles.nameEn,
      permissions: roles.permissions,
    })
    .from(userRoles)
    .innerJoin(roles, eq(roles.id, userRoles.roleId))
    .where(inArray(userRoles.userId, userIds));
}

export async function scopesOfUsers(db: Db, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db.select().from(userScopes).where(inArray(userScopes.userId, userIds));
}

export interface UserFilter {
  q?: string;
  regionCode?: string;
  status?: string;
  page: number;
  pageSize: number;
}

export async function listUsers(db: Db, scopes: readonly string[], f: UserFilter) {
  const conds: SQL[] = [scopeWhere(users.regionCode, scopes)];
  if (f.regionCode) conds.push(scopeWhere(users.regionCode, [f.regionCode]));
  if (f.status) conds.push(eq(users.status, f.status));
  if (f.q)
    conds.push(or(ilike(users.username, containsPattern(f.q)), ilike(users.displayName, containsPattern(f.q))) as SQL);
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(users)
      .where(where)
      .orderBy(users.username)
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { rows, total };
}

/** The demo banner shows while any demo account exists. */
export async function hasDemoAccounts(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.isDemo, true)).limit(1);
  return !!row;
}
