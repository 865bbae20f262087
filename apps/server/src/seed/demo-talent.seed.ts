import { and, asc, count, eq, like } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { newId } from '../db/columns.ts';
import type { PiiCipher } from '../platform/pii.ts';
import { organizations } from '../modules/organizations/organizations.table.ts';
import { regions } from '../modules/regions/regions.table.ts';
import { stations } from '../modules/stations/stations.table.ts';
import { examRegistrations } from '../modules/talent/exams.table.ts';
import { honors, qualificationRegistrations, qualifications } from '../modules/talent/qualifications.table.ts';
import { countCertifiedOn } from '../modules/talent/talent-asof.repo.ts';
import { addDays, periodEnd } from '../modules/talent/talent.rules.ts';
import { targets } from '../modules/talent/targets.table.ts';
import { stationAssignments, workerEmployments, workers } from '../modules/talent/workers.table.ts';
import { bulkInsert } from './bulk-insert.ts';
import { developmentRows, positionRows } from './demo-talent.development.ts';
import { type Category, dayBetween, levelOn, maxDay, type Person, playStory } from './demo-talent.story.ts';

type Rand = () => number;
export type Org = { id: string; type: string; name: string; regionCode: string };
export type Station = {
  id: string;
  kind: string;
  regionCode: string;
  organizationId: string | null;
  openedOn: string | null;
  status: string;
  name: string;
};
export interface Assignment {
  person: Person;
  station: Station;
  startedOn: string;
  endedOn: string | null;
}

/** The 2027 goal chosen for the demo: 2,500 certified, about two and a half times 2023's 966, in keeping with "激增" and the 2024 registration surge. */
export const CITY_CERTIFIED_2027 = 2500;

const JOB_TITLES: Record<Category, string[]> = {
  professional: ['社工', '社工', '项目主管', '个案社工'],
  community_worker: ['社区工作者', '村(居)委会委员', '网格员'],
  party_government: ['社会工作部干部', '民政办工作人员'],
  volunteer: ['志愿者骨干', '志愿服务队队长'],
};
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

function organizationFor(rand: Rand, orgs: Org[], category: Category, county: string, city: string): string | null {
  const here = (o: Org) => o.regionCode === county || o.regionCode === city;
  const choices =
    category === 'professional'
      ? orgs.filter((o) => o.type === 'agency' && here(o))
      : category === 'volunteer'
        ? orgs.filter((o) => o.type === 'social_org' && o.regionCode === county)
        : category === 'party_government' && rand() < 0.3
          ? orgs.filter((o) => o.type === 'government' && here(o))
          : [];
  return choices.length ? pick(rand, choices).id : null;
}

/** Resident workers: most operating town stations have one to four, mostly certified; some left or moved on. */
function residentsFor(rand: Rand, people: Person[], townStations: Station[], today: string): Assignment[] {
  const out: Assignment[] = [];
  const stationOf = new Map(townStations.map((s) => [s.regionCode, s]));
  const byTown = new Map<string, Person[]>();
  for (const p of people) {
    const current = p.employments.at(-1)!;
    if (
      p.leftOn === null &&
      current.endedOn === null &&
      (p.category === 'professional' || p.category === 'community_worker')
    ) {
      byTown.set(current.town, [...(byTown.get(current.town) ?? []), p]);
    }
    // Earlier residents: people who left, or moved on to another town.
    for (const e of p.employments) {
      const s = stationOf.get(e.town);
      if (!s || e.endedOn === null || e.endedOn < '2021-06-01' || rand() >= 0.25) continue;
      const startedOn = maxDay(e.startedOn, s.openedOn ?? e.startedOn);
      if (startedOn <= e.endedOn) out.push({ person: p, station: s, startedOn, endedOn: e.endedOn });
    }
  }
  for (const s of townStations) {
    const k = rand() < 0.08 ? 0 : 1 + Math.floor(rand() * 4);
    const here = byTown.get(s.regionCode) ?? [];
    const certified = here.filter((p) => levelOn(p, today));
    const uncertified = here.filter((p) => !levelOn(p, today));
    for (let i = 0; i < k; i++) {
      const p = (rand() < 0.75 ? certified.pop() : uncertified.pop()) ?? certified.pop() ?? uncertified.pop();
      if (!p) break;
      const current = p.employments.at(-1)!;
      const startedOn = maxDay(current.startedOn, s.openedOn ?? current.startedOn);
      if (startedOn > today) continue;
      out.push({ person: p, station: s, startedOn, endedOn: null });
    }
  }
  return out;
}

