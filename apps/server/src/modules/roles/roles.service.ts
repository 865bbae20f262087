import { PERMISSIONS } from '@lianxin/shared';
import { and, count, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { containsPattern } from '../../db/sql.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { scopeWhere } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError, assertVersion, notFound } from '../../platform/errors.ts';
import { mayManage } from '../users/users.access.ts';
import { userRoles, userScopes } from '../users/users.table.ts';
import { assertSeparated, assertWithinOwnPermissions, lockGrants } from './roles.rules.ts';
import { roles } from './roles.table.ts';

type RoleRow = typeof roles.$inferSelect;

/** Built-in roles are visible to all who list roles; custom roles within the scope they were made in. */
const visible = (ctx: Ctx) => or(eq(roles.builtin, true), scopeWhere(roles.regionCode, ctx.actor.scopes)) as SQL;

async function userCounts(db: Db, ids: string[]) {
  if (!ids.length) return new Map<string, number>();
  const rows = await db
    .select({ roleId: userRoles.roleId, n: count() })
    .from(userRoles)
    .where(inArray(userRoles.roleId, ids))
    .groupBy(userRoles.roleId);
  return new Map(rows.map((r) => [r.roleId, r.n]));
}

function present(r: RoleRow, userCount: number) {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    nameEn: r.nameEn,
    builtin: r.builtin,
    permissions: r.permissions,
    regionCode: r.regionCode,
    remark: r.remark,
    userCount,
    version: r.version,
  };
}

export async function listRoles(db: Db, ctx: Ctx, f: { page: number; pageSize: number; q?: string }) {
  const conds: SQL[] = [visible(ctx)];
  if (f.q) conds.push(or(ilike(roles.code, containsPattern(f.q)), ilike(roles.name, containsPattern(f.q))) as SQL);
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(roles)
      .where(where)
      .orderBy(roles.builtin, roles.code)
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(roles).where(where),
  ]);
  const counts = await userCounts(
    db,
    rows.map((r) => r.id),
  );
  return { rows: rows.map((r) => present(r, counts.get(r.id) ?? 0)), total };
}

async function getVisibleRole(db: Db, ctx: Ctx, id: string): Promise<RoleRow> {
  const [r] = await db
    .select()
    .from(roles)
    .where(and(eq(roles.id, id), visible(ctx)))
    .limit(1);
  if (!r) throw notFound();
  return r;
}

export async function getRole(db: Db, ctx: Ctx, id: string) {
  const r = await getVisibleRole(db, ctx, id);
  return present(r, (await userCounts(db, [id])).get(id) ?? 0);
}

/** Each holder of the role with everything they hold through all their roles, and their scopes. */
async function holdersOf(tx: Db, roleId: string) {
  const holders = tx.select({ userId: userRoles.userId }).from(userRoles).where(eq(userRoles.roleId, roleId));
  const [perms, scopes] = [
    await tx
      .select({ userId: userRoles.userId, permissions: roles.permissions })
      .from(userRoles)
      .innerJoin(roles, eq(roles.id, userRoles.roleId))
      .where(inArray(userRoles.userId, holders)),
    await tx.select().from(userScopes).where(inArray(userScopes.userId, holders)),
  ];
  const byUser = new Map<string, { permissions: string[]; scopes: string[] }>();
  const of = (id: string) => byUser.get(id) ?? byUser.set(id, { permissions: [], scopes: [] }).get(id)!;
  for (const r of perms) of(r.userId).permissions.push(...r.permissions);
  for (const r of scopes) of(r.userId).scopes.push(r.regionCode);
  return [...byUser.values()];
}

function checkPermissions(ctx: Ctx, permissions: string[]) {
  const unknown = permissions.findIndex((p) => !(PERMISSIONS as readonly string[]).includes(p));
  if (unknown >= 0)
    throw new AppError('VALIDATION', {
      errors: [{ path: `permissions.${unknown}`, message: 'validation.role.unknown' }],
    });
  assertSeparated(permissions, 'permissions', 'role');
  assertWithinOwnPermissions(ctx.actor, permissions, 'permissions');
}

