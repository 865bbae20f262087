import { isRegionCode } from '@lianxin/shared';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { inScope } from '../../platform/access.ts';
import { AppError, notFound, validationError } from '../../platform/errors.ts';
import {
  ancestorCodes,
  childrenOf,
  findRegion,
  findRegions,
  findVisibleRegions,
  type RegionRow,
  type RegionRowWithChildren,
  searchRegions as searchRegionRows,
} from './regions.repo.ts';
import type { RegionKind } from './regions.source.ts';

export interface RegionNode {
  code: string;
  name: string;
  level: number;
  parentCode: string | null;
  kind: RegionKind;
  hasChildren: boolean;
}

export interface RegionDetail extends RegionNode {
  /** Province first, down to the parent: the breadcrumb above the node. */
  ancestors: RegionNode[];
}

export interface RegionHit extends RegionNode {
  /** Names from the province down, e.g. 广东省/肇庆市/端州区. */
  path: string;
}

/** The code that lists the provinces (the tree's invisible root). */
export const ROOT = 'root';
export const SEARCH_LIMIT_DEFAULT = 20;
export const SEARCH_LIMIT_MAX = 100;

export function presentRegion(r: RegionRowWithChildren): RegionNode {
  return {
    code: r.code,
    name: r.name,
    level: r.level,
    parentCode: r.parentCode,
    kind: r.kind as RegionKind,
    hasChildren: r.hasChildren,
  };
}

/** A node with its breadcrumb; a region outside the caller's scope (and not above it) is 404. */
export async function getRegion(db: Db, ctx: Ctx, code: string): Promise<RegionDetail> {
  const rows = await findVisibleRegions(db, [...ancestorCodes(code), code], ctx.actor.scopes);
  const node = rows.find((r) => r.code === code);
  if (!node) throw notFound();
  return { ...presentRegion(node), ancestors: rows.filter((r) => r.code !== code).map(presentRegion) };
}

/** Children of a visible node ('root': the visible provinces); an invisible or unknown node is 404. */
export async function listChildren(db: Db, ctx: Ctx, code: string): Promise<RegionNode[]> {
  if (code === ROOT) return (await childrenOf(db, null, ctx.actor.scopes)).map(presentRegion);
  const [parent] = await findVisibleRegions(db, [code], ctx.actor.scopes);
  if (!parent) throw notFound();
  return (await childrenOf(db, code, ctx.actor.scopes)).map(presentRegion);
}

/** Search by name or pinyin initials within what the caller may see, each hit with its full path. */
export async function searchRegions(db: Db, ctx: Ctx, q: string, limit = SEARCH_LIMIT_DEFAULT): Promise<RegionHit[]> {
  const hits = await searchRegionRows(db, q, ctx.actor.scopes, Math.min(Math.max(limit, 1), SEARCH_LIMIT_MAX));
  // Ancestors are visible whenever the hit is, so one unscoped lookup names every path.
  const above = await findRegions(db, [...new Set(hits.flatMap((h) => ancestorCodes(h.code)))]);
  const names = new Map(above.map((r) => [r.code, r.name]));
  return hits.map((h) => ({
    ...presentRegion(h),
    path: [
      ...ancestorCodes(h.code)
        .map((c) => names.get(c))
        .filter((n): n is string => n !== undefined),
      h.name,
    ].join('/'),
  }));
}

/**
 * For other modules: the code must name an imported region (any, regardless of the caller's
 * scope — checking the scope is the caller's decision).
 */
export async function validateRegionCode(db: Db, code: string, path = 'regionCode'): Promise<RegionRow> {
  const row = isRegionCode(code) ? await findRegion(db, code) : undefined;
  if (!row) throw validationError(path, 'validation.region.unknown');
  return row;
}

/**
 * For records placed in a region: the code must lie inside the actor's scope (422, before saying
 * anything about whether it exists) and name an imported region.
 */
export async function regionInScope(db: Db, ctx: Ctx, code: string, path = 'regionCode'): Promise<RegionRow> {
  if (!inScope(code, ctx.actor.scopes))
    throw new AppError('SCOPE_EXCEEDED', { errors: [{ path, message: 'validation.scope.outside' }] });
  return validateRegionCode(db, code, path);
}
