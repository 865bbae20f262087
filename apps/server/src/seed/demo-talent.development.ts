import type { Db } from '../db/client.ts';
import { newId } from '../db/columns.ts';
import { supervisionSessions, supervisionSupervisees, trainingRecords } from '../modules/talent/development.table.ts';
import { positionHolders, positions } from '../modules/talent/positions.table.ts';
import { addDays, daysInclusive } from '../modules/talent/talent.rules.ts';
import { bulkInsert } from './bulk-insert.ts';
import type { Assignment, Org, Station } from './demo-talent.seed.ts';
import { dayBetween, levelOn, maxDay, minDay, type Person } from './demo-talent.story.ts';

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

const COURSES = [
  { course: '心理健康社会工作实务培训', provider: '中国社会工作联合会康复医学工作委员会' },
  { course: '社会工作者继续教育(通用科目)', provider: '广东省社会工作师联合会' },
  { course: '个案管理与危机干预', provider: '肇庆社会工作职业学院' },
  { course: '乡镇(街道)社工站站长能力提升班', provider: '肇庆市社会工作协会' },
  { course: '儿童保护与家庭社会工作', provider: '肇庆社会工作职业学院' },
  { course: '社区矫正与禁毒社会工作', provider: '广东省社会工作师联合会' },
];
const TOPICS = [
  '个案评估',
  '危机干预',
  '服务记录规范',
  '社区资源链接',
  '团体工作设计',
  '长者服务',
  '自我照顾与情绪支持',
  '项目成效评估',
];
const OUTSIDE_SUPERVISORS = ['外聘督导 陈甲一(高校教师)', '外聘督导 林乙五(省级督导)', '外聘督导 何丙三(资深社工)'];

/**
 * This year's continuing education: trainings for certified and resident workers (about a third
 * fall short of the yearly hours by the year's end, everyone is short early in the year), and
 * monthly group and individual supervision in every county.
 */
export function developmentRows(
  rand: Rand,
  o: {
    people: Person[];
    ids: string[];
    assignments: Assignment[];
    allStations: Station[];
    orgs: Org[];
    counties: string[];
    today: string;
    now: Date;
  },
) {
  const year = o.today.slice(0, 4);
  const firstDay = `${year}-01-05`;
  const lastDay = addDays(o.today, -1);
  const trainings: (typeof trainingRecords.$inferInsert)[] = [];
  const sessions: (typeof supervisionSessions.$inferInsert)[] = [];
  const supervisees: (typeof supervisionSupervisees.$inferInsert)[] = [];
  if (lastDay < addDays(firstDay, 10)) return { insert: async (_: Db) => {}, trainings, sessions };
  const elapsed = daysInclusive(`${year}-01-01`, o.today) / 365;
  const school = o.orgs.find((x) => x.name === '肇庆社会工作职业学院');
  const current = (p: Person) => p.leftOn === null && p.employments.at(-1)!.endedOn === null;
  const residents = new Set(o.assignments.filter((a) => a.endedOn === null).map((a) => a.person));
  const learners = o.people.filter((p) => current(p) && (levelOn(p, o.today) || residents.has(p)));
  let serial = 0;
  for (const p of learners) {
    let hours = Math.round((40 + rand() * 75) * elapsed);
    const joined = maxDay(firstDay, p.employments.at(-1)!.startedOn);
    while (hours >= 4) {
      const h = Math.min(hours, pick(rand, [12, 16, 24, 24, 32]));
      const days = Math.ceil(h / 8);
      const latestStart = addDays(lastDay, 1 - days);
      if (latestStart < joined) break;
      const startedOn = dayBetween(rand, joined, latestStart);
      const c = pick(rand, COURSES);
      trainings.push({
        workerId: o.ids[p.index],
        regionCode: p.employments.at(-1)!.town,
        course: c.course,
        provider: c.provider,
        providerOrganizationId: school && c.provider === school.name ? school.id : null,
        startedOn,
        endedOn: addDays(startedOn, days - 1),
        hours: h,
        credits: Math.round((h / 8) * 10) / 10,
        certificateNo: rand() < 0.5 ? `PX${year}${String(++serial).padStart(5, '0')}` : '',
        createdAt: o.now,
        updatedAt: o.now,
      });
      hours -= h;
    }
  }

  const months = Number(lastDay.slice(5, 7));
  for (const county of o.counties) {
    const here = learners.filter((p) => p.employments.at(-1)!.town.startsWith(county));
    const seniors = here.filter((p) => levelOn(p, o.today) === 'senior' || levelOn(p, o.today) === 'intermediate');
    const places = o.allStations.filter(
      (s) => s.status === 'operating' && s.regionCode.startsWith(county) && (s.kind === 'hub' || s.kind === 'town'),
    );
    if (!here.length || !places.length) continue;
    for (let m = 1; m <= months; m++) {
      const monthStart = `${year}-${String(m).padStart(2, '0')}-01`;
      const monthEnd = m === months ? lastDay : addDays(`${year}-${String(m + 1).padStart(2, '0')}-01`, -1);
      for (const mode of ['group', 'group', 'individual'] as const) {
        const supervisor = seniors.length && rand() < 0.7 ? pick(rand, seniors) : null;
        const pool = here.filter((p) => p !== supervisor);
        const chosen = new Set<Person>();
        const size = mode === 'individual' ? 1 : 3 + Math.floor(rand() * 6);
        for (let i = 0; i < size * 3 && chosen.size < Math.min(size, pool.length); i++) chosen.add(pick(rand, pool));
        if (!chosen.size) continue;
        const station = pick(rand, places);
        const id = newId();
        sessions.push({
          id,
          regionCode: station.regionCode,
          supervisorId: supervisor ? o.ids[supervisor.index] : null,
          supervisorName: supervisor ? supervisor.name : pick(rand, OUTSIDE_SUPERVISORS),
          stationId: station.id,
          heldOn: dayBetween(rand, monthStart, monthEnd),
          hours: mode === 'group' ? 2 + Math.floor(rand() * 3) : 1.5,
          mode,
          topics: [pick(rand, TOPICS), pick(rand, TOPICS)].filter((t, i, a) => a.indexOf(t) === i),
          createdAt: o.now,
          updatedAt: o.now,
        });
        for (const p of chosen) supervisees.push({ sessionId: id, workerId: o.ids[p.index], createdAt: o.now });
      }
    }
  }
  return {
    trainings,
    sessions,
    insert: async (tx: Db) => {
      await bulkInsert(tx, trainingRecords, trainings);
      await bulkInsert(tx, supervisionSessions, sessions);
      await bulkInsert(tx, supervisionSupervisees, supervisees);
    },
  };
}

