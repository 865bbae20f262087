import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createDeadline, createStation } from '../../../test/factories.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { deadlineStatus } from './coverage-deadlines.service.ts';

const t = useTestApp();

async function admin(regionCode = '4412') {
  const a = await t.loginAs({ role: 'region_admin', regionCode });
  const send = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: a.cookie }, payload: payload as never });
  return { ...a, send };
}

describe('deadline status', () => {
  it('is met when everything is covered, missed after the due day, at risk within 90 days', () => {
    expect(deadlineStatus(3, 3, '2020-01-01', '2026-03-01')).toBe('met');
    expect(deadlineStatus(2, 3, '2026-02-28', '2026-03-01')).toBe('missed');
    expect(deadlineStatus(2, 3, '2026-03-01', '2026-03-01')).toBe('at_risk');
    expect(deadlineStatus(2, 3, '2026-05-30', '2026-03-01')).toBe('at_risk');
    expect(deadlineStatus(2, 3, '2026-05-31', '2026-03-01')).toBe('pending');
    expect(deadlineStatus(0, 0, '2026-12-31', '2026-03-01')).toBe('pending');
  });
});

describe('coverage deadlines', () => {
  it('shows each deadline against the clock and the current coverage', async () => {
    const a = await admin();
    // The test clock is 2026-03-01 10:00 in Shanghai.
    for (const [regionCode, dueOn] of [
      ['441202', '2026-04-30'],
      ['441203', '2026-12-31'],
      ['4412', '2026-01-31'],
    ]) {
      expect(
        (await a.send('POST', '/coverage-deadlines', { regionCode, kind: 'town_station', dueOn, note: '全覆盖' }))
          .statusCode,
      ).toBe(201);
    }
    const rows = async (as = a) =>
      (await as.send('GET', '/coverage-deadlines'))
        .json()
        .rows.map(
          (r: { regionCode: string; status: string; covered: number; total: number }) =>
            `${r.regionCode}:${r.status}:${r.covered}/${r.total}`,
        );
    expect(await rows()).toEqual(['4412:missed:0/3', '441202:at_risk:0/2', '441203:pending:0/1']);
    await createStation(t.database.db, {
      kind: 'town',
      regionCode: '441202001',
      status: 'operating',
      openedOn: '2025-01-01',
    });
    await createStation(t.database.db, {
      kind: 'town',
      regionCode: '441202003',
      status: 'operating',
      openedOn: '2025-01-01',
    });
    await createStation(t.database.db, { kind: 'town', regionCode: '441203001', status: 'planned' });
    expect(await rows()).toEqual(['4412:missed:2/3', '441202:met:2/2', '441203:pending:0/1']);
    t.clock.advance(250 * 86_400_000); // 2026-11-06: 55 days left
    // A fresh session: the first one has long expired.
    expect(await rows(await admin())).toEqual(['4412:missed:2/3', '441202:met:2/2', '441203:at_risk:0/1']);
  });

  it('counts community rooms for a room deadline, and keeps town deadlines off villages', async () => {
    const a = await admin();
    await createStation(t.database.db, {
      kind: 'community',
      regionCode: '441202001002',
      status: 'operating',
      openedOn: '2025-01-01',
    });
    const res = await a.send('POST', '/coverage-deadlines', {
      regionCode: '4412',
      kind: 'community_room',
      dueOn: '2027-06-30',
    });
    expect(res.json()).toMatchObject({ covered: 1, total: 2, ratio: 0.5, status: 'pending', regionName: '肇庆市' });
    const village = await a.send('POST', '/coverage-deadlines', {
      regionCode: '441202001002',
      kind: 'town_station',
      dueOn: '2027-06-30',
    });
    expect(village.json().errors).toEqual([
      { path: 'regionCode', message: expect.any(String), key: 'validation.deadline.level' },
    ]);
  });

  it('edits with a version, deletes, audits, and keeps to the scope', async () => {
    const mine = await createDeadline(t.database.db, { regionCode: '441202', dueOn: '2026-06-30' });
    const theirs = await createDeadline(t.database.db, { regionCode: '441203' });
    const a = await admin('441202');
    const body = { regionCode: '441202', kind: 'town_station', dueOn: '2026-09-30', version: 1 };
    expect((await a.send('PUT', `/coverage-deadlines/${mine.id}`, body)).json()).toMatchObject({
      dueOn: '2026-09-30',
      version: 2,
    });
    const stale = await a.send('PUT', `/coverage-deadlines/${mine.id}`, body);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ version: 2 });
    expect((await a.send('GET', `/coverage-deadlines/${theirs.id}`)).statusCode).toBe(404);
    expect((await a.send('DELETE', `/coverage-deadlines/${theirs.id}`)).statusCode).toBe(404);
    const moved = await a.send('POST', '/coverage-deadlines', {
      regionCode: '441203',
      kind: 'town_station',
      dueOn: '2026-09-30',
    });
    expect(moved.json().code).toBe('SCOPE_EXCEEDED');
    expect((await a.send('GET', '/coverage-deadlines')).json().total).toBe(1);
    expect((await a.send('DELETE', `/coverage-deadlines/${mine.id}`)).statusCode).toBe(204);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.entity, 'coverage_deadline'));
    expect(audits.map((r) => [r.action, r.detail])).toEqual([
      ['update', { from: '2026-06-30', to: '2026-09-30' }],
      ['delete', { kind: 'town_station', dueOn: '2026-09-30' }],
    ]);
  });
});
