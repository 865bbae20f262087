import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createQualification, createWorker } from '../../../test/factories.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';

const t = useTestApp(); // the test clock reads 2026-03-01

async function admin(regionCode = '4412') {
  const a = await t.loginAs({ role: 'region_admin', regionCode });
  return (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: a.cookie, ...headers },
      payload: payload as never,
    });
}

const certified = (regionCode: string, value: number, extra: Record<string, unknown> = {}) => ({
  regionCode,
  metric: 'certified',
  value,
  dueOn: '2027-12-31',
  ...extra,
});

/** One more certified person in 端州区 each year from 2021 to 2025: year-end actuals 1, 2, 3, 4, 5. */
async function growingCounty() {
  for (let year = 2021; year <= 2025; year++) {
    const w = await createWorker(t.database.db, t.pii, { regionCode: '441202', joinedOn: '2020-01-01' });
    await createQualification(t.database.db, { workerId: w.id, obtainedOn: `${year}-09-01`, examYear: year });
  }
}

describe('targets', () => {
  it('are created, edited with their version, deleted, and audited', async () => {
    const send = await admin();
    const res = await send(
      'POST',
      '/targets',
      certified('4412', 500, {
        level: 'intermediate',
        baselineValue: 89,
        baselineOn: '2023-12-31',
        source: '市人才规划',
      }),
    );
    expect(res.statusCode).toBe(201);
    const target = res.json();
    expect(target).toMatchObject({
      regionName: '肇庆市',
      metric: 'certified',
      level: 'intermediate',
      value: 500,
      parent: null,
      shares: { count: 0, sum: 0 },
      version: 1,
      abilities: { edit: true },
    });
    expect((await send('PUT', `/targets/${target.id}`, { value: 600 })).statusCode).toBe(428);
    expect((await send('PUT', `/targets/${target.id}`, { value: 600 }, { 'if-match': '1' })).json()).toMatchObject({
      value: 600,
      version: 2,
    });
    const stale = await send('PUT', `/targets/${target.id}`, { value: 700, version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ value: 600 });
    const levelWrong = await send('POST', '/targets', {
      regionCode: '4412',
      metric: 'total_talent',
      level: 'senior',
      value: 8000,
      dueOn: '2025-12-31',
    });
    expect(levelWrong.json().errors[0]).toMatchObject({ path: 'level', key: 'validation.target.levelOnlyCertified' });
    expect((await send('GET', '/targets?metric=certified')).json()).toMatchObject({
      total: 1,
      rows: [{ id: target.id }],
    });
    expect((await send('DELETE', `/targets/${target.id}`)).statusCode).toBe(204);
    expect((await send('GET', `/targets/${target.id}`)).statusCode).toBe(404);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.entity, 'target'));
    expect(audits.map((a) => a.action).sort()).toEqual(['create', 'delete', 'update']);
  });

  it('split down the hierarchy: the shares may not exceed the parent, and a shortfall shows in its progress', async () => {
    const send = await admin();
    const city = (await send('POST', '/targets', certified('4412', 500))).json();
    const dz = await send('POST', '/targets', certified('441202', 300, { parentId: city.id }));
    expect(dz.statusCode).toBe(201);
    expect(dz.json().parent).toMatchObject({ id: city.id, regionName: '肇庆市', value: 500 });
    const over = await send('POST', '/targets', certified('441203', 201, { parentId: city.id }));
    expect(over.statusCode).toBe(400);
    expect(over.json().errors[0]).toMatchObject({ path: 'value', key: 'validation.target.overParent' });
    expect(over.json().errors[0].message).toContain('200');
    const notBelow = await send('POST', '/targets', certified('4412', 10, { parentId: city.id }));
    expect(notBelow.json().errors[0]).toMatchObject({ path: 'regionCode', key: 'validation.target.notUnderParent' });
    const otherMetric = await send('POST', '/targets', {
      regionCode: '441203',
      metric: 'total_talent',
      value: 10,
      dueOn: '2027-12-31',
      parentId: city.id,
    });
    expect(otherMetric.json().errors[0]).toMatchObject({ path: 'metric' });
    const dh = (await send('POST', '/targets', certified('441203', 150, { parentId: city.id }))).json();
    // Raising a share past what is left is refused too; lowering the parent below the shares is.
    expect((await send('PUT', `/targets/${dh.id}`, { value: 201, version: 1 })).json().errors[0]).toMatchObject({
      path: 'value',
    });
    expect((await send('PUT', `/targets/${city.id}`, { value: 400, version: 1 })).json().errors[0]).toMatchObject({
      path: 'value',
      key: 'validation.target.belowChildren',
    });
    expect((await send('DELETE', `/targets/${city.id}`)).statusCode).toBe(409);

    await growingCounty();
    const progress = (await send('GET', `/targets/${city.id}/progress`)).json();
    expect(progress.target.shares).toEqual({ count: 2, sum: 450 });
    expect(progress.split).toMatchObject({ childrenSum: 450, shortfall: 50 });
    expect(
      progress.split.children.map((c: { target: { regionName: string }; actual: number }) => [
        c.target.regionName,
        c.actual,
      ]),
    ).toEqual([
      ['端州区', 5],
      ['鼎湖区', 0],
    ]);
  });

  it('shows actual, required growth, a linear forecast from the year-end actuals and a status', async () => {
    await growingCounty();
    const send = await admin('441202');
    const target = (
      await send('POST', '/targets', certified('441202', 10, { baselineValue: 1, baselineOn: '2021-12-31' }))
    ).json();
    const res = await send('GET', `/targets/${target.id}/progress`);
    expect(res.statusCode).toBe(200);
    const p = res.json();
    expect(p).toMatchObject({
      asOf: '2026-03-01',
      available: true,
      actual: 5,
      targetValue: 10,
      gap: 5,
      share: 0.5,
      baseline: { value: 1, on: '2021-12-31' },
    });
    expect(p.yearly.map((y: { year: number; value: number }) => [y.year, y.value])).toEqual([
      [2021, 1],
      [2022, 2],
      [2023, 3],
      [2024, 4],
      [2025, 5],
    ]);
    expect(p.forecast).toMatchObject({
      method: 'linear_least_squares',
      years: 5,
      pointsUsed: 5,
      value: 7,
      slopePerYear: 1,
    });
    expect(p.requiredYearlyGrowth).toBeCloseTo(2.7, 1);
    expect(p.status).toBe('behind'); // 7 of 10 is below the 90 % at-risk line
    expect((await send('GET', `/targets/${target.id}/progress?atRiskShare=0.6`)).json().status).toBe('at_risk');
    // Replayed on an earlier day with a shorter window: two year-ends (2022, 2023) and the actual then.
    const earlier = (await send('GET', `/targets/${target.id}/progress?asOf=2024-06-30&years=2`)).json();
    expect(earlier).toMatchObject({ actual: 3, forecast: { years: 2, pointsUsed: 2 } });
    const easy = (await send('POST', '/targets', certified('441202', 7))).json();
    expect((await send('GET', `/targets/${easy.id}/progress`)).json().status).toBe('on_track');
  });

  it('keeps the volunteers metric but says its actual is not available yet', async () => {
    const send = await admin();
    const target = (
      await send('POST', '/targets', {
        regionCode: '4412',
        metric: 'active_volunteers',
        value: 20000,
        dueOn: '2027-12-31',
      })
    ).json();
    const p = (await send('GET', `/targets/${target.id}/progress`)).json();
    expect(p).toMatchObject({ available: false, actual: null, status: 'unknown', forecast: { value: null } });
  });

  it("stay within the caller's scope", async () => {
    const city = await admin('4412');
    const cityTarget = (await city('POST', '/targets', certified('4412', 500))).json();
    const county = await admin('441202');
    expect((await county('GET', `/targets/${cityTarget.id}`)).statusCode).toBe(404);
    expect((await county('GET', `/targets/${cityTarget.id}/progress`)).statusCode).toBe(404);
    expect((await county('GET', '/targets')).json().total).toBe(0);
    const outside = await county('POST', '/targets', certified('441203', 10));
    expect(outside.json().errors[0]).toMatchObject({ path: 'regionCode', key: 'validation.scope.outside' });
    const hiddenParent = await county('POST', '/targets', certified('441202', 10, { parentId: cityTarget.id }));
    expect(hiddenParent.json().errors[0]).toMatchObject({ path: 'parentId', key: 'validation.target.unknownParent' });
  });
});
