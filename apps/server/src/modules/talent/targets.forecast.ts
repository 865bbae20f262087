import { daysBetween } from '../../platform/dates.ts';

export const TARGET_STATUSES = ['on_track', 'at_risk', 'behind', 'unknown'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

const YEAR_DAYS = 365.25;

export interface Point {
  day: string;
  value: number;
}

export interface Trend {
  /** Growth per year of the fitted line. */
  slopePerYear: number;
  /** The fitted value at the first point's day. */
  intercept: number;
  origin: string;
}

/**
 * Ordinary least squares of value on time (in years from the first point). Needs two points on
 * different days; with fewer there is no trend.
 */
export function linearTrend(points: readonly Point[]): Trend | null {
  if (points.length < 2) return null;
  const origin = points[0].day;
  const xs = points.map((p) => daysBetween(origin, p.day) / YEAR_DAYS);
  const ys = points.map((p) => p.value);
  const n = points.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i] - mx) ** 2;
    sxy += (xs[i] - mx) * (ys[i] - my);
  }
  if (sxx === 0) return null;
  const slopePerYear = sxy / sxx;
  return { slopePerYear, intercept: my - slopePerYear * mx, origin };
}

export function valueAt(trend: Trend, day: string): number {
  return trend.intercept + trend.slopePerYear * (daysBetween(trend.origin, day) / YEAR_DAYS);
}

export interface StatusRule {
  /** A forecast at or above this share of the target (but below it) is at risk; below it, behind. */
  atRiskShare: number;
}

/**
 * on_track: the forecast at the due date reaches the target (or the target is already reached);
 * at_risk: it reaches at least `atRiskShare` of it; behind: less. From the due date on, the actual
 * alone decides (reached: on_track, not: behind). Without a trend the actual is compared with the straight path from the
 * baseline to the target instead; without that either, unknown.
 */
export function targetStatus(o: {
  actual: number | null;
  target: number;
  forecast: number | null;
  dueOn: string;
  asOf: string;
  baseline: Point | null;
  rule: StatusRule;
}): TargetStatus {
  if (o.actual === null) return 'unknown';
  if (o.actual >= o.target) return 'on_track';
  if (o.asOf >= o.dueOn) return 'behind';
  let expected: number | null = o.forecast;
  let against = o.target;
  if (expected === null && o.baseline && o.baseline.day < o.asOf) {
    // No trend: where the straight line from the baseline says the actual should be by now.
    const share = daysBetween(o.baseline.day, o.asOf) / daysBetween(o.baseline.day, o.dueOn);
    against = o.baseline.value + (o.target - o.baseline.value) * share;
    expected = o.actual;
  }
  if (expected === null) return 'unknown';
  if (expected >= against) return 'on_track';
  return expected >= against * o.rule.atRiskShare ? 'at_risk' : 'behind';
}

/** The growth per year still needed from the actual to reach the target by the due date. */
export function requiredYearlyGrowth(
  actual: number | null,
  target: number,
  asOf: string,
  dueOn: string,
): number | null {
  if (actual === null || asOf >= dueOn) return null;
  const years = daysBetween(asOf, dueOn) / YEAR_DAYS;
  return Math.round(((target - actual) / years) * 10) / 10;
}
