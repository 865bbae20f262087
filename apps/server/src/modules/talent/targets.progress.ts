import type { Db } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { localDate } from '../../platform/dates.ts';
import { validationError } from '../../platform/errors.ts';
import type { ParamsCache } from '../params/params.service.ts';
import { examCounts, headcounts, positionCounts } from './stats.sql.ts';
import { ratio } from './stats.service.ts';
import {
  linearTrend,
  type Point,
  requiredYearlyGrowth,
  type StatusRule,
  targetStatus,
  valueAt,
} from './targets.forecast.ts';
import { unscopedChildrenOf, type TargetRow } from './targets.repo.ts';
import { getScopedTarget, type Metric, presentTargets } from './targets.service.ts';

const LEVEL_RANK_FIELD = { assistant: 'assistant', intermediate: 'intermediate', senior: 'senior' } as const;

/**
 * The metric's value in the target's region on each day, or null when the platform does not
 * record it yet (active volunteers: the volunteer register is a later module). Exam
 * registrations are those of the day's year.
 */
export async function metricValues(
  db: Db,
  scopes: readonly string[],
  t: Pick<TargetRow, 'regionCode' | 'metric' | 'level'>,
  days: readonly string[],
): Promise<Map<string, number> | null> {
  const metric = t.metric as Metric;
  const region = t.regionCode;
  const unique = [...new Set(days)];
  if (metric === 'active_volunteers') return null;
  if (metric === 'exam_registrations') {
    const years = unique.map((d) => Number(d.slice(0, 4)));
    const rows = (await examCounts(db, scopes, region, Math.min(...years), Math.max(...years), region.length)).filter(
      (r) => r.child === null,
    );
    const byYear = new Map(rows.map((r) => [r.year, r.registrations]));
    return new Map(unique.map((d) => [d, byYear.get(Number(d.slice(0, 4))) ?? 0]));
  }
  if (metric === 'positions_filled') {
    const rows = await positionCounts(db, scopes, region, unique);
    return new Map(rows.map((r) => [r.day, r.filled]));
  }
  const rows = (await headcounts(db, scopes, region, unique, region.length)).filter((r) => r.child === null);
  const pick = (r: (typeof rows)[number]) => {
    if (metric === 'total_talent') return r.talent;
    if (metric === 'resident_qualified') return r.residentQualified;
    return t.level ? r[LEVEL_RANK_FIELD[t.level as keyof typeof LEVEL_RANK_FIELD]] : r.certified;
  };
  const byDay = new Map(rows.map((r) => [r.day, pick(r)]));
  return new Map(unique.map((d) => [d, byDay.get(d) ?? 0]));
}

export interface ProgressOptions {
  asOf?: string;
  /** Year-end actuals of this many completed years feed the trend. */
  years?: number;
  atRiskShare?: number;
}

async function progressOf(db: Db, ctx: Ctx, t: TargetRow, opts: { asOf: string; years: number; rule: StatusRule }) {
  const asOfYear = Number(opts.asOf.slice(0, 4));
  const trendYears = Array.from({ length: opts.years }, (_, i) => asOfYear - opts.years + i);
  const trendDays = trendYears.map((y) => `${y}-12-31`);
  const values = await metricValues(db, ctx.actor.scopes, t, [...trendDays, opts.asOf]);
  const actual = values ? (values.get(opts.asOf) ?? 0) : null;
  const yearly = trendYears.map((year, i) => ({
    year,
    asOf: trendDays[i],
    value: values ? (values.get(trendDays[i]) ?? 0) : null,
  }));
  const points: Point[] = values ? yearly.map((y) => ({ day: y.asOf, value: y.value as number })) : [];
  const trend = linearTrend(points);
  const forecast = trend ? Math.round(valueAt(trend, t.dueOn)) : null;
  const baseline = t.baselineValue != null && t.baselineOn ? { day: t.baselineOn, value: t.baselineValue } : null;
  return {
    asOf: opts.asOf,
    available: values !== null,
    actual,
    targetValue: t.value,
    share: actual === null ? null : ratio(actual, t.value),
    gap: actual === null ? null : Math.max(t.value - actual, 0),
    baseline: baseline ? { value: baseline.value, on: baseline.day } : null,
    requiredYearlyGrowth: requiredYearlyGrowth(actual, t.value, opts.asOf, t.dueOn),
    forecast: {
      method: 'linear_least_squares' as const,
      years: opts.years,
      pointsUsed: points.length,
      value: forecast,
      slopePerYear: trend ? Math.round(trend.slopePerYear * 10) / 10 : null,
      line: trend
        ? [
            yearly.length ? { day: yearly[0].asOf, value: Math.round(valueAt(trend, yearly[0].asOf)) } : null,
            { day: t.dueOn, value: forecast as number },
          ].filter((p) => p !== null)
        : [],
    },
    status: targetStatus({
      actual,
      target: t.value,
      forecast,
      dueOn: t.dueOn,
      asOf: opts.asOf,
      baseline,
      rule: opts.rule,
    }),
    yearly,
  };
}

/**
 * Actual against target as of a day, the growth still needed each year, a forecast at the due
 * date from the least-squares line through the last N year-end actuals, a status, and for a
 * split target each share's progress with the shortfall when the shares do not add up.
 */
export async function getTargetProgress(db: Db, ctx: Ctx, params: ParamsCache, id: string, opts: ProgressOptions) {
  const today = localDate(ctx.now);
  const asOf = opts.asOf ?? today;
  if (asOf > today) throw validationError('asOf', 'validation.talent.future');
  const t = await getScopedTarget(db, ctx, id);
  const years = opts.years ?? (await params.int('talent.target.trendYears'));
  const atRiskShare = opts.atRiskShare ?? (await params.int('talent.target.atRiskPercent')) / 100;
  const settings = { asOf, years, rule: { atRiskShare } };
  const children = await unscopedChildrenOf(db, t.id);
  const [[dto], progress, shares, childDtos] = await Promise.all([
    presentTargets(db, ctx, [t]),
    progressOf(db, ctx, t, settings),
    Promise.all(children.map((c) => progressOf(db, ctx, c, settings))),
    presentTargets(db, ctx, children),
  ]);
  const sum = children.reduce((a, c) => a + c.value, 0);
  return {
    target: dto,
    ...progress,
    thresholds: { atRiskShare, trendYears: years },
    split: children.length
      ? {
          childrenSum: sum,
          shortfall: Math.max(t.value - sum, 0),
          children: childDtos.map((c, i) => ({
            target: c,
            actual: shares[i].actual,
            share: shares[i].share,
            forecast: shares[i].forecast.value,
            status: shares[i].status,
          })),
        }
      : null,
  };
}
