import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createOrganization, createStation, createWorker } from '../../../test/factories.ts';

const t = useTestApp(); // the test clock reads 2026-03-01

async function admin(regionCode = '441202') {
  const a = await t.loginAs({ role: 'region_admin', regionCode });
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: a.cookie }, payload: payload as never });
  return { ...a, send };
}

describe('positions', () => {
  it('sets up posts at a station, fills and hands them over, and lists filled and vacant', async () => {
    const db = t.database.db;
    const station = await createStation(db, { regionCode: '441202001', name: '城东社工站' });
    const org = await createOrganization(db, { regionCode: '441202' });
    const [w1, w2] = [await createWorker(db, t.pii, { name: '甲' }), await createWorker(db, t.pii, { name: '乙' })];
    const a = await admin();
    const post = (title: string) =>
      a.send('POST', '/positions', {
        stationId: station.id,
        organizationId: org.id,
        title,
        level: 'assistant',
        fundedBy: 'lottery',
        establishedOn: '2024-01-01',
      });
    const p1 = (await post('驻站社工岗1')).json();
    await post('驻站社工岗2');
    expect(p1).toMatchObject({ regionCode: '441202001', station: { name: '城东社工站' }, filled: false, holder: null });
    const filled = await a.send('POST', `/positions/${p1.id}/holder`, { workerId: w1.id, on: '2024-03-01' });
    expect(filled.json()).toMatchObject({ filled: true, holder: { id: w1.id, name: '甲', startedOn: '2024-03-01' } });
    const handed = await a.send('POST', `/positions/${p1.id}/holder`, { workerId: w2.id, on: '2025-07-01' });
    expect(handed.json().holders).toEqual([
      { id: w2.id, name: '乙', startedOn: '2025-07-01', endedOn: null },
      { id: w1.id, name: '甲', startedOn: '2024-03-01', endedOn: '2025-06-30' },
    ]);
    expect((await a.send('GET', '/positions?filled=true')).json().rows.map((r: { title: string }) => r.title)).toEqual([
      '驻站社工岗1',
    ]);
    expect((await a.send('GET', '/positions?filled=false')).json().rows.map((r: { title: string }) => r.title)).toEqual(
      ['驻站社工岗2'],
    );
    expect((await a.send('GET', `/workers/${w1.id}`)).json().positions).toEqual([
      { id: p1.id, title: '驻站社工岗1', startedOn: '2024-03-01', endedOn: '2025-06-30' },
    ]);
  });

  it("refuses holder dates outside the post's life or before the current holder, and abolishing a held post", async () => {
    const db = t.database.db;
    const w = await createWorker(db, t.pii);
    const a = await admin();
    const p = (
      await a.send('POST', '/positions', {
        regionCode: '441202',
        title: '社工岗',
        level: 'intermediate',
        fundedBy: 'fiscal',
        establishedOn: '2024-01-01',
      })
    ).json();
    expect(
      (await a.send('POST', `/positions/${p.id}/holder`, { workerId: w.id, on: '2023-12-31' })).json().errors[0],
    ).toMatchObject({ path: 'on', key: 'validation.position.beforeEstablished' });
    expect(
      (await a.send('POST', `/positions/${p.id}/holder`, { workerId: null, on: '2024-05-01' })).json().errors[0],
    ).toMatchObject({ path: 'workerId', key: 'validation.position.vacant' });
    await a.send('POST', `/positions/${p.id}/holder`, { workerId: w.id, on: '2024-05-01' });
    expect(
      (await a.send('POST', `/positions/${p.id}/holder`, { workerId: null, on: '2024-04-30' })).json().errors[0],
    ).toMatchObject({ path: 'on', key: 'validation.position.beforeHolder' });
    const abolish = await a.send('PUT', `/positions/${p.id}`, { abolishedOn: '2025-12-31', version: 2 });
    expect(abolish.json().errors[0]).toMatchObject({ path: 'abolishedOn', key: 'validation.position.heldOnAbolish' });
    await a.send('POST', `/positions/${p.id}/holder`, { workerId: null, on: '2025-12-31' });
    expect((await a.send('PUT', `/positions/${p.id}`, { abolishedOn: '2025-12-31', version: 3 })).json()).toMatchObject(
      { abolishedOn: '2025-12-31', filled: false },
    );
    expect((await a.send('GET', '/positions')).json().total).toBe(0);
    expect((await a.send('GET', '/positions?abolished=true')).json().total).toBe(1);
  });

  it('needs a region, a known level and funder; out of scope is 404', async () => {
    const a = await admin();
    expect(
      (
        await a.send('POST', '/positions', {
          title: '岗',
          level: 'assistant',
          fundedBy: 'fiscal',
          establishedOn: '2024-01-01',
        })
      ).json().errors[0],
    ).toMatchObject({ path: 'regionCode', key: 'validation.position.regionRequired' });
    expect(
      (
        await a.send('POST', '/positions', {
          regionCode: '441202',
          title: '岗',
          level: 'expert',
          fundedBy: 'fiscal',
          establishedOn: '2024-01-01',
        })
      ).json().errors[0],
    ).toMatchObject({ path: 'level', key: 'validation.position.unknownLevel' });
    const city = await admin('4412');
    const far = (
      await city.send('POST', '/positions', {
        regionCode: '441203',
        title: '外区岗',
        level: 'assistant',
        fundedBy: 'purchase',
        establishedOn: '2024-01-01',
      })
    ).json();
    expect((await a.send('GET', `/positions/${far.id}`)).statusCode).toBe(404);
  });
});
