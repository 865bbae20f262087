import { adminDomainsOf } from '@lianxin/shared';
import type { Actor } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';

/** The security administrator grants any role; everyone else only what they hold themselves. */
export function canGrantAny(actor: Actor): boolean {
  return actor.permissions.has('system:security:edit');
}

/** 三员分立: one set of permissions (a role, or a user's roles together) may carry one admin duty at most. */
export function assertSingleDuty(permissions: readonly string[], path: string, message: string): void {
  if (adminDomainsOf(permissions).length > 1) {
    throw new AppError('SEPARATION_OF_DUTIES', { errors: [{ path, message }] });
  }
}

export function assertWithinOwnPermissions(actor: Actor, permissions: readonly string[], path: string): void {
  if (canGrantAny(actor)) return;
  if (permissions.some((p) => !actor.permissions.has(p as never))) {
    throw new AppError('SCOPE_EXCEEDED', { errors: [{ path, message: 'validation.role.beyond' }] });
  }
}
