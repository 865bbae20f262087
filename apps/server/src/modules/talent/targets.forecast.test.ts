import { describe, expect, it } from 'vitest';
import { linearTrend, requiredYearlyGrowth, targetStatus, valueAt } from './targets.forecast.ts';

const rule = { atRiskShare: 0.9 };

describe('target forecast', () => {
  it('fits known points on a line exactly: slope per year and the value at a later day', () => {
    // 100, 150, 200, 250 at four year-ends: 50 a year (2020 is a leap year, so the days are not all 365).
    const trend = linearTrend([
      { day: '2021-12-31', value: 100 },
      { day: '2022-12-31', value: 150 },
      { day: '2023-12-31', value: 200 },
      { day: '2024-12-31', value: 250 },
    ])!;
    expect(trend.slopePerYear).toBeCloseTo(50, 0);
    expect(valueAt(trend, '2027-12-31')).toBeCloseTo(400, 0);
  });

  it('fits scattered points by least squares', () => {
    // x = 0,1,2 years; y = 1,2,4 → slope 1.5, intercept 0.8333
    const trend = linearTrend([
      { day: '2001-01-01', value: 1 },
      { day: '2002-01-01', value: 2 },
      { day: '2003-01-01', value: 4 },
    ])!;
    expect(trend.slopePerYear).toBeCloseTo(1.5, 1);
    expect(trend.intercept).toBeCloseTo(0.83, 1);
  });

  it('has no trend from fewer than two points', () => {
    expect(linearTrend([{ day: '2024-12-31', value: 5 }])).toBeNull();
  });

  it('classifies by the forecast against the target and the at-risk share', () => {
    const base = { actual: 300, target: 500, dueOn: '2027-12-31', asOf: '2026-03-01', baseline: null, rule };
    expect(targetStatus({ ...base, forecast: 520 })).toBe('on_track');
    expect(targetStatus({ ...base, forecast: 460 })).toBe('at_risk');
    expect(targetStatus({ ...base, forecast: 400 })).toBe('behind');
    expect(targetStatus({ ...base, actual: 500, forecast: 400 })).toBe('on_track');
    expect(targetStatus({ ...base, asOf: '2028-01-01', forecast: 600 })).toBe('behind');
    expect(targetStatus({ ...base, actual: null, forecast: null })).toBe('unknown');
  });

  it('without a trend compares the actual with the straight path from the baseline', () => {
    const base = {
      target: 200,
      dueOn: '2024-01-01',
      asOf: '2023-01-01',
      forecast: null,
      rule,
      baseline: { day: '2022-01-01', value: 100 },
    };
    expect(targetStatus({ ...base, actual: 150 })).toBe('on_track');
    expect(targetStatus({ ...base, actual: 140 })).toBe('at_risk');
    expect(targetStatus({ ...base, actual: 120 })).toBe('behind');
  });

  it('spreads what is left over the years to the due date', () => {
    expect(requiredYearlyGrowth(300, 500, '2025-12-31', '2027-12-31')).toBeCloseTo(100, 0);
    expect(requiredYearlyGrowth(300, 500, '2028-01-01', '2027-12-31')).toBeNull();
  });
});
