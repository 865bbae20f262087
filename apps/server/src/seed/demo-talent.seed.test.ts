import { isMobile, validateIdCard } from '@lianxin/shared';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/app.ts';
import { queryRows } from '../db/sql.ts';
import { localDate } from '../platform/dates.ts';
import { countCertifiedOn } from '../modules/talent/talent-asof.repo.ts';
import { workers } from '../modules/talent/workers.table.ts';
import { seedDemoTalent } from './demo-talent.seed.ts';
import { DEMO_CITY, seedDemo, seededRandom } from './demo.seed.ts';

const t = useTestApp();
const PASSWORD = 'Demo#Lianxin2026';
const ALL = [''];
const TALENT_TABLES =
  'targets, position_holders, positions, supervision_supervisees, supervision_sessions, training_records, qualification_registrations, honors, qualifications, exam_registrations, station_assignments, worker_employments, workers';

const one = async <T>(query: ReturnType<typeof sql>) => (await queryRows<T>(t.database.db, query))[0];

describe('the demo talent force of 肇庆市', () => {
  it("tells the article's story: 13 certified in 2008, 966 in 2023, 3,724 then 4,873 registrations — the same every time", {
    timeout: 180_000,
  }, async () => {
    // The server's clock in December, so that the year's trainings and supervision have run.
    t.clock.current = new Date('2026-12-01T02:00:00Z');
    const today = localDate(t.clock.now());
    await seedDemo(t.database, { password: PASSWORD, pii: t.pii, now: t.clock.now() });
    const db = t.database.db;

    // The article's figures, counted by the as-of rule the statistics use.
    expect(await countCertifiedOn(db, ALL, DEMO_CITY, '2008-12-31')).toBe(13);
    expect(await countCertifiedOn(db, ALL, DEMO_CITY, '2023-12-31')).toBe(966);
    const registrations = async (year: number) =>
      await one<{ n: number; people: number }>(
        sql`select count(*)::int as n, count(distinct worker_id)::int as people from exam_registrations where region_code like ${`${DEMO_CITY}%`} and year = ${year}`,
      );
    const [r2023, r2024] = [await registrations(2023), await registrations(2024)];
    expect(r2023).toEqual({ n: 3724, people: 3724 });
    expect(r2024).toEqual({ n: 4873, people: 4873 });
    expect(r2024.n - r2023.n).toBe(1149);
    // Growing year by year, and the counties add up to the city.
    let last = 0;
    for (let year = 2008; year <= 2025; year++) {
      const n = await countCertifiedOn(db, ALL, DEMO_CITY, `${year}-12-31`);
      expect(n, String(year)).toBeGreaterThan(last);
      last = n;
    }
    const counties = ['441202', '441203', '441204', '441223', '441224', '441225', '441226', '441284'];
    const byCounty = await Promise.all(counties.map((c) => countCertifiedOn(db, ALL, c, '2023-12-31')));
    expect(byCounty.reduce((a, b) => a + b, 0)).toBe(966);
    expect(Math.min(...byCounty)).toBeGreaterThan(0);
    const levels = await Promise.all(
      ['assistant', 'intermediate', 'senior'].map((l) => countCertifiedOn(db, ALL, DEMO_CITY, today, l)),
    );
    expect(levels[0]).toBeGreaterThan(levels[1] * 2);
    expect(levels[1]).toBeGreaterThan(levels[2] * 5);
    expect(levels[2]).toBeGreaterThan(0);

    // Fake but valid people: ID numbers pass the shared validator and agree with the stored sex, birth date and keyed hash.
    const people = await db
      .select({
        name: workers.name,
        sex: workers.sex,
        birthDate: workers.birthDate,
        idEnc: workers.idNumberEnc,
        idHash: workers.idNumberHash,
        phoneEnc: workers.phoneEnc,
        phoneHash: workers.phoneHash,
      })
      .from(workers);
    expect(people.length).toBeGreaterThan(3000);
    for (const p of people) {
      const id = t.pii.decrypt(p.idEnc);
      const check = validateIdCard(id, today);
      expect(check.ok, id).toBe(true);
      if (!check.ok) continue;
      expect([check.birthDate, String(check.sex), t.pii.hash(id)]).toEqual([p.birthDate, p.sex, p.idHash]);
      if (p.phoneEnc)
        expect(isMobile(t.pii.decrypt(p.phoneEnc)) && t.pii.hash(t.pii.decrypt(p.phoneEnc)) === p.phoneHash).toBe(true);
      expect(p.name).toMatch(/^\p{Script=Han}[甲乙丙丁戊己庚辛壬癸][一二三四五六七八九十]$/u);
    }

    // Resident workers sit at operating stations in their own region; most town stations have one to four; some are not yet qualified.
    const misplaced = await one<{
      n: number;
    }>(sql`select count(*)::int as n from station_assignments a join stations s on s.id = a.station_id join workers w on w.id = a.worker_id
      where a.ended_on is null and (s.status <> 'operating' or s.region_code not like w.region_code || '%' or a.region_code <> s.region_code or w.status <> 'active')`);
    expect(misplaced.n).toBe(0);
    const perStation = await queryRows<{ n: number }>(
      db,
      sql`select count(a.worker_id)::int as n from stations s left join station_assignments a on a.station_id = s.id and a.ended_on is null where s.kind = 'town' group by s.id`,
    );
    expect(perStation.filter((s) => s.n >= 1 && s.n <= 4).length / perStation.length).toBeGreaterThan(0.8);
    const residents = await one<{
      all: number;
      unqualified: number;
      past: number;
    }>(sql`select count(*) filter (where a.ended_on is null)::int as all,
      count(*) filter (where a.ended_on is null and not exists (select 1 from qualifications q where q.worker_id = a.worker_id and q.obtained_on <= ${today} and q.revoked_on is null))::int as unqualified,
      count(*) filter (where a.ended_on is not null)::int as past from station_assignments a`);
    expect(residents.unqualified).toBeGreaterThan(0);
    expect(residents.unqualified).toBeLessThan(residents.all / 2);
    expect(residents.past).toBeGreaterThan(0);

    // History, renewals, honours, positions, this year's hours and the targets.
    const facts = await one<Record<string, number>>(sql`select
      (select count(*) from workers where status = 'left')::int as left,
      (select count(*) from (select worker_id from worker_employments group by worker_id having count(*) > 1) m)::int as moved,
      (select count(*) from qualification_registrations r where r.renewal_due_on between ${today} and ${today}::date + 90)::int as renewals_due,
      (select count(*) from honors where kind = 'leading_talent')::int as leading,
      (select count(*) from positions p where not exists (select 1 from position_holders h where h.position_id = p.id and h.ended_on is null))::int as vacant,
      (select count(*) from position_holders where ended_on is null)::int as filled,
      (select count(*) from supervision_sessions where held_on >= date_trunc('year', ${today}::date))::int as sessions,
      (select count(*) from training_records where ended_on >= date_trunc('year', ${today}::date))::int as trainings`);
    for (const [k, v] of Object.entries(facts)) expect(v, k).toBeGreaterThan(0);
    const hours = await queryRows<{ total: number }>(
      db,
      sql`select coalesce(sum(t.hours), 0)::float8 + coalesce((select sum(s.hours) from supervision_sessions s join supervision_supervisees p on p.session_id = s.id where p.worker_id = w.id and s.held_on >= '2026-01-01'), 0)::float8 as total
      from workers w join training_records t on t.worker_id = w.id and t.ended_on >= '2026-01-01' group by w.id`,
    );
    expect(hours.filter((h) => h.total < 72).length).toBeGreaterThan(0);
    expect(hours.filter((h) => h.total >= 72).length).toBeGreaterThan(hours.length / 2);
    const targets = await queryRows<{
      region_code: string;
      metric: string;
      value: number;
      parent_id: string | null;
      baseline_value: number;
      due_on: string;
    }>(db, sql`select region_code, metric, value, parent_id, baseline_value, due_on::text from targets`);
    const city = targets.find((x) => x.region_code === DEMO_CITY && x.metric === 'certified')!;
    expect(city).toMatchObject({ value: 2500, baseline_value: 966, due_on: '2027-12-31' });
    const children = targets.filter((x) => x.parent_id !== null);
    expect(children).toHaveLength(8);
    expect(children.reduce((a, c) => a + c.value, 0)).toBe(2500);
    expect(targets.some((x) => x.metric === 'total_talent' && x.due_on === '2025-12-31')).toBe(true);

    // A city administrator sees the register with ID numbers masked.
    const { cookie } = await t.login('city-admin', PASSWORD);
    const list = (await t.app.inject({ url: '/api/v1/workers?pageSize=5', headers: { cookie } })).json();
    expect(list.total).toBeGreaterThan(3000);
    expect(list.rows[0].idNumber).toContain('*');
    // A certified worker short of this year's continuing-education hours, as their trainings page shows it.
    const short = await one<{
      id: string;
    }>(sql`select w.id from workers w join training_records t on t.worker_id = w.id and t.ended_on >= '2026-01-01'
      where w.status = 'active' and exists (select 1 from qualifications q where q.worker_id = w.id and q.revoked_on is null and q.level <> 'senior')
      and not exists (select 1 from supervision_supervisees p where p.worker_id = w.id) group by w.id having sum(t.hours) < 72 order by w.id limit 1`);
    const ce = (await t.app.inject({ url: `/api/v1/workers/${short.id}/trainings`, headers: { cookie } })).json();
    const year2026 = ce.hoursByYear.find((y: { year: number }) => y.year === 2026);
    expect(year2026.required).toBe(72);
    expect(year2026.total).toBeLessThan(72);

    // The same generator gives the same talent force.
    const digest = async () =>
      (
        await queryRows<{ d: string }>(
          db,
          sql`select w.name || w.id_number_hash || w.joined_on || coalesce(w.left_on::text, '') || w.category || w.region_code || coalesce(string_agg(e.year || e.level || e.result, ',' order by e.year), '') as d
        from workers w left join exam_registrations e on e.worker_id = w.id group by w.id order by 1`,
        )
      ).map((r) => r.d);
    const before = await digest();
    await t.database.exec(`truncate ${TALENT_TABLES} cascade`);
    await seedDemoTalent(db, { rand: seededRandom(4412_0004), pii: t.pii, now: t.clock.now(), city: DEMO_CITY, today });
    expect(await digest()).toEqual(before);
    expect(await countCertifiedOn(db, ALL, DEMO_CITY, '2023-12-31')).toBe(966);
  });
});
