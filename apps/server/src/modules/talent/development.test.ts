import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createQualification, createStation, createWorker } from '../../../test/factories.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { supervisionSessions } from './development.table.ts';

const t = useTestApp(); // the test clock reads 2026-03-01

async function as(role: 'region_admin' | 'social_worker' | 'supervisor' | 'station_head', regionCode = '441202') {
  const a = await t.loginAs({ role, regionCode });
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: a.cookie }, payload: payload as never });
  return { ...a, send };
}

describe('trainings', () => {
  it("a social worker records a course; hours add up per year against the level's requirement (a parameter)", async () => {
    const db = t.database.db;
    const w = await createWorker(db, t.pii);
    await createQualification(db, { workerId: w.id, level: 'intermediate', obtainedOn: '2024-10-01', examYear: 2024 });
    const sw = await as('social_worker');
    const course = {
      course: '社会工作督导能力提升班',
      provider: '肇庆社会工作学院',
      startedOn: '2025-06-02',
      endedOn: '2025-06-04',
      hours: 24,
      credits: 2,
      certificateNo: 'PX-2025-18',
    };
    const res = await sw.send('POST', `/workers/${w.id}/trainings`, course);
    expect(res.statusCode).toBe(201);
    await sw.send('POST', `/workers/${w.id}/trainings`, { course: '伦理讲座', startedOn: '2024-11-05', hours: 3.5 });
    const sysadmin = await t.loginAs({ role: 'sysadmin', regionCode: '' });
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/params/talent.ce.yearlyHours.intermediate',
      headers: { cookie: sysadmin.cookie },
      payload: { value: '60', version: 1 },
    });
    t.app.deps.params.invalidate();
    const view = (await sw.send('GET', `/workers/${w.id}/trainings`)).json();
    expect(view.rows.map((r: { course: string; hours: number }) => [r.course, r.hours])).toEqual([
      ['社会工作督导能力提升班', 24],
      ['伦理讲座', 3.5],
    ]);
    expect(view.hoursByYear).toEqual([
      { year: 2025, training: 24, supervision: 0, total: 24, level: 'intermediate', required: 60 },
      { year: 2024, training: 3.5, supervision: 0, total: 3.5, level: 'intermediate', required: 60 },
    ]);
  });

  it('refuses hours of 0 or more than 24 a day, and an end before the start', async () => {
    const w = await createWorker(t.database.db, t.pii);
    const sw = await as('station_head');
    const send = (body: Record<string, unknown>) =>
      sw.send('POST', `/workers/${w.id}/trainings`, { course: '培训', startedOn: '2025-06-02', ...body });
    expect((await send({ hours: 0 })).json().errors).toEqual([
      { path: 'hours', key: 'validation.talent.hours', message: '学时应大于0，且每天不超过24小时（本次最多24小时）' },
    ]);
    expect((await send({ hours: 25 })).json().errors[0]).toMatchObject({
      path: 'hours',
      key: 'validation.talent.hours',
    });
    expect((await send({ hours: 48, endedOn: '2025-06-03' })).statusCode).toBe(201);
    expect((await send({ hours: 4, endedOn: '2025-06-01' })).json().errors[0]).toMatchObject({
      path: 'endedOn',
      key: 'validation.talent.endBeforeStart',
    });
    const [course] = (await sw.send('GET', `/workers/${w.id}/trainings`)).json().rows;
    expect((await sw.send('PUT', `/trainings/${course.id}`, { hours: 49, version: 1 })).json().errors[0]).toMatchObject(
      { path: 'hours', key: 'validation.talent.hours' },
    );
    const fixed = await sw.send('PUT', `/trainings/${course.id}`, { hours: 16, version: 1 });
    expect(fixed.json().rows[0]).toMatchObject({ hours: 16, version: 2 });
    expect((await sw.send('PUT', `/trainings/${course.id}`, { hours: 12, version: 1 })).statusCode).toBe(409);
  });
});

