import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import {
  createExamRegistration,
  createPosition,
  createQualification,
  createStation,
  createSupervisionSession,
  createWorker,
} from '../../../test/factories.ts';
import { positionHolders } from './positions.table.ts';
import { stationAssignments, workerEmployments, workers } from './workers.table.ts';

const t = useTestApp(); // the test clock reads 2026-03-01

async function as(regionCode: string, role: 'region_admin' | 'social_worker' = 'region_admin') {
  const a = await t.loginAs({ role, regionCode });
  return (url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: a.cookie } });
}

/** Three people whose histories differ on the two year-ends asked about. */
async function history() {
  const db = t.database.db;
  // Certified in mid-2023: not on 2022-12-31, yes on 2023-12-31.
  const late = await createWorker(db, t.pii, { regionCode: '441202', joinedOn: '2020-01-01' });
  await createQualification(db, { workerId: late.id, level: 'intermediate', obtainedOn: '2023-06-01', examYear: 2023 });
  // Left the register on 2022-06-30 with an assistant certificate: counted on neither year-end.
  const gone = await createWorker(db, t.pii, {
    regionCode: '441202',
    joinedOn: '2019-01-01',
    status: 'left',
    leftOn: '2022-06-30',
  });
  await db.update(workerEmployments).set({ endedOn: '2022-06-30' }).where(eq(workerEmployments.workerId, gone.id));
  await createQualification(db, { workerId: gone.id, level: 'assistant', obtainedOn: '2019-10-01', examYear: 2019 });
  // Works for organizations in two counties at once: once in the city, once in each county.
  const both = await createWorker(db, t.pii, { regionCode: '441202', joinedOn: '2021-01-01' });
  await db.insert(workerEmployments).values({ workerId: both.id, regionCode: '441203', startedOn: '2021-03-01' });
  await createQualification(db, { workerId: both.id, level: 'assistant', obtainedOn: '2021-10-01', examYear: 2021 });
  // A second certificate of a higher level: counted once, at the higher level.
  await createQualification(db, { workerId: both.id, level: 'intermediate', obtainedOn: '2023-10-01', examYear: 2023 });
  return { late, gone, both };
}

describe('talent series', () => {
  it('counts distinct people on each year-end, replaying history, with one row per child region', async () => {
    await history();
    const get = await as('4412');
    const res = await get('/talent/series?region=4412&from=2022&to=2023');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.region).toMatchObject({ code: '4412', name: '肇庆市' });
    expect(body.years).toEqual([
      expect.objectContaining({
        year: 2022,
        asOf: '2022-12-31',
        talent: 2,
        certified: 1,
        byLevel: { assistant: 1, intermediate: 0, senior: 0 },
      }),
      expect.objectContaining({
        year: 2023,
        asOf: '2023-12-31',
        talent: 2,
        certified: 2,
        byLevel: { assistant: 0, intermediate: 2, senior: 0 },
        certifiedChange: 1,
      }),
    ]);
    const dz = body.children.find((c: { code: string }) => c.code === '441202');
    const dh = body.children.find((c: { code: string }) => c.code === '441203');
    expect(dz.years.map((y: { certified: number }) => y.certified)).toEqual([1, 2]);
    expect(dh.years.map((y: { talent: number; certified: number }) => [y.talent, y.certified])).toEqual([
      [1, 1],
      [1, 1],
    ]);
  });

  it('counts exam registrations per person, passes among those who sat, and the change on the year before', async () => {
    const db = t.database.db;
    const people = await Promise.all(
      Array.from({ length: 5 }, () => createWorker(db, t.pii, { regionCode: '441202001' })),
    );
    await createExamRegistration(db, {
      workerId: people[0].id,
      regionCode: '441202001',
      year: 2023,
      result: 'passed',
      resultOn: '2023-08-01',
    });
    await createExamRegistration(db, {
      workerId: people[1].id,
      regionCode: '441202001',
      year: 2023,
      result: 'failed',
      resultOn: '2023-08-01',
    });
    for (const [i, result] of (['passed', 'failed', 'absent', 'passed'] as const).entries()) {
      await createExamRegistration(db, {
        workerId: people[i + 1].id,
        regionCode: '441202001',
        year: 2024,
        result,
        resultOn: result === 'absent' ? null : '2024-08-01',
      });
    }
    // One person sitting two levels in one year is one registrant.
    await createExamRegistration(db, {
      workerId: people[4].id,
      regionCode: '441202001',
      year: 2024,
      level: 'intermediate',
      result: 'failed',
      resultOn: '2024-08-01',
    });
    const get = await as('441202');
    const body = (await get('/talent/series?from=2023&to=2024')).json();
    expect(body.region.code).toBe('441202');
    expect(
      body.years.map((y: Record<string, unknown>) => [
        y.year,
        y.registrations,
        y.sat,
        y.passes,
        y.passRate,
        y.registrationsChange,
      ]),
    ).toEqual([
      [2023, 2, 2, 1, 0.5, 2],
      [2024, 4, 3, 2, 0.6667, 2],
    ]);
    expect(body.children.map((c: { code: string }) => c.code)).toEqual(['441202001', '441202003']);
    expect(body.children[0].years[1].registrations).toBe(4);
  });

  it("answers 404 for a region outside the caller's scope and refuses a reversed range", async () => {
    const get = await as('441202');
    expect((await get('/talent/series?region=441203')).statusCode).toBe(404);
    expect((await get('/talent/series?region=4412')).statusCode).toBe(404);
    expect((await get('/talent/summary?region=441203')).statusCode).toBe(404);
    expect((await get('/talent/series?region=')).statusCode).toBe(404);
    const bad = await get('/talent/series?from=2025&to=2020');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ path: 'from' });
  });

  it("leaves out people outside the caller's scope even when their record is in the region asked about", async () => {
    await history();
    const get = await as('441203');
    const body = (await get('/talent/series?from=2023&to=2023')).json();
    expect(body.years[0]).toMatchObject({ talent: 1, certified: 1 });
  });
});

