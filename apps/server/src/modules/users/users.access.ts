import type { Db } from '../../db/client.ts';
import { scopesWithin } from '../../platform/access.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { canManageAccount } from '../roles/roles.rules.ts';
import { findUser, rolesOfUsers, scopesOfUsers, type UserRow } from './users.repo.ts';

export interface ManagedUser {
  row: UserRow;
  scopes: string[];
  roles: { id: string; code: string; permissions: string[] }[];
  /** Everything the account holds through all its roles. */
  permissions: string[];
}

/** The account management rule, for a target whose scopes and permissions are known. */
export function mayManage(
  actor: Actor,
  target: { scopes: readonly string[]; permissions: readonly string[] },
): 'yes' | 'out_of_scope' | 'stronger' {
  if (!scopesWithin(target.scopes, actor.scopes)) return 'out_of_scope';
  return canManageAccount(actor, target.permissions) ? 'yes' : 'stronger';
}

/**
 * Loads an account the actor may manage: homed in the actor's scope, every one of its scopes
 * within the actor's, and every permission of its roles one the actor could grant. Every
 * operation that changes an account starts here. An account reaching outside the actor's scopes
 * reads as absent (404); a stronger one inside them is 403. Writes then go through
 * updateVersioned with `row.version`, so roles or scopes changed in between answer 409.
 */
export async function manageableUser(db: Db, ctx: Ctx, id: string): Promise<ManagedUser> {
  const row = await findUser(db, ctx.actor.scopes, id);
  if (!row) throw notFound();
  const roles = await rolesOfUsers(db, [id]);
  const scopes = (await scopesOfUsers(db, [id])).map((s) => s.regionCode);
  const permissions = [...new Set(roles.flatMap((r) => r.permissions))];
  const verdict = mayManage(ctx.actor, { scopes, permissions });
  if (verdict === 'out_of_scope') throw notFound();
  if (verdict === 'stronger') throw new AppError('FORBIDDEN');
  return { row, scopes, roles, permissions };
}
