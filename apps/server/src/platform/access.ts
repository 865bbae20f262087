import { inArray, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Actor } from './context.ts';
import { AppError } from './errors.ts';
import type { Permission } from '@lianxin/shared';

const CODE = /^\d{0,12}$/;

/**
 * The one place that turns a user's scopes into SQL: `region_code LIKE '4412%' OR …`.
 * Every query of scoped data goes through here; an empty-string scope means the whole country.
 */
export function scopeWhere(column: SQLWrapper, scopes: readonly string[]): SQL {
  if (scopes.length === 0) return sql`false`;
  if (scopes.includes('')) return sql`true`;
  const parts = scopes.map((s) => {
    if (!CODE.test(s)) throw new Error(`Bad scope code ${s}`);
    return sql`${column} like ${`${s}%`}`;
  });
  return or(...parts) as SQL;
}

/** Region codes have 2, 4, 6, 9 or 12 digits; the ancestors of a code are its shorter prefixes. */
const ANCESTOR_LENGTHS = [2, 4, 6, 9] as const;

/**
 * The scopes and everything above them, for reference data registered higher up that a user
 * lower down must still be able to pick — a city-registered agency that runs a town's station.
 * For reads only: changing such a record needs it inside the scope proper.
 */
export function scopeOrAboveWhere(column: SQLWrapper, scopes: readonly string[]): SQL {
  const above = [
    ...new Set(scopes.flatMap((s) => ANCESTOR_LENGTHS.filter((n) => n < s.length).map((n) => s.slice(0, n)))),
  ];
  const under = scopeWhere(column, scopes);
  return above.length ? (or(under, inArray(column as never, above)) as SQL) : under;
}

export function inScope(regionCode: string | null | undefined, scopes: readonly string[]): boolean {
  if (regionCode == null) return false;
  return scopes.some((s) => regionCode.startsWith(s));
}

/** True when `code` is an ancestor of some scope (for breadcrumbs above the user's own region). */
export function isAncestorOfScope(code: string, scopes: readonly string[]): boolean {
  return scopes.some((s) => s.length > code.length && s.startsWith(code));
}

/** A scope set B is within A when every code of B lies under some code of A. */
export function scopesWithin(inner: readonly string[], outer: readonly string[]): boolean {
  return inner.every((c) => inScope(c, outer));
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}

export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError('FORBIDDEN', { params: { permission } });
}
