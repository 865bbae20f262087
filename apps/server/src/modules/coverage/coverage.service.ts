import { isRegionCode } from '@lianxin/shared';
import type { Db } from '../../db/client.ts';
import { inScope } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { type CoverageRow, coverageFigures } from './coverage.repo.ts';

/** The code that names the whole country (as for the region tree's invisible root). */
export const COUNTRY = 'root';

/** covered / total, to four places; null when there is nothing to cover. */
export function ratio(covered: number, total: number): number | null {
  return total === 0 ? null : Math.round((covered / total) * 10_000) / 10_000;
}

function figures(r: CoverageRow) {
  return {
    towns: r.towns,
    townsCovered: r.townsCovered,
    townRatio: ratio(r.townsCovered, r.towns),
    villages: r.villages,
    villagesWithRoom: r.villagesWithRoom,
    villageRatio: ratio(r.villagesWithRoom, r.villages),
  };
}

/**
 * A region's coverage with one row per child region, for drilling down city → county → town.
 * The region must lie inside the caller's scope (its whole subtree then does); a region above the
 * scope would show the neighbours' figures, so it is not found, like an unknown one.
 */
export async function getCoverage(db: Db, ctx: Ctx, code: string) {
  const country = code === COUNTRY;
  if (country ? !ctx.actor.scopes.includes('') : !isRegionCode(code) || !inScope(code, ctx.actor.scopes))
    throw notFound();
  const rows = await coverageFigures(db, ctx.actor.scopes, country ? null : code);
  const self = rows.find((r) => r.self)!;
  if (!country && self.code === null) throw notFound();
  // Placeholder units with nothing under them (市辖区 of a city without districts of its own) are noise.
  const children = rows.filter((r) => !r.self && !(r.kind === 'placeholder' && r.towns + r.villages === 0));
  const level = country ? 0 : (self.level ?? 0);
  return {
    region: { code: country ? '' : code, name: country ? '全国' : (self.name ?? ''), level, ...figures(self) },
    children: children.map((c) => ({ code: c.code!, name: c.name!, level: c.level!, kind: c.kind!, ...figures(c) })),
    // A county's children are its towns: the ones without an operating town station.
    uncoveredTowns:
      level === 3
        ? children
            .filter((c) => c.level === 4 && c.towns > c.townsCovered)
            .map((c) => ({ code: c.code!, name: c.name! }))
        : [],
  };
}