/**
 * Positions: one resident post per resident worker at each town station (vacated when an earlier
 * resident left, some never filled), and a supervisor post at each agency, filled by one of its
 * certified workers of intermediate level or above when it has one.
 */
export function positionRows(
  rand: Rand,
  o: {
    people: Person[];
    ids: string[];
    assignments: Assignment[];
    townStations: Station[];
    orgs: Org[];
    employers: { org: string | null }[][];
    today: string;
    now: Date;
  },
) {
  const posts: (typeof positions.$inferInsert)[] = [];
  const holders: (typeof positionHolders.$inferInsert)[] = [];
  const post = (s: Station, established: string) => {
    const id = newId();
    posts.push({
      id,
      regionCode: s.regionCode,
      organizationId: s.organizationId,
      stationId: s.id,
      title: '驻站社工岗',
      level: rand() < 0.6 ? 'assistant' : 'none',
      fundedBy: pick(rand, ['purchase', 'purchase', 'purchase', 'fiscal', 'lottery']),
      establishedOn: established,
      createdAt: o.now,
      updatedAt: o.now,
    });
    return id;
  };
  for (const s of o.townStations) {
    const opened = s.openedOn ?? '2021-01-01';
    const here = o.assignments.filter((a) => a.station === s);
    for (const a of here) {
      const positionId = post(s, minDay(opened, a.startedOn));
      holders.push({
        positionId,
        workerId: o.ids[a.person.index],
        startedOn: a.startedOn,
        endedOn: a.endedOn,
        createdAt: o.now,
      });
    }
    if (rand() < 0.35 && opened <= o.today) post(s, opened);
  }
  for (const org of o.orgs.filter((x) => x.type === 'agency')) {
    const id = newId();
    const staff = o.people.filter(
      (p) =>
        p.leftOn === null &&
        o.employers[p.index].at(-1)!.org === org.id &&
        ['intermediate', 'senior'].includes(levelOn(p, o.today) ?? ''),
    );
    const holder = staff.length ? staff[0] : null;
    const startedOn = holder
      ? maxDay(
          maxDay(holder.employments.at(-1)!.startedOn, holder.certs.map((c) => c.obtainedOn).sort()[0]),
          '2020-01-01',
        )
      : null;
    posts.push({
      id,
      regionCode: org.regionCode,
      organizationId: org.id,
      title: '项目督导岗',
      level: 'intermediate',
      fundedBy: rand() < 0.5 ? 'organization' : 'purchase',
      establishedOn: '2020-01-01',
      createdAt: o.now,
      updatedAt: o.now,
    });
    if (holder && startedOn)
      holders.push({ positionId: id, workerId: o.ids[holder.index], startedOn, createdAt: o.now });
  }
  return {
    posts,
    holders,
    insert: async (tx: Db) => {
      await bulkInsert(tx, positions, posts);
      await bulkInsert(tx, positionHolders, holders);
    },
  };
}
