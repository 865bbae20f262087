import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createOrganization, createStation } from '../../../test/factories.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { stations } from './stations.table.ts';

const t = useTestApp();

const station = (over: Record<string, unknown> = {}) => ({
  kind: 'town',
  regionCode: '441202001',
  name: '城东街道社工站',
  ...over,
});

async function admin(regionCode = '4412') {
  const a = await t.loginAs({ role: 'region_admin', regionCode });
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: a.cookie }, payload: payload as never });
  return { ...a, send };
}

const auditRows = (entity: string) => t.database.db.select().from(auditLog).where(eq(auditLog.entity, entity));

describe('station kinds sit on the right level of region', () => {
  it('refuses a kind/level mismatch and an unknown region with the field path, writing nothing', async () => {
    const a = await admin();
    const cases: [Record<string, unknown>, string][] = [
      [station({ regionCode: '441202' }), 'validation.station.townLevel'],
      [station({ kind: 'community', regionCode: '441202001' }), 'validation.station.communityLevel'],
      [station({ kind: 'hub', regionCode: '441202001' }), 'validation.station.hubLevel'],
      [station({ kind: 'point', regionCode: '4412' }), 'validation.station.otherLevel'],
    ];
    for (const [body, key] of cases) {
      const res = await a.send('POST', '/stations', body);
      expect(res.statusCode, key).toBe(400);
      expect(res.json().errors).toEqual([{ path: 'regionCode', message: expect.any(String), key }]);
    }
    const en = await t.app.inject({
      method: 'POST',
      url: '/api/v1/stations',
      headers: { cookie: a.cookie, 'accept-language': 'en' },
      payload: station({ regionCode: '441202' }),
    });
    expect(en.json().errors[0].message).toBe('A town station belongs to a town (乡镇/街道)');
    const unknown = await a.send('POST', '/stations', station({ regionCode: '441202009' }));
    expect(unknown.json()).toMatchObject({
      code: 'VALIDATION',
      errors: [{ path: 'regionCode', message: '行政区划代码不存在' }],
    });
    const outside = await a.send('POST', '/stations', station({ regionCode: '440103' }));
    expect(outside.json()).toMatchObject({ code: 'SCOPE_EXCEEDED', errors: [{ path: 'regionCode' }] });
    expect(await t.database.db.select().from(stations)).toEqual([]);
    expect(await auditRows('station')).toEqual([]);
  });

  it('accepts each kind on its own level', async () => {
    const a = await admin();
    for (const body of [
      station(),
      station({ kind: 'community', regionCode: '441202001002', name: '杏花社区社工室' }),
      station({ kind: 'hub', regionCode: '4412', name: '肇庆市社工总站' }),
      station({ kind: 'hub', regionCode: '441202', name: '端州区社工总站' }),
      station({ kind: 'mental_health', regionCode: '441202', name: '心理健康社工站' }),
      station({ kind: 'outpost', regionCode: '441202001002', name: '暖新驿站' }),
    ]) {
      const res = await a.send('POST', '/stations', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(201);
    }
  });

  it('does not put a station on a placeholder unit that only groups villages', async () => {
    await t.database.db.execute(
      `insert into regions (code, name, level, parent_code, kind) values ('441202198', '端州区直辖村级区划', 4, '441202', 'placeholder')` as never,
    );
    const a = await admin();
    const res = await a.send('POST', '/stations', station({ regionCode: '441202198' }));
    expect(res.json().errors).toEqual([
      { path: 'regionCode', message: expect.stringContaining('统计'), key: 'validation.station.placeholderRegion' },
    ]);
  });

  it('accepts only services from the dictionary, naming the bad one', async () => {
    const a = await admin();
    const res = await a.send('POST', '/stations', station({ services: ['elderly', 'astrology'] }));
    expect(res.json().errors).toEqual([
      { path: 'services.1', message: '服务项目不在服务项目字典中', key: 'validation.station.unknownService' },
    ]);
    const ok = await a.send('POST', '/stations', station({ services: ['elderly', 'child_protection', 'elderly'] }));
    expect(ok.json().services).toEqual(['elderly', 'child_protection']);
  });
});

describe('one operating town station per town', () => {
  it('refuses a second operating town station unless a reason is given, and audits the override', async () => {
    const a = await admin();
    const first = await a.send('POST', '/stations', station({ status: 'operating', openedOn: '2024-05-01' }));
    expect(first.statusCode).toBe(201);
    const second = await a.send('POST', '/stations', station({ name: '城东街道第二社工站', status: 'operating' }));
    expect(second.statusCode).toBe(409);
    expect(second.json()).toMatchObject({
      code: 'CONFLICT',
      errors: [{ path: 'regionCode', message: expect.stringContaining('城东街道社工站') }],
    });
    expect(await t.database.db.select().from(stations)).toHaveLength(1);

    const planned = await a.send('POST', '/stations', station({ name: '城东街道第二社工站' }));
    expect(planned.statusCode).toBe(201);
    const open = await a.send('POST', `/stations/${planned.json().id}/status`, {
      status: 'operating',
      on: '2026-02-01',
    });
    expect(open.statusCode).toBe(409);
    const reason = '辖区人口超过20万，分设两站';
    const overridden = await a.send('POST', `/stations/${planned.json().id}/status`, {
      status: 'operating',
      on: '2026-02-01',
      overrideReason: reason,
    });
    expect(overridden.statusCode).toBe(200);
    expect(overridden.json()).toMatchObject({ status: 'operating', overrideReason: reason, openedOn: '2026-02-01' });
    expect(overridden.json().history.at(-1)).toMatchObject({
      fromStatus: 'planned',
      toStatus: 'operating',
      overrideReason: reason,
    });

    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'station'), eq(auditLog.action, 'change_status')));
    expect(audit.detail).toMatchObject({ override: { reason, existing: [first.json().id] } });
  });

  it('applies to a service point turned into a town station while operating', async () => {
    const a = await admin();
    await a.send('POST', '/stations', station({ status: 'operating' }));
    const point = await a.send(
      'POST',
      '/stations',
      station({ kind: 'point', name: '城东社工点', status: 'operating' }),
    );
    const res = await a.send('PUT', `/stations/${point.json().id}`, { ...station({ name: '城东社工点' }), version: 1 });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors[0].path).toBe('regionCode');
  });
});