/**
 * The talent force of 肇庆市 for the demo (see demo-talent.story.ts for the figures): workers with
 * employment and resident-station history, exam registrations from 2008, certificates and their
 * registration periods, honours, positions, this year's trainings and supervision, and the city's
 * targets. Deterministic for a given `rand`; skipped when the register is not empty.
 */
export async function seedDemoTalent(
  db: Db,
  opts: { rand: Rand; pii: PiiCipher; now: Date; city: string; today: string },
) {
  const [{ n }] = await db.select({ n: count() }).from(workers);
  if (n > 0) return { workers: 0 };
  const { rand, city, today, pii, now } = opts;
  const towns = (
    await db
      .select({ code: regions.code })
      .from(regions)
      .where(and(like(regions.code, `${city}%`), eq(regions.level, 4), eq(regions.kind, 'official')))
      .orderBy(asc(regions.code))
  ).map((r) => r.code);
  const counties = [...new Set(towns.map((t) => t.slice(0, 6)))];
  const orgs: Org[] = await db
    .select({
      id: organizations.id,
      type: organizations.type,
      name: organizations.name,
      regionCode: organizations.regionCode,
    })
    .from(organizations)
    .orderBy(asc(organizations.name));
  const allStations: Station[] = await db
    .select({
      id: stations.id,
      kind: stations.kind,
      regionCode: stations.regionCode,
      organizationId: stations.organizationId,
      openedOn: stations.openedOn,
      status: stations.status,
      name: stations.name,
    })
    .from(stations)
    .where(like(stations.regionCode, `${city}%`))
    .orderBy(asc(stations.regionCode), asc(stations.name));
  const townStations = allStations.filter((s) => s.kind === 'town' && s.status === 'operating');

  const { people, registrations } = playStory(rand, towns, today);
  const ids = people.map(() => newId());
  // Who employed each person in each period, and as what.
  const employers = people.map((p) =>
    p.employments.map((e) => ({
      org: organizationFor(rand, orgs, p.category, e.town.slice(0, 6), city),
      title: pick(rand, JOB_TITLES[p.category]),
    })),
  );
  const assignments = residentsFor(rand, people, townStations, today);
  for (const a of assignments.filter((x) => x.endedOn === null)) {
    const current = employers[a.person.index].at(-1)!;
    current.org = a.station.organizationId ?? current.org;
    current.title = '驻站社工';
  }

  const workerRows = people.map((p, i) => {
    const last = p.employments.at(-1)!;
    return {
      id: ids[i],
      regionCode: last.town,
      name: p.name,
      sex: p.sex,
      birthDate: p.birthDate,
      idNumberEnc: pii.encrypt(p.idNumber),
      idNumberHash: pii.hash(p.idNumber),
      phoneEnc: p.phone ? pii.encrypt(p.phone) : null,
      phoneHash: p.phone ? pii.hash(p.phone) : null,
      education: p.education,
      major: p.major,
      category: p.category,
      organizationId: employers[i].at(-1)!.org,
      jobTitle: employers[i].at(-1)!.title,
      status: p.leftOn ? 'left' : 'active',
      joinedOn: p.joinedOn,
      leftOn: p.leftOn,
      createdAt: now,
      updatedAt: now,
    };
  });
  const employmentRows = people.flatMap((p, i) =>
    p.employments.map((e, j) => ({
      id: newId(),
      workerId: ids[i],
      regionCode: e.town,
      organizationId: employers[i][j].org,
      jobTitle: employers[i][j].title,
      startedOn: e.startedOn,
      endedOn: e.endedOn,
      createdAt: now,
    })),
  );
  const assignmentRows = assignments.map((a) => ({
    workerId: ids[a.person.index],
    stationId: a.station.id,
    regionCode: a.station.regionCode,
    startedOn: a.startedOn,
    endedOn: a.endedOn,
    createdAt: now,
  }));

  const orgType = new Map(orgs.map((o) => [o.id, o.type]));
  const registrationIds = registrations.map(() => newId());
  const examRows = registrations.map((r, i) => {
    const p = people[r.person];
    const j = p.employments.findIndex(
      (e) => e.startedOn <= r.registeredOn && (e.endedOn === null || e.endedOn >= r.registeredOn),
    );
    const sponsor = employers[r.person][j]?.org;
    const sponsored = sponsor && orgType.get(sponsor) === 'agency' && rand() < 0.3;
    return {
      id: registrationIds[i],
      workerId: ids[r.person],
      regionCode: r.town,
      year: r.year,
      level: r.level,
      registeredOn: r.registeredOn,
      result: r.result,
      resultOn: r.resultOn,
      subjectsPassed: r.subjectsPassed,
      sponsorOrganizationId: sponsored ? sponsor : null,
      reimbursedItems: sponsored ? ['registration_fee', 'books'] : [],
      reimbursedFen: sponsored ? (r.level === 'intermediate' ? 3 : 2) * 6_400 + 9_800 : 0,
      createdAt: now,
      updatedAt: now,
    };
  });

  const latestResults = Math.max(...registrations.filter((r) => r.result !== 'pending').map((r) => r.year));
  const certRows: (typeof qualifications.$inferInsert)[] = [];
  const periodRows: (typeof qualificationRegistrations.$inferInsert)[] = [];
  let serial = 0;
  for (const p of people) {
    for (const c of p.certs) {
      const id = newId();
      const letter = { assistant: 'A', intermediate: 'B', senior: 'C' }[c.level];
      // This year's passes wait, some of them, for the worker to confirm the number.
      const pending = c.examYear === latestResults && !c.elsewhere && rand() < 0.2;
      certRows.push({
        id,
        workerId: ids[p.index],
        level: c.level,
        certificateNo: pending
          ? null
          : `${c.elsewhere ? 'YD' : 'ZQ'}${c.examYear}${letter}${String(++serial).padStart(5, '0')}`,
        obtainedOn: c.obtainedOn,
        issuingBody: '人力资源社会保障部、民政部',
        examYear: c.examYear,
        examRegistrationId: c.registration === null ? null : registrationIds[c.registration],
        revokedOn: c.revokedOn,
        revokeReason: c.revokedOn ? '以不正当手段取得证书，依法撤销' : '',
        createdAt: now,
        updatedAt: now,
      });
      // 登记 within months of passing, renewed every three years while the worker stays.
      if (c.revokedOn || rand() >= 0.85) continue;
      let on = dayBetween(rand, c.obtainedOn, addDays(c.obtainedOn, 180));
      while (on <= today && (p.leftOn === null || on <= p.leftOn)) {
        const due = periodEnd(on, 3);
        periodRows.push({
          qualificationId: id,
          registeredOn: on,
          renewalDueOn: due,
          registrationNo: `肇社登${on.slice(0, 4)}${String(periodRows.length + 1).padStart(5, '0')}`,
          createdAt: now,
        });
        if (rand() >= 0.85) break;
        // Renewed in the period's last two months.
        on = dayBetween(rand, addDays(due, -60), due);
      }
    }
  }

  const certifiedNow = people.filter((p) => p.leftOn === null && levelOn(p, today));
  const seniorFirst = [...certifiedNow].sort(
    (a, b) => (levelOn(b, today) === 'senior' ? 1 : 0) - (levelOn(a, today) === 'senior' ? 1 : 0) || a.index - b.index,
  );
  const thisYear = Number(today.slice(0, 4));
  // Never before the person's first certificate.
  const awarded = (p: Person, year: number) =>
    Math.max(Math.min(year, thisYear), Math.min(...p.certs.map((c) => Number(c.obtainedOn.slice(0, 4)))));
  const honourRows = [
    ...seniorFirst.slice(0, 3).map((p, i) => ({
      workerId: ids[p.index],
      kind: 'leading_talent',
      level: 'provincial',
      year: awarded(p, 2021 + 2 * i),
      awardedBy: '广东省民政厅',
    })),
    ...seniorFirst.slice(3, 12).map((p, i) => ({
      workerId: ids[p.index],
      kind: 'leading_talent',
      level: 'city',
      year: awarded(p, 2019 + (i % 6)),
      awardedBy: '肇庆市民政局',
    })),
    ...certifiedNow
      .filter(() => rand() < 0.01)
      .map((p) => ({
        workerId: ids[p.index],
        kind: 'outstanding',
        level: 'city',
        year: thisYear - 1,
        awardedBy: '肇庆市民政局',
      })),
  ].map((h) => ({ ...h, createdAt: now }));

  const dev = developmentRows(rand, { people, ids, assignments, allStations, orgs, counties, today, now });
  const pos = positionRows(rand, { people, ids, assignments, townStations, orgs, employers, today, now });

  await db.transaction(async (tx) => {
    await bulkInsert(tx, workers, workerRows);
    await bulkInsert(tx, workerEmployments, employmentRows);
    await bulkInsert(tx, stationAssignments, assignmentRows);
    await bulkInsert(tx, examRegistrations, examRows);
    await bulkInsert(tx, qualifications, certRows);
    await bulkInsert(tx, qualificationRegistrations, periodRows);
    await bulkInsert(tx, honors, honourRows);
    await dev.insert(tx);
    await pos.insert(tx);
    await insertTargets(tx, { city, counties, towns, people, now });
  });
  return {
    workers: workerRows.length,
    examRegistrations: examRows.length,
    qualifications: certRows.length,
    residents: assignments.filter((a) => a.endedOn === null).length,
  };
}

