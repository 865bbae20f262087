import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import {
  createOrganization,
  createQualification,
  createStation,
  createWorker,
  makeIdNumber,
} from '../../../test/factories.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { workers } from './workers.table.ts';

const t = useTestApp();

async function as(role: 'region_admin' | 'social_worker' | 'supervisor' = 'region_admin', regionCode = '4412') {
  const a = await t.loginAs({ role, regionCode });
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: { cookie: a.cookie, ...headers },
      payload: payload as never,
    });
  return { ...a, send };
}

const ID = makeIdNumber({ birth: '1990-05-17', seq: 123 }); // seq 123: odd → a man
const worker = (over: Record<string, unknown> = {}) => ({
  name: '李芳',
  idNumber: ID,
  phone: '13812345678',
  category: 'professional',
  regionCode: '441202',
  education: '20',
  major: '社会工作',
  ...over,
});
const audits = (entity: string) => t.database.db.select().from(auditLog).where(eq(auditLog.entity, entity));

describe('registering a worker', () => {
  it('stores the ID number and phone encrypted, answers them masked, reads sex and birth date from the ID', async () => {
    const a = await as();
    const org = await createOrganization(t.database.db, { regionCode: '441202' });
    const res = await a.send(
      'POST',
      '/workers',
      worker({ organizationId: org.id, jobTitle: '项目主管', joinedOn: '2019-07-01' }),
    );
    expect(res.statusCode).toBe(201);
    const w = res.json();
    expect(w).toMatchObject({
      name: '李芳',
      sex: '1',
      birthDate: '1990-05-17',
      idNumber: `4${'*'.repeat(16)}${ID.slice(-1)}`,
      phone: '138****5678',
      currentLevel: null,
      status: 'active',
    });
    expect(w.employments).toEqual([
      expect.objectContaining({
        regionCode: '441202',
        organization: { id: org.id, name: org.name },
        jobTitle: '项目主管',
        startedOn: '2019-07-01',
        endedOn: null,
      }),
    ]);
    const [row] = await t.database.db.select().from(workers);
    expect(row.idNumberEnc).not.toContain(ID.slice(6));
    expect(row.idNumberHash).toBe(t.pii.hash(ID));
    expect(JSON.stringify(await a.send('GET', '/workers').then((r) => r.json()))).not.toContain(ID);
    const [audit] = await audits('worker');
    expect(audit.fields).toEqual(expect.arrayContaining(['idNumber', 'phone', 'name']));
    expect(JSON.stringify(audit)).not.toContain(ID);
  });

  it('refuses a duplicate person — also registered elsewhere, also typed with full-width digits — at idNumber', async () => {
    const a = await as('region_admin', '441202');
    await createWorker(t.database.db, t.pii, { regionCode: '441203', idNumber: ID });
    const wide = ID.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    const res = await a.send('POST', '/workers', worker({ idNumber: wide }));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'DUPLICATE',
      errors: [{ path: 'idNumber', key: 'validation.worker.duplicate', message: '该证件号码的人员已在人才库中' }],
    });
    expect(await t.database.db.select().from(workers)).toHaveLength(1);
  });

  it('refuses a bad checksum, a sex or birth date contradicting the ID, and an unknown category, naming the field', async () => {
    const a = await as();
    const bad = `${ID.slice(0, 17)}${ID[17] === '0' ? '1' : '0'}`;
    const cases: [Record<string, unknown>, string, string][] = [
      [worker({ idNumber: bad }), 'idNumber', 'validation.idcard.checksum'],
      [worker({ sex: '2' }), 'sex', 'validation.worker.sexMismatch'],
      [worker({ birthDate: '1991-05-17' }), 'birthDate', 'validation.worker.birthDateMismatch'],
      [worker({ education: '99' }), 'education', 'validation.worker.unknownEducation'],
      [worker({ regionCode: '440103' }), 'regionCode', 'validation.scope.outside'],
    ];
    for (const [body, path, key] of cases) {
      const res = await a.send('POST', '/workers', body);
      expect(res.json().errors?.[0], key).toMatchObject({
        path,
        ...(key.startsWith('validation.idcard') ? {} : { key }),
      });
    }
    const en = await a.send('POST', '/workers', worker({ sex: '2' }), { 'accept-language': 'en' });
    expect(en.json().errors[0].message).toBe('The sex does not match the ID number');
    expect(await t.database.db.select().from(workers)).toEqual([]);
  });
});