describe('supervision sessions', () => {
  it('a supervisor records a group session; its hours count for each supervisee', async () => {
    const db = t.database.db;
    const [boss, a, b] = [
      await createWorker(db, t.pii, { name: '王督导' }),
      await createWorker(db, t.pii, { name: '甲' }),
      await createWorker(db, t.pii, { name: '乙' }),
    ];
    const station = await createStation(db, { regionCode: '441202001' });
    const sup = await as('supervisor');
    const res = await sup.send('POST', '/supervision-sessions', {
      supervisorId: boss.id,
      stationId: station.id,
      heldOn: '2026-02-20',
      hours: 2.5,
      mode: 'group',
      topics: ['个案管理', '伦理'],
      superviseeIds: [a.id, b.id],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      supervisor: { id: boss.id, name: '王督导' },
      regionCode: '441202001',
      station: { id: station.id },
    });
    expect(
      res
        .json()
        .supervisees.map((p: { id: string }) => p.id)
        .sort(),
    ).toEqual([a.id, b.id].sort());
    const view = (await sup.send('GET', `/workers/${a.id}/trainings`)).json();
    expect(view.hoursByYear).toEqual([
      { year: 2026, training: 0, supervision: 2.5, total: 2.5, level: null, required: null },
    ]);
    expect((await sup.send('GET', `/supervision-sessions?workerId=${b.id}`)).json().total).toBe(1);
    expect((await sup.send('GET', `/supervision-sessions?workerId=${boss.id}`)).json().total).toBe(0);
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.entity, 'supervision_session'));
    expect(audit.entityIds).toEqual([res.json().id, a.id, b.id]);
  });

  it('refuses a supervisor among the supervisees, two supervisees for individual supervision, hours out of range, and workers out of scope', async () => {
    const db = t.database.db;
    const [boss, a, b] = [await createWorker(db, t.pii), await createWorker(db, t.pii), await createWorker(db, t.pii)];
    const far = await createWorker(db, t.pii, { regionCode: '441203' });
    const sup = await as('supervisor');
    const base = { supervisorId: boss.id, heldOn: '2026-02-20', hours: 2, mode: 'group', superviseeIds: [a.id, b.id] };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...base, superviseeIds: [a.id, boss.id] }, 'superviseeIds.1', 'validation.supervision.self'],
      [{ ...base, mode: 'individual' }, 'superviseeIds', 'validation.supervision.individualOne'],
      [{ ...base, superviseeIds: [] }, 'superviseeIds', 'validation.supervision.superviseeRequired'],
      [{ ...base, hours: 25 }, 'hours', 'validation.supervision.hours'],
      [{ ...base, superviseeIds: [a.id, far.id] }, 'superviseeIds.1', 'validation.worker.unknown'],
      [{ ...base, supervisorId: null }, 'supervisorName', 'validation.supervision.supervisorRequired'],
    ];
    for (const [body, path, key] of cases)
      expect((await sup.send('POST', '/supervision-sessions', body)).json().errors?.[0], key).toMatchObject({
        path,
        key,
      });
    expect(await db.select().from(supervisionSessions)).toEqual([]);
    const outside = await sup.send('POST', '/supervision-sessions', {
      ...base,
      supervisorId: null,
      supervisorName: '高校专家',
      mode: 'individual',
      superviseeIds: [a.id],
    });
    expect(outside.json()).toMatchObject({ supervisor: { id: null, name: '高校专家' }, regionCode: '441202' });
  });

  it('edits with the version; a social worker may read but not record', async () => {
    const db = t.database.db;
    const [boss, a] = [await createWorker(db, t.pii), await createWorker(db, t.pii)];
    const sup = await as('supervisor');
    const { id } = (
      await sup.send('POST', '/supervision-sessions', {
        supervisorId: boss.id,
        heldOn: '2026-02-20',
        hours: 1,
        mode: 'individual',
        superviseeIds: [a.id],
      })
    ).json();
    expect((await sup.send('PUT', `/supervision-sessions/${id}`, { hours: 1.5 })).statusCode).toBe(428);
    expect(
      (await sup.send('PUT', `/supervision-sessions/${id}`, { hours: 1.5, notes: '跟进', version: 1 })).json(),
    ).toMatchObject({ hours: 1.5, notes: '跟进', version: 2 });
    const sw = await as('social_worker');
    expect((await sw.send('GET', `/supervision-sessions/${id}`)).statusCode).toBe(200);
    expect(
      (
        await sw.send('POST', '/supervision-sessions', {
          supervisorId: boss.id,
          heldOn: '2026-02-20',
          hours: 1,
          mode: 'individual',
          superviseeIds: [a.id],
        })
      ).statusCode,
    ).toBe(403);
  });
});