/**
 * The city's 2027 certified target split among its counties by their number of towns, and a 2025
 * total-talent target of 15% growth on 2023 rounded up to 500 — which the demo's force just misses.
 */
async function insertTargets(
  tx: Db,
  o: { city: string; counties: string[]; towns: string[]; people: Person[]; now: Date },
) {
  const baselineOn = '2023-12-31';
  const source = '演示数据：依据肇庆市社工人才队伍发展趋势设定';
  const parentId = newId();
  const rows: (typeof targets.$inferInsert)[] = [
    {
      id: parentId,
      regionCode: o.city,
      metric: 'certified',
      value: CITY_CERTIFIED_2027,
      dueOn: '2027-12-31',
      baselineValue: await countCertifiedOn(tx, [''], o.city, baselineOn),
      baselineOn,
      source,
      note: '力争2027年持证社会工作者达到2500人',
    },
  ];
  // Largest remainder, so the counties' shares add up to the city's target exactly.
  const shares = o.counties.map((c) => {
    const exact = (CITY_CERTIFIED_2027 * o.towns.filter((t) => t.startsWith(c)).length) / o.towns.length;
    return { c, value: Math.floor(exact), rest: exact - Math.floor(exact) };
  });
  let left = CITY_CERTIFIED_2027 - shares.reduce((a, s) => a + s.value, 0);
  for (const s of [...shares].sort((a, b) => b.rest - a.rest || a.c.localeCompare(b.c))) if (left-- > 0) s.value++;
  for (const s of shares) {
    rows.push({
      regionCode: s.c,
      metric: 'certified',
      value: s.value,
      dueOn: '2027-12-31',
      baselineValue: await countCertifiedOn(tx, [''], s.c, baselineOn),
      baselineOn,
      parentId,
      source,
      note: '按乡镇(街道)数分解',
    });
  }
  const employed = o.people.filter((p) =>
    p.employments.some((e) => e.startedOn <= baselineOn && (e.endedOn === null || e.endedOn >= baselineOn)),
  ).length;
  rows.push({
    regionCode: o.city,
    metric: 'total_talent',
    value: Math.ceil((employed * 1.15) / 500) * 500,
    dueOn: '2025-12-31',
    baselineValue: employed,
    baselineOn,
    source,
    note: '社会工作人才总量',
  });
  await tx.insert(targets).values(rows.map((r) => ({ ...r, createdAt: o.now, updatedAt: o.now })));
}
