import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { assertDates, assertKindLevel, assertTransition, checkCoordinates, haversineKm } from './stations.rules.ts';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('station rules', () => {
  it('measures distances on the sphere', () => {
    // 肇庆 (端州) to 广州 (越秀) is about 80 km as the crow flies.
    expect(haversineKm({ lng: 112.465, lat: 23.047 }, { lng: 113.267, lat: 23.129 })).toBeCloseTo(82.4, 0);
    expect(haversineKm({ lng: 112, lat: 23 }, { lng: 112, lat: 23 })).toBe(0);
  });

  it('flags coordinates outside China on the axis that is out, and far ones with the distance', () => {
    expect(errorOf(() => checkCoordinates({ lng: 23.05, lat: 48 }, null, 50, false)).errors).toEqual([
      { path: 'lng', message: 'validation.station.coordOutsideChina' },
    ]);
    expect(errorOf(() => checkCoordinates({ lng: 112.4, lat: 2.5 }, null, 50, false)).errors?.[0].path).toBe('lat');
    expect(checkCoordinates({ lng: 23.05, lat: 48 }, null, 50, true)).toBe('outside_china');
    const centroid = { lng: 112.47, lat: 23.05 };
    expect(errorOf(() => checkCoordinates({ lng: 113.0, lat: 23.05 }, centroid, 50, false)).errors).toEqual([
      { path: 'lng', message: 'validation.station.coordFar', params: { km: 54, max: 50 } },
    ]);
    expect(checkCoordinates({ lng: 113.0, lat: 23.05 }, centroid, 50, true)).toBe('far_from_region');
    expect(checkCoordinates({ lng: 112.9, lat: 23.05 }, centroid, 50, false)).toBeNull();
    // The first station of a county has nothing to be compared with.
    expect(checkCoordinates({ lng: 120, lat: 30 }, null, 50, false)).toBeNull();
    expect(checkCoordinates(null, centroid, 50, false)).toBeNull();
  });

  it('allows the lifecycle steps and nothing else', () => {
    const ok: [string, string][] = [
      ['planned', 'operating'],
      ['planned', 'closed'],
      ['operating', 'suspended'],
      ['operating', 'closed'],
      ['suspended', 'operating'],
      ['suspended', 'closed'],
    ];
    for (const from of ['planned', 'operating', 'suspended', 'closed'] as const) {
      for (const to of ['operating', 'suspended', 'closed'] as const) {
        const allowed = ok.some(([f, t]) => f === from && t === to);
        if (allowed) expect(() => assertTransition(from, to)).not.toThrow();
        else expect(errorOf(() => assertTransition(from, to)).code, `${from}→${to}`).toBe('CONFLICT');
      }
    }
  });

  it('keeps dates in order and fitting the status', () => {
    expect(() =>
      assertDates('closed', { openedOn: '2024-01-01', suspendedOn: null, closedOn: '2025-01-01' }),
    ).not.toThrow();
    expect(
      errorOf(() => assertDates('closed', { openedOn: '2025-01-02', suspendedOn: null, closedOn: '2025-01-01' }))
        .errors,
    ).toEqual([{ path: 'closedOn', message: 'validation.station.closedBeforeOpened' }]);
    expect(
      errorOf(() => assertDates('operating', { openedOn: null, suspendedOn: null, closedOn: null })).errors?.[0].path,
    ).toBe('openedOn');
    expect(
      errorOf(() =>
        assertDates('suspended', { openedOn: '2025-01-02', suspendedOn: '2025-01-01', closedOn: null }, 'on'),
      ).errors,
    ).toEqual([{ path: 'on', message: 'validation.station.suspendedBeforeOpened' }]);
    // A station closed before it ever opened (planned, then abandoned) has only a closing date.
    expect(() => assertDates('closed', { openedOn: null, suspendedOn: null, closedOn: '2025-01-01' })).not.toThrow();
  });

  it('puts each kind on its levels and no town or room on a placeholder', () => {
    expect(() => assertKindLevel('town', { level: 4, kind: 'development_zone' })).not.toThrow();
    expect(errorOf(() => assertKindLevel('town', { level: 4, kind: 'placeholder' })).errors?.[0].message).toBe(
      'validation.station.placeholderRegion',
    );
    expect(() => assertKindLevel('point', { level: 4, kind: 'placeholder' })).not.toThrow();
    expect(errorOf(() => assertKindLevel('hub', { level: 1, kind: 'official' })).errors?.[0].message).toBe(
      'validation.station.hubLevel',
    );
  });
});
