import { isRegionCode } from '@lianxin/shared';
import type { Db } from '../../db/client.ts';
import { inScope } from '../../platform/access.ts';
import type { Ctx } from '../../platform/context.ts';
import { localDate } from '../../platform/dates.ts';
import { notFound, validationError } from '../../platform/errors.ts';
import { childrenOf, findRegion } from '../regions/regions.repo.ts';
import { developmentTotals, examCounts, type HeadcountRow, headcounts, positionCounts } from './stats.sql.ts';

/** Code length of the next level down: country → provinces (2), 44 → 4412, … a village has none below. */
const CHILD_LENGTH: Record<number, number> = { 0: 2, 2: 4, 4: 6, 6: 9, 9: 12, 12: 12 };

export interface StatsRegion {
  code: string;
  name: string;
  level: number;
  childLength: number;
}

/**
 * The region a statistic is about: the one asked for, or the caller's own. It must lie inside
 * the caller's scope (its whole subtree then does); anything else, unknown or not, is not found.
 * '' is the whole country, for nationwide scopes only.
 */
export async function statsRegion(db: Db, ctx: Ctx, code: string | undefined): Promise<StatsRegion> {
  const scopes = ctx.actor.scopes;
  const asked = code ?? (inScope(ctx.actor.regionCode, scopes) ? ctx.actor.regionCode : scopes[0]);
  if (asked === undefined) throw notFound();
  if (asked === '') {
    if (!scopes.includes('')) throw notFound();
    return { code: '', name: '全国', level: 0, childLength: 2 };
  }
  if (!isRegionCode(asked) || !inScope(asked, scopes)) throw notFound();
  const row = await findRegion(db, asked);
  if (!row) throw notFound();
  return { code: row.code, name: row.name, level: row.level, childLength: CHILD_LENGTH[row.code.length] };
}

/** The day a year is counted on: its last day, or today while the year is running. */
export function yearEnd(year: number, today: string): string {
  const end = `${year}-12-31`;
  return end < today ? end : today;
}

export const ratio = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

const MAX_YEARS = 30;

function yearRows(
  years: number[],
  days: string[],
  heads: Map<string, HeadcountRow>,
  exams: Map<number, { registrations: number; sat: number; passes: number }>,
) {
  const out = years.map((year, i) => {
    const h = heads.get(days[i]);
    const x = exams.get(year) ?? { registrations: 0, sat: 0, passes: 0 };
    return {
      year,
      asOf: days[i],
      talent: h?.talent ?? 0,
      certified: h?.certified ?? 0,
      byLevel: { assistant: h?.assistant ?? 0, intermediate: h?.intermediate ?? 0, senior: h?.senior ?? 0 },
      registrations: x.registrations,
      sat: x.sat,
      passes: x.passes,
      passRate: ratio(x.passes, x.sat),
      certifiedChange: null as number | null,
      registrationsChange: null as number | null,
    };
  });
  // The year before `from` is computed only to give the first year its change.
  for (let i = 1; i < out.length; i++) {
    out[i].certifiedChange = out[i].certified - out[i - 1].certified;
    out[i].registrationsChange = out[i].registrations - out[i - 1].registrations;
  }
  return out.slice(1);
}

/**
 * Per year from `from` to `to`: certified people by level (as of the year's last day), exam
 * registrations, passes and the pass rate, and the change on the year before — for the region
 * and one series per child region.
 */
export async function talentSeries(db: Db, ctx: Ctx, q: { region?: string; from?: number; to?: number }) {
  const today = localDate(ctx.now);
  const region = await statsRegion(db, ctx, q.region);
  const to = q.to ?? Number(today.slice(0, 4));
  const from = q.from ?? to - 9;
  if (from > to) throw validationError('from', 'validation.stats.fromAfterTo');
  if (to - from + 1 > MAX_YEARS) throw validationError('from', 'validation.stats.tooManyYears', { max: MAX_YEARS });
  const years = Array.from({ length: to - from + 2 }, (_, i) => from - 1 + i);
  const days = years.map((y) => yearEnd(y, today));
  const [heads, exams, children] = await Promise.all([
    headcounts(db, ctx.actor.scopes, region.code, [...new Set(days)], region.childLength),
    examCounts(db, ctx.actor.scopes, region.code, from - 1, to, region.childLength),
    region.childLength > region.code.length
      ? childrenOf(db, region.code || null, ctx.actor.scopes)
      : Promise.resolve([]),
  ]);
  const seriesOf = (child: string | null) =>
    yearRows(
      years,
      days,
      new Map(heads.filter((h) => h.child === child).map((h) => [h.day, h])),
      new Map(exams.filter((x) => x.child === child).map((x) => [x.year, x])),
    );
  return {
    region: { code: region.code, name: region.name, level: region.level },
    from,
    to,
    years: seriesOf(null),
    children: children
      .filter((c) => c.kind !== 'placeholder')
      .map((c) => ({
        code: c.code,
        name: c.name,
        level: c.level,
        hasChildren: c.hasChildren,
        years: seriesOf(c.code),
      })),
  };
}

/** The headline figures of a region on a day (today by default). */
export async function talentSummary(db: Db, ctx: Ctx, q: { region?: string; asOf?: string }) {
  const today = localDate(ctx.now);
  const asOf = q.asOf ?? today;
  if (asOf > today) throw validationError('asOf', 'validation.talent.future');
  const region = await statsRegion(db, ctx, q.region);
  const yearStart = `${asOf.slice(0, 4)}-01-01`;
  const [[h], [p], dev] = await Promise.all([
    headcounts(db, ctx.actor.scopes, region.code, [asOf], region.code.length || 2),
    positionCounts(db, ctx.actor.scopes, region.code, [asOf]),
    developmentTotals(db, ctx.actor.scopes, region.code, yearStart, asOf),
  ]);
  const zero = {
    talent: 0,
    certified: 0,
    assistant: 0,
    intermediate: 0,
    senior: 0,
    professional: 0,
    communityWorker: 0,
    partyGovernment: 0,
    volunteer: 0,
    resident: 0,
    residentQualified: 0,
  };
  const c = h ?? zero;
  return {
    region: { code: region.code, name: region.name, level: region.level },
    asOf,
    talent: {
      total: c.talent,
      byCategory: {
        professional: c.professional,
        community_worker: c.communityWorker,
        party_government: c.partyGovernment,
        volunteer: c.volunteer,
      },
    },
    certified: {
      total: c.certified,
      assistant: c.assistant,
      intermediate: c.intermediate,
      senior: c.senior,
      share: ratio(c.certified, c.talent),
    },
    resident: {
      total: c.resident,
      qualified: c.residentQualified,
      unqualified: c.resident - c.residentQualified,
      share: ratio(c.residentQualified, c.resident),
    },
    positions: { set: p?.set ?? 0, filled: p?.filled ?? 0, vacant: (p?.set ?? 0) - (p?.filled ?? 0) },
    development: { year: Number(asOf.slice(0, 4)), ...dev },
  };
}
