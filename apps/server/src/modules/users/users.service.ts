import { totpRequiredFor } from '@lianxin/shared';
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
import { assertSeparated, assertWithinOwnPermissions, lockGrants } from '../roles/roles.rules.ts';
import { roles } from '../roles/roles.table.ts';
import { presentUser } from './users.presenter.ts';
import { manageableUser } from './users.access.ts';
import { findUser, listUsers, rolesOfUsers, scopesOfUsers, type UserFilter, type UserRow } from './users.repo.ts';
import { loginFailures, userRoles, userScopes, users } from './users.table.ts';

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

/**
 * Loads the roles to grant, checking they are visible, within the grantor's powers and kept apart
 * (三员分立). Runs inside the transaction after lockGrants, so no concurrent role edit slips past.
 */
async function rolesToGrant(tx: Db, ctx: Ctx, roleIds: string[], targetId: string | null) {
  if (targetId === ctx.actor.id)
    throw new AppError('SEPARATION_OF_DUTIES', { errors: [{ path: 'roleIds', message: 'validation.role.self' }] });
  if (roleIds.length === 0) return [];
  requirePermission(ctx.actor, 'system:user:assign-role');
  const found = await tx
    .select()
    .from(roles)
    .where(
      and(inArray(roles.id, roleIds), or(eq(roles.builtin, true), scopeWhere(roles.regionCode, ctx.actor.scopes))),
    );
  if (found.length !== new Set(roleIds).size) {
    throw new AppError('VALIDATION', { errors: [{ path: 'roleIds', message: 'validation.role.unknown' }] });
  }
  const perms = found.flatMap((r) => r.permissions);
  assertWithinOwnPermissions(ctx.actor, perms, 'roleIds');
  assertSeparated(perms, 'roleIds', 'user');
  return found;
}