describe('talent summary', () => {
  it('gives the headline figures on a day: people by category, certified by level, resident workers, positions, development this year', async () => {
    const db = t.database.db;
    const { late, both } = await history();
    const community = await createWorker(db, t.pii, {
      regionCode: '441202001',
      category: 'community_worker',
      joinedOn: '2024-01-01',
    });
    const station = await createStation(db, { regionCode: '441202001' });
    await db.insert(stationAssignments).values([
      { workerId: late.id, stationId: station.id, regionCode: '441202001', startedOn: '2024-01-01' },
      { workerId: community.id, stationId: station.id, regionCode: '441202001', startedOn: '2024-01-01' },
    ]);
    const p1 = await createPosition(db, { regionCode: '441202001' });
    await createPosition(db, { regionCode: '441202001' });
    await createPosition(db, { regionCode: '441202001', abolishedOn: '2025-06-30' });
    await db.insert(positionHolders).values({ positionId: p1.id, workerId: late.id, startedOn: '2024-02-01' });
    await createSupervisionSession(db, {
      regionCode: '441202001',
      superviseeIds: [late.id, community.id],
      heldOn: '2026-02-10',
      hours: 3,
    });
    await createSupervisionSession(db, { regionCode: '441202001', superviseeIds: [late.id], heldOn: '2025-12-10' });
    const get = await as('4412');
    const body = (await get('/talent/summary?region=4412')).json();
    expect(body).toMatchObject({
      asOf: '2026-03-01',
      talent: { total: 3, byCategory: { professional: 2, community_worker: 1, party_government: 0, volunteer: 0 } },
      certified: { total: 2, assistant: 0, intermediate: 2, senior: 0 },
      resident: { total: 2, qualified: 1, unqualified: 1 },
      positions: { set: 2, filled: 1, vacant: 1 },
      development: { year: 2026, supervisionSessions: 1, supervisionHours: 3 },
    });
    expect(body.certified.share).toBeCloseTo(0.6667);
    // The same figures replayed on an earlier day.
    const before = (await get('/talent/summary?region=4412&asOf=2023-01-01')).json();
    expect(before).toMatchObject({
      talent: { total: 2 },
      certified: { total: 1, assistant: 1 },
      resident: { total: 0 },
      positions: { set: 0 },
    });
    expect(both.id).toBeTruthy();
    await db.update(workers).set({ status: 'left', leftOn: '2026-02-01' }).where(eq(workers.id, community.id));
    expect((await get('/talent/summary')).json().talent.total).toBe(2);
  });
});