export interface RoleInput {
  code: string;
  name: string;
  nameEn?: string;
  permissions: string[];
  remark?: string;
}

export async function createRole(db: Db, ctx: Ctx, input: RoleInput) {
  checkPermissions(ctx, input.permissions);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(roles)
      .values({
        code: input.code,
        name: input.name,
        nameEn: input.nameEn ?? '',
        permissions: [...new Set(input.permissions)],
        remark: input.remark ?? '',
        regionCode: ctx.actor.regionCode,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .onConflictDoNothing({ target: roles.code })
      .returning();
    if (!row) throw new AppError('DUPLICATE', { errors: [{ path: 'code', message: 'validation.role.duplicate' }] });
    await writeAudit(tx, ctx, {
      action: 'create',
      entity: 'role',
      entityIds: [row.id],
      regionCode: row.regionCode,
      fields: ['code', 'name', 'permissions'],
      detail: { code: row.code, permissions: row.permissions },
    });
    return present(row, 0);
  });
}

export async function updateRole(db: Db, ctx: Ctx, id: string, input: Omit<RoleInput, 'code'> & { version?: number }) {
  const row = await getVisibleRole(db, ctx, id);
  if (row.builtin) throw new AppError('CONFLICT', { errors: [{ path: 'code', message: 'validation.role.builtin' }] });
  await assertVersion(row.version, input.version, () => getRole(db, ctx, id));
  checkPermissions(ctx, input.permissions);
  // Editing a role is granting its permissions to everyone who holds it.
  assertWithinOwnPermissions(ctx.actor, row.permissions, 'permissions');
  return db.transaction(async (tx) => {
    await lockGrants(tx);
    const updated = await updateVersioned(tx, roles, id, row.version, {
      name: input.name,
      nameEn: input.nameEn ?? row.nameEn,
      permissions: [...new Set(input.permissions)],
      remark: input.remark ?? row.remark,
      updatedAt: ctx.now,
    });
    // Editing a role changes every holder's account: each must be one the editor may manage, and
    // adding pii:read to a role a system administrator also holds is granting it to them.
    for (const holder of await holdersOf(tx, id)) {
      if (mayManage(ctx.actor, holder) !== 'yes')
        throw new AppError('SCOPE_EXCEEDED', {
          errors: [{ path: 'permissions', message: 'validation.role.heldBeyond' }],
        });
      assertSeparated(holder.permissions, 'permissions', 'user');
    }
    await writeAudit(tx, ctx, {
      action: 'update',
      entity: 'role',
      entityIds: [id],
      regionCode: row.regionCode,
      fields: ['name', 'permissions', 'remark'],
      detail: { from: row.permissions, to: updated.permissions },
    });
    return present(updated, (await userCounts(tx, [id])).get(id) ?? 0);
  });
}

export async function deleteRole(db: Db, ctx: Ctx, id: string) {
  const row = await getVisibleRole(db, ctx, id);
  if (row.builtin) throw new AppError('CONFLICT', { errors: [{ path: 'code', message: 'validation.role.builtin' }] });
  assertWithinOwnPermissions(ctx.actor, row.permissions, 'permissions');
  await db.transaction(async (tx) => {
    const [{ n }] = await tx.select({ n: count() }).from(userRoles).where(eq(userRoles.roleId, id));
    if (n > 0) throw new AppError('CONFLICT', { errors: [{ path: 'code', message: 'validation.role.inUse' }] });
    await tx.delete(roles).where(eq(roles.id, id));
    await writeAudit(tx, ctx, {
      action: 'delete',
      entity: 'role',
      entityIds: [id],
      regionCode: row.regionCode,
      detail: { code: row.code },
    });
  });
}
