import { and, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/columns.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { inScope, requirePermission, scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import { assertPasswordPolicy, hashPassword } from '../../platform/auth/password.ts';
import { revokeSessions } from '../../platform/auth/sessions.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, assertVersion, notFound } from '../../platform/errors.ts';
import { type PiiCipher, sealedColumns } from '../../platform/pii.ts';
import { findRegions } from '../regions/regions.repo.ts';
import { regionInScope } from '../regions/regions.service.ts';
import { assertSingleDuty, assertWithinOwnPermissions } from '../roles/roles.rules.ts';
import { roles } from '../roles/roles.table.ts';
import { presentUser } from './users.presenter.ts';
import { findUser, listUsers, rolesOfUsers, scopesOfUsers, type UserFilter, type UserRow } from './users.repo.ts';
import { userRoles, userScopes, users } from './users.table.ts';

export interface Deps {
  pii: PiiCipher;
}

export async function presentUsers(db: Db, ctx: Ctx, pii: PiiCipher, rows: UserRow[]) {
  const ids = rows.map((r) => r.id);
  const [roleRows, scopeRows] = await Promise.all([rolesOfUsers(db, ids), scopesOfUsers(db, ids)]);
  const regions = await findRegions(db, [...new Set(rows.map((r) => r.regionCode))]);
  const extras = { roles: roleRows, scopes: scopeRows, regionNames: new Map(regions.map((r) => [r.code, r.name])) };
  return rows.map((r) => presentUser(r, extras, ctx.actor, pii, ctx.now));
}

export async function listUsersFor(db: Db, ctx: Ctx, pii: PiiCipher, filter: UserFilter) {
  const { rows, total } = await listUsers(db, ctx.actor.scopes, filter);
  return { rows: await presentUsers(db, ctx, pii, rows), total };
}

async function getScopedUser(db: Db, ctx: Ctx, id: string): Promise<UserRow> {
  const u = await findUser(db, ctx.actor.scopes, id);
  if (!u) throw notFound();
  return u;
}

export async function getUser(db: Db, ctx: Ctx, pii: PiiCipher, id: string) {
  const [dto] = await presentUsers(db, ctx, pii, [await getScopedUser(db, ctx, id)]);
  return dto;
}

/** The region must exist and lie inside the actor's scope; '' (national) only for national actors. */
async function assertRegionInScope(db: Db, ctx: Ctx, code: string, path: string) {
  if (code === '' && inScope('', ctx.actor.scopes)) return;
  await regionInScope(db, ctx, code, path);
}

async function assertScopes(db: Db, ctx: Ctx, scopes: string[]) {
  for (const [i, code] of scopes.entries()) await assertRegionInScope(db, ctx, code, `scopes.${i}`);
}

/** Loads the roles to grant, checking they are visible, within the grantor's powers and of one admin duty. */
async function rolesToGrant(db: Db, ctx: Ctx, roleIds: string[], targetId: string | null) {
  if (targetId === ctx.actor.id) throw new AppError('SEPARATION_OF_DUTIES', { errors: [{ path: 'roleIds', message: 'validation.role.self' }] });
  if (roleIds.length === 0) return [];
  requirePermission(ctx.actor, 'system:user:assign-role');
  const found = await db
    .select()
    .from(roles)
    .where(and(inArray(roles.id, roleIds), or(eq(roles.builtin, true), scopeWhere(roles.regionCode, ctx.actor.scopes))));
  if (found.length !== new Set(roleIds).size) {
    throw new AppError('VALIDATION', { errors: [{ path: 'roleIds', message: 'validation.role.unknown' }] });
  }
  const perms = found.flatMap((r) => r.permissions);
  assertWithinOwnPermissions(ctx.actor, perms, 'roleIds');
  assertSingleDuty(perms, 'roleIds', 'validation.role.userDuties');
  return found;
}


export interface CreateUserInput {
  username: string;
  displayName: string;
  regionCode: string;
  password: string;
  phone?: string;
  roleIds?: string[];
  scopes?: string[];
}

export async function createUser(db: Db, ctx: Ctx, pii: PiiCipher, input: CreateUserInput) {
  await assertRegionInScope(db, ctx, input.regionCode, 'regionCode');
  const scopes = input.scopes?.length ? [...new Set(input.scopes)] : [input.regionCode];
  await assertScopes(db, ctx, scopes);
  assertPasswordPolicy(input.password, 'password');
  const grant = await rolesToGrant(db, ctx, input.roleIds ?? [], null);
  const passwordHash = await hashPassword(input.password);
  const id = newId();
  await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(users)
      .values({ id, username: input.username, displayName: input.displayName, regionCode: input.regionCode, passwordHash, mustChangePassword: true, ...sealedColumns(pii, 'phone', input.phone), createdAt: ctx.now, updatedAt: ctx.now })
      .onConflictDoNothing({ target: users.username })
      .returning({ id: users.id });
    if (inserted.length === 0) throw new AppError('DUPLICATE', { errors: [{ path: 'username', message: 'validation.username.taken' }] });
    await tx.insert(userScopes).values(scopes.map((regionCode) => ({ userId: id, regionCode })));
    if (grant.length) await tx.insert(userRoles).values(grant.map((r) => ({ userId: id, roleId: r.id })));
    await writeAudit(tx, ctx, {
      action: 'create', entity: 'user', entityIds: [id], regionCode: input.regionCode,
      fields: ['username', 'displayName', 'regionCode', 'password', 'scopes', ...(input.phone ? ['phone'] : []), ...(grant.length ? ['roles'] : [])],
      detail: { username: input.username, roles: grant.map((r) => r.code), scopes },
    });
  });
  return getUser(db, ctx, pii, id);
}

