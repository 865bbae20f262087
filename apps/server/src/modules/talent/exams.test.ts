import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createOrganization, createWorker } from '../../../test/factories.ts';
import { qualifications } from './qualifications.table.ts';

const t = useTestApp(); // the test clock reads 2026-03-01

async function admin(regionCode = '4412') {
  const a = await t.loginAs({ role: 'region_admin', regionCode });
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: a.cookie }, payload: payload as never });
  return { ...a, send };
}

describe('exam registrations', () => {
  it('a pass creates the certificate with its number pending; the worker confirms it later', async () => {
    const db = t.database.db;
    const w = await createWorker(db, t.pii, { regionCode: '441202001' });
    const sponsor = await createOrganization(db, { regionCode: '4412', type: 'government', name: '市社会工作部' });
    const a = await admin();
    const reg = await a.send('POST', '/exam-registrations', {
      workerId: w.id,
      year: 2025,
      level: 'assistant',
      registeredOn: '2025-03-20',
      sponsorOrganizationId: sponsor.id,
      reimbursedItems: ['registration_fee', 'books', 'travel'],
      reimbursedFen: 35_000,
    });
    expect(reg.statusCode).toBe(201);
    expect(reg.json()).toMatchObject({
      regionCode: '441202001',
      result: 'pending',
      sponsor: { name: '市社会工作部' },
      reimbursedFen: 35_000,
      certificate: null,
    });
    const { id } = reg.json();
    const passed = await a.send('PUT', `/exam-registrations/${id}`, {
      result: 'passed',
      resultOn: '2025-08-20',
      version: 1,
    });
    expect(passed.json()).toMatchObject({
      result: 'passed',
      subjectsPassed: ['comprehensive', 'practice'],
      certificate: { certificateNo: null, numberPending: true },
    });
    const quals = (await a.send('GET', `/workers/${w.id}/qualifications`)).json();
    expect(quals.currentLevel).toBe('assistant');
    expect(quals.certificates[0]).toMatchObject({
      level: 'assistant',
      obtainedOn: '2025-08-20',
      examYear: 2025,
      examRegistrationId: id,
      numberPending: true,
    });
    const confirm = await a.send('PUT', `/qualifications/${quals.certificates[0].id}`, {
      certificateNo: 'ZQ20250001',
      version: 1,
    });
    expect(confirm.statusCode).toBe(200);
    const takeBack = await a.send('PUT', `/exam-registrations/${id}`, {
      result: 'failed',
      subjectsPassed: ['practice'],
      version: 2,
    });
    expect(takeBack.statusCode).toBe(409);
    expect(takeBack.json().errors[0]).toMatchObject({ path: 'result', key: 'validation.exam.certificateConfirmed' });
  });

  it('a pass taken back while the number is pending removes the certificate', async () => {
    const w = await createWorker(t.database.db, t.pii);
    const a = await admin();
    const { id } = (
      await a.send('POST', '/exam-registrations', {
        workerId: w.id,
        year: 2025,
        level: 'intermediate',
        result: 'passed',
        resultOn: '2025-09-01',
      })
    ).json();
    expect(await t.database.db.select().from(qualifications).where(eq(qualifications.workerId, w.id))).toHaveLength(1);
    const failed = await a.send('PUT', `/exam-registrations/${id}`, {
      result: 'failed',
      subjectsPassed: ['practice', 'regulations'],
      version: 1,
    });
    expect(failed.json()).toMatchObject({
      result: 'failed',
      subjectsPassed: ['practice', 'regulations'],
      certificate: null,
    });
    expect(await t.database.db.select().from(qualifications).where(eq(qualifications.workerId, w.id))).toEqual([]);
  });

  it('refuses a second registration for the same year and level, subjects of another level, and results without their day', async () => {
    const w = await createWorker(t.database.db, t.pii);
    const a = await admin();
    const body = { workerId: w.id, year: 2025, level: 'assistant' };
    expect((await a.send('POST', '/exam-registrations', body)).statusCode).toBe(201);
    const again = await a.send('POST', '/exam-registrations', body);
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0]).toMatchObject({ path: 'level', key: 'validation.exam.duplicate' });
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { ...body, year: 2024, result: 'failed', resultOn: '2024-08-01', subjectsPassed: ['regulations'] },
        'subjectsPassed.0',
        'validation.exam.subject',
      ],
      [
        { ...body, year: 2024, result: 'absent', resultOn: '2024-08-01', subjectsPassed: ['practice'] },
        'subjectsPassed',
        'validation.exam.absentSubjects',
      ],
      [{ ...body, year: 2024, result: 'passed' }, 'resultOn', 'validation.exam.resultOnRequired'],
      [
        { ...body, year: 2024, result: 'passed', resultOn: '2023-12-31' },
        'resultOn',
        'validation.exam.resultBeforeYear',
      ],
      [{ ...body, year: 2028 }, 'year', 'validation.exam.year'],
    ];
    for (const [b, path, key] of cases)
      expect((await a.send('POST', '/exam-registrations', b)).json().errors?.[0], key).toMatchObject({ path, key });
  });

  it('lists by year, level and result within scope; out of scope is 404', async () => {
    const db = t.database.db;
    const near = await createWorker(db, t.pii, { name: '本区考生' });
    const far = await createWorker(db, t.pii, { name: '外区考生', regionCode: '441203' });
    const county = await admin('441202');
    const city = await admin('4412');
    await county.send('POST', '/exam-registrations', {
      workerId: near.id,
      year: 2024,
      level: 'assistant',
      result: 'passed',
      resultOn: '2024-08-01',
    });
    await county.send('POST', '/exam-registrations', { workerId: near.id, year: 2025, level: 'intermediate' });
    const farReg = (
      await city.send('POST', '/exam-registrations', { workerId: far.id, year: 2025, level: 'assistant' })
    ).json();
    expect(
      (await county.send('POST', '/exam-registrations', { workerId: far.id, year: 2024, level: 'assistant' })).json()
        .errors[0],
    ).toMatchObject({ path: 'workerId', key: 'validation.worker.unknown' });
    expect((await county.send('GET', '/exam-registrations?year=2025')).json()).toMatchObject({
      total: 1,
      rows: [{ worker: { name: '本区考生' }, level: 'intermediate' }],
    });
    expect((await county.send('GET', '/exam-registrations?result=passed')).json().total).toBe(1);
    expect(
      (await city.send('GET', '/exam-registrations?year=2025&level=assistant'))
        .json()
        .rows.map((r: { worker: { name: string } }) => r.worker.name),
    ).toEqual(['外区考生']);
    expect((await county.send('GET', `/exam-registrations/${farReg.id}`)).statusCode).toBe(404);
  });
});