describe('station lifecycle', () => {
  it('goes planned → operating → suspended → operating → closed, keeping the dates and the history', async () => {
    const a = await admin();
    const { id } = (await a.send('POST', '/stations', station())).json();
    const step = (body: Record<string, unknown>) => a.send('POST', `/stations/${id}/status`, body);
    expect((await step({ status: 'operating', on: '2024-03-01' })).json()).toMatchObject({
      status: 'operating',
      openedOn: '2024-03-01',
    });
    expect((await step({ status: 'suspended', on: '2025-07-01', reason: '场地改造' })).json()).toMatchObject({
      status: 'suspended',
      suspendedOn: '2025-07-01',
    });
    const early = await step({ status: 'operating', on: '2025-06-01' });
    expect(early.json().errors).toEqual([
      { path: 'on', message: '恢复运营日期不能早于暂停日期', key: 'validation.station.beforeSuspended' },
    ]);
    expect((await step({ status: 'operating', on: '2025-09-01' })).json()).toMatchObject({
      status: 'operating',
      openedOn: '2024-03-01',
      suspendedOn: null,
    });
    const closed = await step({ status: 'closed', on: '2026-01-31', reason: '并入新站' });
    expect(closed.json()).toMatchObject({ status: 'closed', closedOn: '2026-01-31', abilities: { lifecycle: false } });
    expect(closed.json().history.map((h: { toStatus: string; on: string }) => `${h.toStatus}@${h.on}`)).toEqual([
      'planned@2026-03-01',
      'operating@2024-03-01',
      'suspended@2025-07-01',
      'operating@2025-09-01',
      'closed@2026-01-31',
    ]);
    const again = await step({ status: 'operating', on: '2026-02-01' });
    expect(again.json()).toMatchObject({ code: 'CONFLICT', errors: [{ path: 'status' }] });
    expect((await auditRows('station')).map((r) => r.action)).toEqual([
      'create',
      'change_status',
      'change_status',
      'change_status',
      'change_status',
    ]);
  });

  it('refuses a closing date before the opening date, in an action and in a correction', async () => {
    const a = await admin();
    const { id } = (await a.send('POST', '/stations', station({ status: 'operating', openedOn: '2025-05-01' }))).json();
    const close = await a.send('POST', `/stations/${id}/status`, { status: 'closed', on: '2025-01-01' });
    expect(close.json()).toMatchObject({
      code: 'VALIDATION',
      errors: [{ path: 'on', message: '撤销日期不能早于启用日期' }],
    });
    expect((await a.send('GET', `/stations/${id}`)).json()).toMatchObject({ status: 'operating', version: 1 });
    const notClosed = await a.send('PUT', `/stations/${id}`, { ...station(), closedOn: '2025-06-01', version: 1 });
    expect(notClosed.json().errors).toEqual([
      { path: 'closedOn', message: '该日期与站点当前状态不符', key: 'validation.station.dateForStatus' },
    ]);
    await a.send('POST', `/stations/${id}/status`, { status: 'closed', on: '2025-12-01' });
    const corrected = await a.send('PUT', `/stations/${id}`, { ...station(), closedOn: '2025-04-30', version: 2 });
    expect(corrected.json().errors).toEqual([
      { path: 'closedOn', message: '撤销日期不能早于启用日期', key: 'validation.station.closedBeforeOpened' },
    ]);
    expect(
      (await a.send('PUT', `/stations/${id}`, { ...station(), closedOn: '2025-11-30', version: 2 })).json(),
    ).toMatchObject({ closedOn: '2025-11-30', version: 3 });
  });

  it('does not suspend a station that never opened', async () => {
    const a = await admin();
    const { id } = (await a.send('POST', '/stations', station())).json();
    const res = await a.send('POST', `/stations/${id}/status`, { status: 'suspended', on: '2026-02-01' });
    expect(res.statusCode).toBe(409);
  });
});

