import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createOrganization, createStation } from '../../../test/factories.ts';

const t = useTestApp({ LIANXIN_PUBLIC_RATE_LIMIT: '30' });

const get = (query = '', remoteAddress = '10.0.0.1') =>
  t.app.inject({ url: `/api/v1/public/stations${query}`, remoteAddress });
const names = async (query = '') => (await get(query)).json().rows.map((r: { name: string }) => r.name);

describe('the public service map', () => {
  it('needs no login and shows only operating stations that are not hidden', async () => {
    const open = { status: 'operating', openedOn: '2025-01-01' } as const;
    await createStation(t.database.db, { ...open, kind: 'town', name: '城东街道社工站' });
    await createStation(t.database.db, { ...open, kind: 'point', name: '妇女庇护站', hidden: true });
    await createStation(t.database.db, { kind: 'town', regionCode: '441202003', name: '城西街道社工站' });
    await createStation(t.database.db, {
      kind: 'point',
      name: '暂停的点',
      status: 'suspended',
      openedOn: '2025-01-01',
      suspendedOn: '2025-06-01',
    });
    await createStation(t.database.db, {
      kind: 'point',
      name: '撤销的点',
      status: 'closed',
      openedOn: '2025-01-01',
      closedOn: '2025-06-01',
    });
    const res = await get();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      total: 1,
      rows: [{ name: '城东街道社工站', regionPath: '肇庆市/端州区/端州区城东街道' }],
    });
  });

  it('carries no personal data and nothing internal', async () => {
    const org = await createOrganization(t.database.db, {
      name: '阳光社工',
      contactName: '陈主任',
      contactPhoneEnc: t.pii.encrypt('13912345678'),
    });
    await createStation(t.database.db, {
      status: 'operating',
      openedOn: '2025-01-01',
      name: '心灵驿站',
      organizationId: org.id,
      phone: '0758-2222333',
      openingHours: '9:00-17:30',
      services: ['mental_health'],
      coordReview: 'far_from_region',
      coordConfirmed: true,
      overrideReason: '内部原因',
      lng: 112.47,
      lat: 23.05,
    });
    const res = await get();
    const [row] = res.json().rows;
    expect(row).toMatchObject({
      organizationName: '阳光社工',
      phone: '0758-2222333',
      openingHours: '9:00-17:30',
      services: [{ value: 'mental_health', label: '心理健康' }],
    });
    for (const secret of ['13912345678', '陈主任', '内部原因', 'far_from_region', 'coordConfirmed', 'version'])
      expect(res.body).not.toContain(secret);
  });

  it('filters by kind, service and name or address, and orders by distance from a point', async () => {
    const open = { status: 'operating', openedOn: '2025-01-01' } as const;
    await createStation(t.database.db, {
      ...open,
      kind: 'town',
      name: '城东站',
      services: ['elderly'],
      lng: 112.48,
      lat: 23.05,
      address: '城东路1号',
    });
    await createStation(t.database.db, {
      ...open,
      kind: 'point',
      name: '鼎湖点',
      regionCode: '441203001',
      services: ['youth'],
      lng: 112.57,
      lat: 23.16,
    });
    await createStation(t.database.db, { ...open, kind: 'point', name: '无坐标点', services: ['elderly'] });
    expect(await names('?kind=point')).toEqual(['无坐标点', '鼎湖点']);
    expect(await names('?service=elderly')).toEqual(['城东站', '无坐标点']);
    expect(await names(`?q=${encodeURIComponent('城东路')}`)).toEqual(['城东站']);
    expect(await names('?regionCode=441203')).toEqual(['鼎湖点']);
    const near = (await get('?lng=112.56&lat=23.15')).json().rows;
    expect(near.map((r: { name: string; distanceKm: number | null }) => [r.name, r.distanceKm])).toEqual([
      ['鼎湖点', 1.5],
      ['城东站', 13.8],
      ['无坐标点', null],
    ]);
    expect((await get('?lng=112.56')).statusCode).toBe(400);
  });

  it('offers the filter choices with their labels', async () => {
    const res = await t.app.inject({ url: '/api/v1/public/stations/options' });
    expect(res.json().kinds).toContainEqual({ value: 'town', label: '乡镇(街道)社工站', labelEn: 'Town station' });
    expect(res.json().services).toContainEqual({
      value: 'child_protection',
      label: '儿童关爱保护',
      labelEn: 'Child care and protection',
    });
  });

  it('is rate-limited per client address', async () => {
    let status = 0;
    let n = 0;
    while (status !== 429 && n < 100) {
      status = (await get('', '10.9.9.9')).statusCode;
      n++;
    }
    expect(n).toBe(31);
    expect((await get('', '10.9.9.9')).json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect((await get('', '10.9.9.10')).statusCode).toBe(200);
  });
});

describe('the public map labels', () => {
  const labels = async (remoteAddress = '10.0.0.1') =>
    t.app.inject({ url: '/api/v1/public/stations/labels', remoteAddress });

  it('places county and town names at the centre of their public stations only', async () => {
    const open = { status: 'operating', openedOn: '2025-01-01' } as const;
    await createStation(t.database.db, { ...open, kind: 'town', regionCode: '441202001', lng: 112.46, lat: 23.04 });
    await createStation(t.database.db, {
      ...open,
      kind: 'community',
      regionCode: '441202001002',
      lng: 112.48,
      lat: 23.06,
    });
    await createStation(t.database.db, { ...open, kind: 'town', regionCode: '441202003', lng: 112.44, lat: 23.08 });
    // None of these may move a label: a safe house, a station not (or no longer) open, a point under review.
    await createStation(t.database.db, {
      ...open,
      kind: 'point',
      regionCode: '441202003',
      lng: 112.2,
      lat: 23.5,
      hidden: true,
    });
    await createStation(t.database.db, { kind: 'point', regionCode: '441202003', lng: 112.2, lat: 23.5 });
    await createStation(t.database.db, {
      kind: 'point',
      regionCode: '441202003',
      lng: 112.2,
      lat: 23.5,
      status: 'closed',
      openedOn: '2025-01-01',
      closedOn: '2025-06-01',
    });
    await createStation(t.database.db, {
      ...open,
      kind: 'point',
      regionCode: '441202003',
      lng: 113.5,
      lat: 23.06,
      coordReview: 'far_from_region',
      coordConfirmed: true,
    });
    // 鼎湖区's only public station is hidden: it gets no label at all.
    await createStation(t.database.db, {
      ...open,
      kind: 'point',
      regionCode: '441203001',
      lng: 112.57,
      lat: 23.16,
      hidden: true,
    });
    const res = await labels();
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=60');
    expect(res.json().rows).toEqual([
      { code: '441202', name: '端州区', level: 3, lng: 112.46, lat: 23.06, stations: 3 },
      { code: '441202001', name: '端州区城东街道', level: 4, lng: 112.47, lat: 23.05, stations: 2 },
      { code: '441202003', name: '端州区城西街道', level: 4, lng: 112.44, lat: 23.08, stations: 1 },
    ]);
  });

  it('is rate-limited per client address', async () => {
    let n = 0;
    while ((await labels('10.9.9.9')).statusCode !== 429 && n < 100) n++;
    expect(n).toBe(30);
    expect((await labels('10.9.9.10')).statusCode).toBe(200);
  });
});