describe('the register', () => {
  it('filters by current level, category, organization, station and region, within scope', async () => {
    const db = t.database.db;
    const org = await createOrganization(db, { regionCode: '441202' });
    const station = await createStation(db, { regionCode: '441202001' });
    const senior = await createWorker(db, t.pii, { name: '高级社工', organizationId: org.id });
    await createQualification(db, {
      workerId: senior.id,
      level: 'assistant',
      obtainedOn: '2015-10-01',
      examYear: 2015,
    });
    await createQualification(db, { workerId: senior.id, level: 'senior', obtainedOn: '2022-10-01', examYear: 2022 });
    const revoked = await createWorker(db, t.pii, {
      name: '撤证社工',
      regionCode: '441202001',
      category: 'community_worker',
    });
    await createQualification(db, {
      workerId: revoked.id,
      level: 'intermediate',
      obtainedOn: '2020-10-01',
      examYear: 2020,
      revokedOn: '2025-06-01',
    });
    await createQualification(db, {
      workerId: revoked.id,
      level: 'assistant',
      obtainedOn: '2018-10-01',
      examYear: 2018,
    });
    await createWorker(db, t.pii, { name: '外区社工', regionCode: '441203' });
    const a = await as('region_admin', '441202');
    await a.send('POST', `/workers/${revoked.id}/station-assignments`, {
      stationId: station.id,
      startedOn: '2025-01-01',
    });
    const names = async (q: string) =>
      (await a.send('GET', `/workers?${q}`)).json().rows.map((r: { name: string }) => r.name);
    expect(await names('')).toEqual(['高级社工', '撤证社工']);
    expect(await names('level=senior')).toEqual(['高级社工']);
    expect(await names('level=assistant')).toEqual(['撤证社工']);
    expect(await names('level=intermediate')).toEqual([]);
    expect(await names('category=community_worker')).toEqual(['撤证社工']);
    expect(await names(`organizationId=${org.id}`)).toEqual(['高级社工']);
    expect(await names(`stationId=${station.id}`)).toEqual(['撤证社工']);
    expect(await names('regionCode=441202001')).toEqual(['撤证社工']);
    expect((await a.send('GET', '/workers?level=senior')).json().rows[0].currentLevel).toBe('senior');
  });

  it('answers 404 for a worker outside the scope, and a town sees only its town', async () => {
    const db = t.database.db;
    const town = await createWorker(db, t.pii, { name: '城东社工', regionCode: '441202001' });
    const county = await createWorker(db, t.pii, { name: '区级社工', regionCode: '441202' });
    const a = await as('social_worker', '441202001');
    expect((await a.send('GET', `/workers/${county.id}`)).statusCode).toBe(404);
    expect((await a.send('GET', `/workers/${town.id}`)).statusCode).toBe(200);
    expect((await a.send('GET', '/workers')).json()).toMatchObject({ total: 1, rows: [{ name: '城东社工' }] });
  });
});

describe('editing and revealing', () => {
  it('needs the version, answers 409 with the current record when stale', async () => {
    const a = await as();
    const { id } = (await a.send('POST', '/workers', worker())).json();
    expect((await a.send('PUT', `/workers/${id}`, { major: '心理学' })).statusCode).toBe(428);
    const ok = await a.send('PUT', `/workers/${id}`, { major: '心理学' }, { 'if-match': '"1"' });
    expect(ok.json()).toMatchObject({ major: '心理学', version: 2, sex: '1', birthDate: '1990-05-17' });
    const stale = await a.send('PUT', `/workers/${id}`, { major: '法学', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ major: '心理学', version: 2 });
  });

  it('reveals one field to a user with pii:read and audits the read; others get 403', async () => {
    const a = await as();
    const { id } = (await a.send('POST', '/workers', worker())).json();
    const res = await a.send('POST', `/workers/${id}/reveal`, { field: 'idNumber' });
    expect(res.json()).toEqual({ value: ID });
    expect((await a.send('POST', `/workers/${id}/reveal`, { field: 'phone' })).json()).toEqual({
      value: '13812345678',
    });
    const reads = (await audits('worker')).filter((r) => r.action === 'reveal');
    expect(reads.map((r) => r.fields)).toEqual([['idNumber'], ['phone']]);
    const supervisor = await as('supervisor');
    expect((await supervisor.send('POST', `/workers/${id}/reveal`, { field: 'idNumber' })).statusCode).toBe(403);
  });
});