/** Setting whose data a user sees is the security administrator's (or a region administrator's) duty. */
function assertMayChangeScopes(ctx: Ctx) {
  if (!ctx.actor.permissions.has('system:user:assign-role')) {
    throw new AppError('FORBIDDEN', { errors: [{ path: 'scopes', message: 'validation.scope.notYourDuty' }] });
  }
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  new Set(a).size === new Set(b).size && a.every((x) => b.includes(x));

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
  if (!sameSet(scopes, [input.regionCode])) assertMayChangeScopes(ctx);
  await assertScopes(db, ctx, scopes);
  assertPasswordPolicy(input.password, 'password');
  const passwordHash = await hashPassword(input.password);
  const id = newId();
  await db.transaction(async (tx) => {
    await lockGrants(tx);
    const grant = await rolesToGrant(tx, ctx, input.roleIds ?? [], null);
    const inserted = await tx
      .insert(users)
      .values({
        id,
        username: input.username,
        displayName: input.displayName,
        regionCode: input.regionCode,
        passwordHash,
        mustChangePassword: true,
        ...sealedColumns(pii, 'phone', input.phone),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .onConflictDoNothing({ target: users.username })
      .returning({ id: users.id });
    if (inserted.length === 0)
      throw new AppError('DUPLICATE', { errors: [{ path: 'username', message: 'validation.username.taken' }] });
    await tx.insert(userScopes).values(scopes.map((regionCode) => ({ userId: id, regionCode })));
    if (grant.length) await tx.insert(userRoles).values(grant.map((r) => ({ userId: id, roleId: r.id })));
    await writeAudit(tx, ctx, {
      action: 'create',
      entity: 'user',
      entityIds: [id],
      regionCode: input.regionCode,
      fields: [
        'username',
        'displayName',
        'regionCode',
        'password',
        'scopes',
        ...(input.phone ? ['phone'] : []),
        ...(grant.length ? ['roles'] : []),
      ],
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
  const { row, scopes: current } = await manageableUser(db, ctx, id);
  await assertVersion(row.version, input.version, () => getUser(db, ctx, pii, id));
  await assertRegionInScope(db, ctx, input.regionCode, 'regionCode');
  // The edit form sends the scopes back unchanged; only a change is a grant.
  const scopes = input.scopes && !sameSet(input.scopes, current) ? [...new Set(input.scopes)] : undefined;
  if (scopes) {
    assertMayChangeScopes(ctx);
    await assertScopes(db, ctx, scopes);
  }
  if (id === ctx.actor.id && (scopes || input.status !== row.status)) {
    throw new AppError('SEPARATION_OF_DUTIES', {
      errors: [{ path: scopes ? 'scopes' : 'status', message: 'validation.role.self' }],
    });
  }
  const changed = ['displayName', 'regionCode', 'status'].filter((k) => (row as never)[k] !== (input as never)[k]);
  if (input.phone !== undefined) changed.push('phone');
  if (scopes) changed.push('scopes');
  await db.transaction(async (tx) => {
    await updateVersioned(tx, users, id, row.version, {
      displayName: input.displayName,
      regionCode: input.regionCode,
      status: input.status,
      ...sealedColumns(pii, 'phone', input.phone),
      updatedAt: ctx.now,
    });
    if (scopes) {
      await tx.delete(userScopes).where(eq(userScopes.userId, id));
      await tx.insert(userScopes).values(scopes.map((regionCode) => ({ userId: id, regionCode })));
    }
    if (input.status === 'disabled') await revokeSessions(tx, { userId: id }, ctx.now, 'disabled');
    await writeAudit(tx, ctx, {
      action: 'update',
      entity: 'user',
      entityIds: [id],
      regionCode: input.regionCode,
      fields: changed,
      ...(scopes ? { detail: { scopes: { from: current, to: scopes } } } : {}),
    });
  });
  return getUser(db, ctx, pii, id);
}

/**
 * 分配角色与数据范围: the security administrator's (and region administrators') duty. `scopes`, when
 * sent and different, replaces the user's data scopes in the same change.
 */
export async function assignRoles(
  db: Db,
  ctx: Ctx,
  pii: PiiCipher,
  id: string,
  input: { roleIds: string[]; scopes?: string[]; version?: number },
) {
  const { row, roles: current, scopes: currentScopes } = await manageableUser(db, ctx, id);
  await assertVersion(row.version, input.version, () => getUser(db, ctx, pii, id));
  // Taking away a role the grantor could not grant is as much a privilege as granting it.
  assertWithinOwnPermissions(
    ctx.actor,
    current.flatMap((r) => r.permissions),
    'roleIds',
  );
  const scopes = input.scopes && !sameSet(input.scopes, currentScopes) ? [...new Set(input.scopes)] : undefined;
  if (scopes) await assertScopes(db, ctx, scopes);
  await db.transaction(async (tx) => {
    await lockGrants(tx);
    const grant = await rolesToGrant(tx, ctx, input.roleIds, id);
    // The version read above: a concurrent assignment (or any edit) in between answers 409.
    await updateVersioned(tx, users, id, row.version, { updatedAt: ctx.now });
    await tx.delete(userRoles).where(eq(userRoles.userId, id));
    if (grant.length) await tx.insert(userRoles).values(grant.map((r) => ({ userId: id, roleId: r.id })));
    if (scopes) {
      await tx.delete(userScopes).where(eq(userScopes.userId, id));
      await tx.insert(userScopes).values(scopes.map((regionCode) => ({ userId: id, regionCode })));
    }
    await revokeSessions(tx, { userId: id }, ctx.now, 'roles_changed');
    await writeAudit(tx, ctx, {
      action: 'assign_roles',
      entity: 'user',
      entityIds: [id],
      regionCode: row.regionCode,
      fields: ['roles', ...(scopes ? ['scopes'] : [])],
      detail: {
        from: current.map((r) => r.code),
        to: grant.map((r) => r.code),
        ...(scopes ? { scopes: { from: currentScopes, to: scopes } } : {}),
      },
    });
  });
  return getUser(db, ctx, pii, id);
}

export const TOTP_CLEARED = { totpSecretEnc: null, totpEnabled: false, totpLastStep: null } as const;

/**
 * An admin reset forces a change at next login, ends the user's sessions and is shown to them at
 * their next login (password_reset_at). For an account that reads personal data or manages users
 * it also clears TOTP, so its holder enrols a fresh authenticator.
 */
export async function resetPassword(db: Db, ctx: Ctx, id: string, password: string) {
  if (id === ctx.actor.id) throw new AppError('FORBIDDEN');
  const { row, permissions } = await manageableUser(db, ctx, id);
  assertPasswordPolicy(password, 'password');
  const passwordHash = await hashPassword(password);
  // Whoever chose the new password must not also hold the second factor of an account that needs one.
  const freshTotp = totpRequiredFor(permissions);
  await db.transaction(async (tx) => {
    await updateVersioned(tx, users, id, row.version, {
      passwordHash,
      passwordHistory: [row.passwordHash, ...row.passwordHistory].slice(0, 4),
      mustChangePassword: true,
      failedLogins: 0,
      lockedUntil: null,
      passwordResetAt: ctx.now,
      ...(freshTotp ? TOTP_CLEARED : {}),
      updatedAt: ctx.now,
    });
    await tx.delete(loginFailures).where(eq(loginFailures.userId, id));
    await revokeSessions(tx, { userId: id }, ctx.now, 'password_reset');
    await writeAudit(tx, ctx, {
      action: 'reset_password',
      entity: 'user',
      entityIds: [id],
      regionCode: row.regionCode,
      fields: ['password', ...(freshTotp && row.totpEnabled ? ['totp'] : [])],
    });
  });
}

/** The audited way to clear someone's second factor (a lost phone): they enrol again at next login. */
export async function resetTotp(db: Db, ctx: Ctx, id: string) {
  if (id === ctx.actor.id) throw new AppError('FORBIDDEN');
  const { row } = await manageableUser(db, ctx, id);
  await db.transaction(async (tx) => {
    await updateVersioned(tx, users, id, row.version, { ...TOTP_CLEARED, updatedAt: ctx.now });
    await revokeSessions(tx, { userId: id }, ctx.now, 'totp_reset');
    await writeAudit(tx, ctx, {
      action: 'reset_totp',
      entity: 'user',
      entityIds: [id],
      regionCode: row.regionCode,
      fields: ['totp'],
    });
  });
}

export async function unlockUser(db: Db, ctx: Ctx, id: string) {
  const { row } = await manageableUser(db, ctx, id);
  await db.transaction(async (tx) => {
    await updateVersioned(tx, users, id, row.version, { failedLogins: 0, lockedUntil: null, updatedAt: ctx.now });
    await tx.delete(loginFailures).where(eq(loginFailures.userId, id));
    await writeAudit(tx, ctx, {
      action: 'unlock',
      entity: 'user',
      entityIds: [id],
      regionCode: row.regionCode,
      fields: ['lockedUntil'],
    });
  });
}

/**
 * Reveals one field in clear, to those who manage the account and may read personal data; the read
 * itself is audited in the same transaction.
 */
export async function revealUserField(db: Db, ctx: Ctx, pii: PiiCipher, id: string, field: 'phone') {
  requirePermission(ctx.actor, 'system:user:update');
  const { row } = await manageableUser(db, ctx, id);
  return db.transaction(async (tx) => {
    await writeAudit(tx, ctx, {
      action: 'reveal',
      entity: 'user',
      entityIds: [id],
      regionCode: row.regionCode,
      fields: [field],
    });
    return { value: row.phoneEnc ? pii.decrypt(row.phoneEnc) : null };
  });
}