export interface UpdateUserInput {
  displayName: string;
  regionCode: string;
  phone?: string | null;
  status: 'active' | 'disabled';
  scopes?: string[];
  version?: number;
}

export async function updateUser(db: Db, ctx: Ctx, pii: PiiCipher, id: string, input: UpdateUserInput) {
  const row = await getScopedUser(db, ctx, id);
  await assertVersion(row.version, input.version, () => getUser(db, ctx, pii, id));
  await assertRegionInScope(db, ctx, input.regionCode, 'regionCode');
  if (input.scopes) await assertScopes(db, ctx, input.scopes);
  if (id === ctx.actor.id && (input.scopes || input.status !== row.status)) {
    throw new AppError('SEPARATION_OF_DUTIES', { errors: [{ path: input.scopes ? 'scopes' : 'status', message: 'validation.role.self' }] });
  }
  const changed = ['displayName', 'regionCode', 'status'].filter((k) => (row as never)[k] !== (input as never)[k]);
  if (input.phone !== undefined) changed.push('phone');
  if (input.scopes) changed.push('scopes');
  await db.transaction(async (tx) => {
    await updateVersioned(tx, users, id, row.version, { displayName: input.displayName, regionCode: input.regionCode, status: input.status, ...sealedColumns(pii, 'phone', input.phone), updatedAt: ctx.now });
    if (input.scopes) {
      await tx.delete(userScopes).where(eq(userScopes.userId, id));
      await tx.insert(userScopes).values([...new Set(input.scopes)].map((regionCode) => ({ userId: id, regionCode })));
    }
    if (input.status === 'disabled') await revokeSessions(tx, { userId: id }, ctx.now, 'disabled');
    await writeAudit(tx, ctx, { action: 'update', entity: 'user', entityIds: [id], regionCode: input.regionCode, fields: changed });
  });
  return getUser(db, ctx, pii, id);
}

export async function assignRoles(db: Db, ctx: Ctx, pii: PiiCipher, id: string, input: { roleIds: string[]; version?: number }) {
  const row = await getScopedUser(db, ctx, id);
  await assertVersion(row.version, input.version, () => getUser(db, ctx, pii, id));
  const grant = await rolesToGrant(db, ctx, input.roleIds, id);
  // Taking away a role the grantor could not grant is as much a privilege as granting it.
  const current = await rolesOfUsers(db, [id]);
  assertWithinOwnPermissions(ctx.actor, current.flatMap((r) => r.permissions), 'roleIds');
  await db.transaction(async (tx) => {
    await tx.delete(userRoles).where(eq(userRoles.userId, id));
    if (grant.length) await tx.insert(userRoles).values(grant.map((r) => ({ userId: id, roleId: r.id })));
    await tx.update(users).set({ version: row.version + 1, updatedAt: ctx.now }).where(eq(users.id, id));
    await revokeSessions(tx, { userId: id }, ctx.now, 'roles_changed');
    await writeAudit(tx, ctx, {
      action: 'assign_roles', entity: 'user', entityIds: [id], regionCode: row.regionCode, fields: ['roles'],
      detail: { from: current.map((r) => r.code), to: grant.map((r) => r.code) },
    });
  });
  return getUser(db, ctx, pii, id);
}

/** An admin reset forces a change at next login and ends the user's sessions. */
export async function resetPassword(db: Db, ctx: Ctx, id: string, password: string) {
  if (id === ctx.actor.id) throw new AppError('FORBIDDEN');
  const row = await getScopedUser(db, ctx, id);
  assertPasswordPolicy(password, 'password');
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, passwordHistory: [row.passwordHash, ...row.passwordHistory].slice(0, 4), mustChangePassword: true, failedLogins: 0, lockedUntil: null, updatedAt: ctx.now, version: row.version + 1 })
      .where(eq(users.id, id));
    await revokeSessions(tx, { userId: id }, ctx.now, 'password_reset');
    await writeAudit(tx, ctx, { action: 'reset_password', entity: 'user', entityIds: [id], regionCode: row.regionCode, fields: ['password'] });
  });
}

export async function unlockUser(db: Db, ctx: Ctx, id: string) {
  const row = await getScopedUser(db, ctx, id);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null, updatedAt: ctx.now }).where(eq(users.id, id));
    await writeAudit(tx, ctx, { action: 'unlock', entity: 'user', entityIds: [id], regionCode: row.regionCode, fields: ['lockedUntil'] });
  });
}

/** Reveals one field in clear; the read itself is audited in the same transaction. */
export async function revealUserField(db: Db, ctx: Ctx, pii: PiiCipher, id: string, field: 'phone') {
  const row = await getScopedUser(db, ctx, id);
  return db.transaction(async (tx) => {
    await writeAudit(tx, ctx, { action: 'reveal', entity: 'user', entityIds: [id], regionCode: row.regionCode, fields: [field] });
    return { value: row.phoneEnc ? pii.decrypt(row.phoneEnc) : null };
  });
}