describe('employment and resident-station history', () => {
  it('a move ends the current employment the day before; the history keeps both', async () => {
    const a = await as();
    const { id } = (await a.send('POST', '/workers', worker({ joinedOn: '2020-03-01' }))).json();
    const moved = await a.send('POST', `/workers/${id}/employments`, {
      regionCode: '441202001',
      jobTitle: '驻站社工',
      startedOn: '2024-03-01',
    });
    expect(moved.json()).toMatchObject({ regionCode: '441202001', jobTitle: '驻站社工' });
    expect(
      moved.json().employments.map((e: { startedOn: string; endedOn: string | null }) => [e.startedOn, e.endedOn]),
    ).toEqual([
      ['2024-03-01', null],
      ['2020-03-01', '2024-02-29'],
    ]);
    const early = await a.send('POST', `/workers/${id}/employments`, { regionCode: '441202', startedOn: '2023-01-01' });
    expect(early.json().errors[0]).toMatchObject({ path: 'startedOn', key: 'validation.worker.moveBeforeCurrent' });
  });

  it('a past period only adds to the history, moving the day the worker joined earlier; it cannot end before it starts', async () => {
    const a = await as();
    const org = await createOrganization(t.database.db, { regionCode: '441202', name: '前东家' });
    const { id } = (await a.send('POST', '/workers', worker({ joinedOn: '2020-03-01' }))).json();
    const past = await a.send('POST', `/workers/${id}/employments`, {
      regionCode: '441202',
      organizationId: org.id,
      jobTitle: '社工',
      startedOn: '2016-07-01',
      endedOn: '2020-02-29',
    });
    expect(past.json()).toMatchObject({ joinedOn: '2016-07-01', regionCode: '441202', organization: null });
    expect(
      past
        .json()
        .employments.map((e: { organization: { name: string } | null; endedOn: string | null }) => [
          e.organization?.name ?? null,
          e.endedOn,
        ]),
    ).toEqual([
      [null, null],
      ['前东家', '2020-02-29'],
    ]);
    const reversed = await a.send('POST', `/workers/${id}/employments`, {
      regionCode: '441202',
      startedOn: '2016-07-01',
      endedOn: '2015-01-01',
    });
    expect(reversed.json().errors[0]).toMatchObject({ path: 'endedOn', key: 'validation.talent.endBeforeStart' });
  });

  it('refuses a second current resident assignment and an overlapping one', async () => {
    const db = t.database.db;
    const s1 = await createStation(db, { regionCode: '441202001', name: '城东站' });
    const s2 = await createStation(db, { regionCode: '441202003', name: '城西站' });
    const a = await as();
    const { id } = (await a.send('POST', '/workers', worker({ stationId: s1.id, joinedOn: '2024-01-01' }))).json();
    const second = await a.send('POST', `/workers/${id}/station-assignments`, {
      stationId: s2.id,
      startedOn: '2025-01-01',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().errors[0]).toMatchObject({ path: 'startedOn', key: 'validation.assignment.current' });
    await a.send('POST', `/workers/${id}/station-assignments/end`, { endedOn: '2024-12-31' });
    const overlap = await a.send('POST', `/workers/${id}/station-assignments`, {
      stationId: s2.id,
      startedOn: '2024-06-01',
      endedOn: '2024-08-01',
    });
    expect(overlap.json().errors[0]).toMatchObject({
      key: 'validation.assignment.overlap',
      message: expect.stringContaining('2024-01-01'),
    });
    const next = await a.send('POST', `/workers/${id}/station-assignments`, {
      stationId: s2.id,
      startedOn: '2025-01-01',
    });
    expect(next.json()).toMatchObject({ station: { id: s2.id, name: '城西站' } });
    expect(
      next
        .json()
        .stationAssignments.map((x: { station: { name: string }; endedOn: string | null }) => [
          x.station.name,
          x.endedOn,
        ]),
    ).toEqual([
      ['城西站', null],
      ['城东站', '2024-12-31'],
    ]);
  });

  it('a departure ends the open periods on the last day', async () => {
    const db = t.database.db;
    const s1 = await createStation(db, { regionCode: '441202001' });
    const a = await as();
    const { id } = (await a.send('POST', '/workers', worker({ stationId: s1.id, joinedOn: '2024-01-01' }))).json();
    const left = await a.send('POST', `/workers/${id}/departure`, { leftOn: '2025-12-31', reason: '调离' });
    expect(left.json()).toMatchObject({ status: 'left', leftOn: '2025-12-31', station: null });
    expect(left.json().employments[0].endedOn).toBe('2025-12-31');
    expect(left.json().stationAssignments[0].endedOn).toBe('2025-12-31');
    expect((await a.send('GET', '/workers?status=left')).json().total).toBe(1);
    const after = await a.send('POST', `/workers/${id}/station-assignments`, {
      stationId: s1.id,
      startedOn: '2026-01-05',
    });
    expect(after.json().errors[0]).toMatchObject({ path: 'startedOn', key: 'validation.worker.alreadyLeft' });
  });
});
