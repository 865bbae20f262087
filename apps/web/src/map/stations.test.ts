import { describe, expect, it } from 'vitest';
import type { PublicStation } from './map.api';
import { distanceM, formatDistance, selectStations } from './stations';

const station = (over: Partial<PublicStation>): PublicStation => ({
  id: over.name ?? 'x',
  kind: 'point',
  name: '',
  regionCode: '441202001',
  regionName: '',
  regionPath: '肇庆市/端州区/城东街道',
  organizationName: null,
  address: '',
  lng: null,
  lat: null,
  openingHours: '',
  phone: '',
  services: [],
  demonstration: false,
  distanceKm: null,
  ...over,
});

const elderly = { value: 'elderly', label: '养老服务', labelEn: 'Elderly care' };
const youth = { value: 'youth', label: '青少年服务', labelEn: 'Youth services' };
const STATIONS = [
  station({ name: '城东社工站', kind: 'town', address: '城东路１号', services: [elderly], lng: 112.48, lat: 23.05 }),
  station({ name: '鼎湖社工点', services: [youth], lng: 112.57, lat: 23.16 }),
  station({ name: '无坐标点', services: [elderly, youth] }),
];
const none = { kind: '', service: '', q: '' };
const names = (rows: { station: PublicStation }[]) => rows.map((r) => r.station.name);

describe('the stations the map shows', () => {
  it('filters by kind and service, and finds a name or an address however it was typed', () => {
    expect(names(selectStations(STATIONS, { ...none, kind: 'point' }, null))).toEqual(['鼎湖社工点', '无坐标点']);
    expect(names(selectStations(STATIONS, { ...none, service: 'elderly' }, null))).toEqual(['城东社工站', '无坐标点']);
    expect(names(selectStations(STATIONS, { ...none, q: ' 城东路1号 ' }, null))).toEqual(['城东社工站']);
    expect(names(selectStations(STATIONS, { ...none, q: '鼎湖', service: 'elderly' }, null))).toEqual([]);
  });

  it('puts the nearest first and the stations without a place last when the visitor shares theirs', () => {
    const rows = selectStations(STATIONS, none, { lng: 112.56, lat: 23.15 });
    expect(names(rows)).toEqual(['鼎湖社工点', '城东社工站', '无坐标点']);
    expect(rows.map((r) => (r.distance === null ? null : Math.round(r.distance / 100) / 10))).toEqual([
      1.5,
      13.8,
      null,
    ]);
  });

  it('measures and words distances as a visitor reads them', () => {
    expect(Math.round(distanceM({ lng: 112.46, lat: 23.05 }, { lng: 112.47, lat: 23.05 }))).toBe(1023);
    expect(formatDistance(3, 'zh-CN')).toBe('10 米');
    expect(formatDistance(846, 'zh-CN')).toBe('850 米');
    expect(formatDistance(1024, 'en-US')).toBe('1.0 km');
    expect(formatDistance(13_780, 'zh-CN')).toBe('14 公里');
  });
});
