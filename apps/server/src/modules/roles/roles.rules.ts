import { adminDomainsOf, dutyConflict } from '@lianxin/shared';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';

/** The security administrator grants any role; everyone else only what they hold themselves. */
export function canGrantAny(actor: Actor): boolean {
  return actor.permissions.has('system:security:edit');
}

/**
 * 三员分立 for one set of permissions: a role (`subject: 'role'`) or everything one user holds
 * through all their roles (`'user'`). Two administrator duties, or a duty with business or
 * personal-data permissions, answer SEPARATION_OF_DUTIES at `path`.
 */
export function assertSeparated(permissions: readonly string[], path: string, subject: 'role' | 'user'): void {
  const conflict = dutyConflict(permissions);
  if (!conflict) return;
  const message =
    conflict === 'two_duties'
      ? subject === 'role'
        ? 'validation.role.mixedDuties'
        : 'validation.role.userDuties'
      : subject === 'role'
        ? 'validation.role.dutyAndData'
        : 'validation.role.userDutyAndData';
  throw new AppError('SEPARATION_OF_DUTIES', { errors: [{ path, message }] });
}

export function assertWithinOwnPermissions(actor: Actor, permissions: readonly string[], path: string): void {
  if (canGrantAny(actor)) return;
  if (permissions.some((p) => !actor.permissions.has(p as never))) {
    throw new AppError('SCOPE_EXCEEDED', { errors: [{ path, message: 'validation.role.beyond' }] });
  }
}

/**
 * Whether the actor may manage (edit, reset, unlock, …) an account holding `permissions`: only one
 * whose every permission the actor could grant. The system administrator's duty is the accounts of
 * everyone who is none of the three administrators; an account holding an administrator duty is
 * managed only by someone holding all it holds, or by the security administrator.
 */
export function canManageAccount(actor: Actor, permissions: readonly string[]): boolean {
  if (canGrantAny(actor)) return true;
  if (permissions.every((p) => actor.permissions.has(p as never))) return true;
  return adminDomainsOf([...actor.permissions]).includes('system') && adminDomainsOf(permissions).length === 0;
}

const GRANTS_LOCK = 7461101;

/**
 * Serialises every change of who holds which permissions (role assignments and role edits) for the
 * rest of the transaction, so the separation checks read a state no concurrent change can undo.
 */
export async function lockGrants(tx: Db): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${GRANTS_LOCK})`);
}
