import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import {
  createQualification,
  createStation,
  createSupervisionSession,
  createWorker,
  makeIdNumber,
} from '../../../test/factories.ts';
import { trainingRecords } from './development.table.ts';
import { qualificationRegistrations } from './qualifications.table.ts';
import { stationAssignments } from './workers.table.ts';

const t = useTestApp(); // the test clock reads 2026-03-01

async function as(regionCode: string) {
  const a = await t.loginAs({ role: 'region_admin', regionCode });
  return async (url: string) => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/talent/compliance/${url}`,
      headers: { cookie: a.cookie },
    });
    return { status: res.statusCode, body: res.json() };
  };
}

describe('compliance lists', () => {
  it('unqualified-resident: resident workers without a valid certificate today, with the days left to the deadline', async () => {
    const db = t.database.db;
    const station = await createStation(db, { regionCode: '441202001', name: '城东街道社工站' });
    const idNumber = makeIdNumber({ seq: 321 });
    const bare = await createWorker(db, t.pii, { regionCode: '441202001', name: '未持证', idNumber });
    const expired = await createWorker(db, t.pii, { regionCode: '441202001', name: '证书过期' });
    await createQualification(db, {
      workerId: expired.id,
      obtainedOn: '2018-10-01',
      examYear: 2018,
      validUntil: '2025-12-31',
    });
    const holder = await createWorker(db, t.pii, { regionCode: '441202001', name: '持证' });
    await createQualification(db, { workerId: holder.id });
    const formerly = await createWorker(db, t.pii, { regionCode: '441202001', name: '已离站' });
    await db.insert(stationAssignments).values([
      { workerId: bare.id, stationId: station.id, regionCode: '441202001', startedOn: '2025-03-01' },
      { workerId: expired.id, stationId: station.id, regionCode: '441202001', startedOn: '2024-03-01' },
      { workerId: holder.id, stationId: station.id, regionCode: '441202001', startedOn: '2024-03-01' },
      {
        workerId: formerly.id,
        stationId: station.id,
        regionCode: '441202001',
        startedOn: '2023-03-01',
        endedOn: '2025-12-31',
      },
    ]);
    const get = await as('441202');
    const { body } = await get('unqualified-resident');
    expect(body).toMatchObject({ deadline: '2026-12-31', daysLeft: 305, total: 2 });
    expect(body.rows.map((r: { name: string }) => r.name)).toEqual(['证书过期', '未持证']);
    const row = body.rows[1];
    expect(row).toMatchObject({
      station: { name: '城东街道社工站' },
      since: '2025-03-01',
      regionName: '端州区城东街道',
    });
    expect(row.idNumber).not.toBe(idNumber);
    expect(row.idNumber).toMatch(/^\d\*{16}[\dX]$/);
    expect((await get('unqualified-resident?deadline=2026-06-30')).body.daysLeft).toBe(121);
    expect((await get('unqualified-resident?pageSize=1&page=2')).body).toMatchObject({
      total: 2,
      rows: [{ name: '未持证' }],
    });
    // Another county sees none of them, and cannot ask for this one.
    expect((await (await as('441203'))('unqualified-resident')).body.total).toBe(0);
    expect((await (await as('441203'))('unqualified-resident?region=441202')).status).toBe(404);
  });

  it("hours-short: certified workers below their level's yearly hours (training plus supervision received)", async () => {
    const db = t.database.db;
    const short = await createWorker(db, t.pii, { regionCode: '441202', name: '学时不足' });
    await createQualification(db, { workerId: short.id, level: 'intermediate' });
    const enough = await createWorker(db, t.pii, { regionCode: '441202', name: '学时已满' });
    await createQualification(db, { workerId: enough.id, level: 'assistant' });
    await createWorker(db, t.pii, { regionCode: '441202', name: '无证书' });
    await db.insert(trainingRecords).values([
      {
        workerId: short.id,
        regionCode: '441202',
        course: '个案管理',
        startedOn: '2026-01-10',
        endedOn: '2026-01-12',
        hours: 20,
      },
      {
        workerId: short.id,
        regionCode: '441202',
        course: '去年的课',
        startedOn: '2025-10-10',
        endedOn: '2025-10-12',
        hours: 24,
      },
      {
        workerId: enough.id,
        regionCode: '441202',
        course: '社区营造',
        startedOn: '2026-01-01',
        endedOn: '2026-02-20',
        hours: 70,
      },
    ]);
    await createSupervisionSession(db, { superviseeIds: [short.id, enough.id], heldOn: '2026-02-10', hours: 2 });
    const get = await as('441202');
    const { body } = await get('hours-short');
    expect(body).toMatchObject({
      year: 2026,
      asOf: '2026-03-01',
      requirements: { assistant: 72, intermediate: 72, senior: 90 },
      total: 1,
    });
    expect(body.rows[0]).toMatchObject({
      name: '学时不足',
      level: 'intermediate',
      trainingHours: 20,
      supervisionHours: 2,
      hours: 22,
      required: 72,
      shortBy: 50,
    });
    // Last year: the 24 hours then, against the same requirement; the assistant had none in 2025.
    const last = (await get('hours-short?year=2025')).body;
    expect(last.rows.map((r: { name: string; hours: number }) => [r.name, r.hours])).toEqual([
      ['学时已满', 0],
      ['学时不足', 24],
    ]);
  });

  it('renewal-due: registrations ending within N days, and lapsed ones', async () => {
    const db = t.database.db;
    const add = async (name: string, renewalDueOn: string, registeredOn = '2023-06-01') => {
      const w = await createWorker(db, t.pii, { regionCode: '441202', name });
      const q = await createQualification(db, { workerId: w.id });
      await db
        .insert(qualificationRegistrations)
        .values({ qualificationId: q.id, registeredOn, renewalDueOn, registrationNo: `REG-${name}` });
      return q;
    };
    await add('已过期', '2026-02-01');
    await add('即将到期', '2026-04-15');
    await add('还早', '2027-06-01');
    // A renewal already made: the latest period decides.
    const renewed = await add('已续期', '2026-01-31', '2023-02-01');
    await db
      .insert(qualificationRegistrations)
      .values({ qualificationId: renewed.id, registeredOn: '2026-01-20', renewalDueOn: '2029-01-19' });
    const get = await as('441202');
    const { body } = await get('renewal-due');
    expect(body.days).toBe(90);
    expect(
      body.rows.map((r: { name: string; status: string; daysLeft: number }) => [r.name, r.status, r.daysLeft]),
    ).toEqual([
      ['已过期', 'lapsed', -28],
      ['即将到期', 'renewal_due', 45],
    ]);
    expect((await get('renewal-due?days=30')).body.total).toBe(1);
  });
});