describe('station coordinates', () => {
  const near = { lng: 112.47, lat: 23.05 };

  it('refuses a point outside China unless confirmed, and lists confirmed ones for review', async () => {
    const a = await admin();
    const paris = await a.send('POST', '/stations', station({ lng: 2.35, lat: 48.85 }));
    expect(paris.json()).toMatchObject({
      code: 'VALIDATION',
      errors: [{ path: 'lng', message: expect.stringContaining('不在中国境内') }],
    });
    const confirmed = await a.send('POST', '/stations', station({ lng: 2.35, lat: 48.85, coordConfirmed: true }));
    expect(confirmed.json()).toMatchObject({ needsReview: true, coordReview: 'outside_china' });
    await a.send('POST', '/stations', station({ kind: 'point', name: '普通站点', ...near }));
    const review = await a.send('GET', '/stations?needsReview=true');
    expect(review.json().rows.map((r: { id: string }) => r.id)).toEqual([confirmed.json().id]);
    expect((await a.send('GET', '/stations?needsReview=false')).json().total).toBe(1);
  });

  it("refuses a point far from the county's other stations, with the distance read from the parameter", async () => {
    const a = await admin();
    await createStation(t.database.db, { regionCode: '441202001', ...near });
    await createStation(t.database.db, { regionCode: '441202003', lng: 112.45, lat: 23.07 });
    const far = await a.send('POST', '/stations', station({ lng: 113.5, lat: 23.06 }));
    expect(far.json().errors).toEqual([
      { path: 'lng', message: expect.stringMatching(/约10\d公里，超过50公里/), key: 'validation.station.coordFar' },
    ]);
    const ok = await a.send('POST', '/stations', station({ lng: 112.5, lat: 23.1 }));
    expect(ok.json()).toMatchObject({ needsReview: false, coordReview: null });

    const sys = await t.loginAs({ role: 'sysadmin', regionCode: '' });
    const set = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/params/network.coord.maxDistanceKm',
      headers: { cookie: sys.cookie },
      payload: { value: '150', version: 1 },
    });
    expect(set.statusCode).toBe(200);
    const now = await a.send(
      'POST',
      '/stations',
      station({ kind: 'point', name: '远郊社工点', lng: 113.5, lat: 23.06 }),
    );
    expect(now.json()).toMatchObject({ needsReview: false });
  });

  it('asks for a fresh confirmation when a confirmed station moves, and clears the review once the point is usual', async () => {
    const a = await admin();
    await createStation(t.database.db, { regionCode: '441202003', ...near });
    const { id } = (
      await a.send('POST', '/stations', station({ lng: 113.5, lat: 23.06, coordConfirmed: true }))
    ).json();
    const elsewhere = await a.send('PUT', `/stations/${id}`, { ...station(), lng: 113.6, lat: 23.06, version: 1 });
    expect(elsewhere.json().errors).toEqual([
      { path: 'lng', message: expect.stringContaining('公里'), key: 'validation.station.coordFar' },
    ]);
    // Other edits leave a confirmed point alone.
    expect((await a.send('PUT', `/stations/${id}`, { ...station(), name: '城东站', version: 1 })).json()).toMatchObject(
      { needsReview: true, version: 2 },
    );
    const fixed = await a.send('PUT', `/stations/${id}`, { ...station(), lng: 112.48, lat: 23.06, version: 2 });
    expect(fixed.json()).toMatchObject({ needsReview: false, coordReview: null, coordConfirmed: false });
  });

  it('wants both halves of a point', async () => {
    const a = await admin();
    const res = await a.send('POST', '/stations', station({ lng: 112.47 }));
    expect(res.json().errors).toEqual([
      { path: 'lat', message: '经度和纬度须同时填写', key: 'validation.station.coordPair' },
    ]);
  });
});

describe('stations within the data scope', () => {
  it("a town administrator sees only their town's stations; others answer 404", async () => {
    const mine = await createStation(t.database.db, { regionCode: '441202001', name: '城东站' });
    const village = await createStation(t.database.db, {
      regionCode: '441202001002',
      kind: 'community',
      name: '杏花社工室',
    });
    const other = await createStation(t.database.db, { regionCode: '441202003', name: '城西站' });
    const a = await admin('441202001');
    const list = await a.send('GET', '/stations?pageSize=100');
    expect(
      list
        .json()
        .rows.map((r: { name: string }) => r.name)
        .sort(),
    ).toEqual(['城东站', '杏花社工室']);
    expect((await a.send('GET', `/stations/${village.id}`)).statusCode).toBe(200);
    expect((await a.send('GET', `/stations/${other.id}`)).statusCode).toBe(404);
    expect(
      (await a.send('PUT', `/stations/${other.id}`, { kind: 'point', regionCode: '441202003', name: 'x', version: 1 }))
        .statusCode,
    ).toBe(404);
    expect(
      (await a.send('POST', `/stations/${other.id}/status`, { status: 'operating', on: '2026-01-01' })).statusCode,
    ).toBe(404);
    const move = await a.send('PUT', `/stations/${mine.id}`, {
      kind: 'point',
      regionCode: '441202003',
      name: '城东站',
      version: 1,
    });
    expect(move.json()).toMatchObject({ code: 'SCOPE_EXCEEDED', errors: [{ path: 'regionCode' }] });
  });

  it("a station head keeps their station's record but does not open or close it", async () => {
    const s = await createStation(t.database.db, { regionCode: '441202001', name: '城东站' });
    const head = await t.loginAs({ role: 'station_head', regionCode: '441202001' });
    const headers = { cookie: head.cookie };
    const put = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/stations/${s.id}`,
      headers,
      payload: {
        kind: 'point',
        regionCode: '441202001',
        name: '城东站',
        openingHours: '周一至周五 9:00-17:30',
        version: 1,
      },
    });
    expect(put.json()).toMatchObject({
      openingHours: '周一至周五 9:00-17:30',
      abilities: { update: true, lifecycle: false },
    });
    const status = await t.app.inject({
      method: 'POST',
      url: `/api/v1/stations/${s.id}/status`,
      headers,
      payload: { status: 'operating', on: '2026-01-01' },
    });
    expect(status.statusCode).toBe(403);
  });
});

describe('station records', () => {
  it('answers a stale version with 409 and the current record, and a missing one with 428', async () => {
    const a = await admin();
    const { id } = (await a.send('POST', '/stations', station())).json();
    const body = { ...station(), address: '端州区城东路1号', version: 1 };
    expect((await a.send('PUT', `/stations/${id}`, body)).statusCode).toBe(200);
    const stale = await a.send('PUT', `/stations/${id}`, { ...body, address: '别处' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ address: '端州区城东路1号', version: 2 });
    const ifMatch = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/stations/${id}`,
      headers: { cookie: a.cookie, 'if-match': '"2"' },
      payload: station({ phone: '0758-2222333' }),
    });
    expect(ifMatch.json()).toMatchObject({ phone: '0758-2222333', address: '端州区城东路1号', version: 3 });
    expect((await a.send('PUT', `/stations/${id}`, station())).statusCode).toBe(428);
  });

  it('audits each change with the fields it touched', async () => {
    const a = await admin();
    const { id } = (await a.send('POST', '/stations', station({ services: ['elderly'] }))).json();
    await a.send('PUT', `/stations/${id}`, { ...station(), name: '城东街道社会工作服务站', hidden: true, version: 1 });
    const rows = await auditRows('station');
    expect(rows.map((r) => [r.action, r.entityIds, r.regionCode])).toEqual([
      ['create', [id], '441202001'],
      ['update', [id], '441202001'],
    ]);
    expect(rows[1].fields).toEqual(['name', 'hidden']);
    expect(rows[1].actorName).toBe(a.username);
  });

  it('links the operating organization, which must be one the administrator may see', async () => {
    const a = await admin('441202');
    const city = await createOrganization(t.database.db, { regionCode: '4412', name: '肇庆市阳光社工服务中心' });
    const away = await createOrganization(t.database.db, { regionCode: '441203', name: '鼎湖区启航社工服务社' });
    const res = await a.send('POST', '/stations', station({ organizationId: city.id }));
    expect(res.json().organization).toEqual({ id: city.id, name: '肇庆市阳光社工服务中心' });
    const hidden = await a.send('POST', '/stations', station({ kind: 'point', organizationId: away.id }));
    expect(hidden.json().errors).toEqual([
      { path: 'organizationId', message: expect.any(String), key: 'validation.org.unknown' },
    ]);
  });

  it('filters by kind, status, service, region and name or address', async () => {
    await createStation(t.database.db, {
      regionCode: '441202001',
      kind: 'town',
      status: 'operating',
      name: '城东站',
      services: ['elderly'],
      address: '城东路',
    });
    await createStation(t.database.db, {
      regionCode: '441202003',
      kind: 'point',
      name: '城西点',
      services: ['youth'],
      address: '西江北路',
    });
    await createStation(t.database.db, {
      regionCode: '441203001',
      kind: 'point',
      name: '坑口点',
      services: ['elderly'],
    });
    const a = await admin();
    const names = async (q: string) =>
      (await a.send('GET', `/stations?${q}`)).json().rows.map((r: { name: string }) => r.name);
    expect(await names('kind=point')).toEqual(['城西点', '坑口点']);
    expect(await names('status=operating')).toEqual(['城东站']);
    expect(await names('service=elderly')).toEqual(['城东站', '坑口点']);
    expect(await names('regionCode=441202')).toEqual(['城东站', '城西点']);
    expect(await names(`q=${encodeURIComponent('西江')}`)).toEqual(['城西点']);
    expect((await a.send('GET', '/stations?pageSize=1&page=2')).json()).toMatchObject({
      total: 3,
      rows: [{ name: '城西点' }],
    });
  });
});
