import { addDays, EXAM_SUBJECTS, type Level, validOn } from '../modules/talent/talent.rules.ts';
import { fakeIdNumber, fakeMobile, fakeName, fakeSex } from './fake-people.ts';

type Rand = () => number;

/*
 * 肇庆's talent story as told by the source article (中国社会工作联合会, 2024): certified social
 * workers "从2008年仅13人激增至2023年966人", and "2024年报考…4873人，比2023年增加1149人" — so 3,724
 * in 2023. Those four figures are exact; the years between follow a smooth curve and 2025–2026
 * continue the 2024 surge. The article's figures imply that only about one registrant in ten to
 * fourteen becomes newly certified each year: about a quarter stay away, and of those sitting the
 * assistant level passes one in seven to ten, the intermediate one in nine to twelve. The
 * simulation draws exactly the year's newly certified from first-time candidates and lets
 * upgrades (assistant → intermediate → senior) pass at their own rate.
 */
export const STORY: Record<number, { registrations: number; certified: number }> = {
  2008: { registrations: 96, certified: 13 },
  2009: { registrations: 72, certified: 20 },
  2010: { registrations: 80, certified: 28 },
  2011: { registrations: 92, certified: 37 },
  2012: { registrations: 108, certified: 48 },
  2013: { registrations: 126, certified: 61 },
  2014: { registrations: 150, certified: 76 },
  2015: { registrations: 186, certified: 95 },
  2016: { registrations: 240, certified: 120 },
  2017: { registrations: 318, certified: 152 },
  2018: { registrations: 430, certified: 195 },
  2019: { registrations: 580, certified: 250 },
  2020: { registrations: 790, certified: 320 },
  2021: { registrations: 1120, certified: 412 },
  2022: { registrations: 2575, certified: 680 },
  2023: { registrations: 3724, certified: 966 },
  2024: { registrations: 4873, certified: 1290 },
  2025: { registrations: 5120, certified: 1630 },
  2026: { registrations: 5260, certified: 1985 },
};
export const FIRST_YEAR = 2008;
export const LAST_YEAR = 2026;
/** Registration closes in April, results come out in September (the certificate's date). */
const REGISTRATION_CLOSES = '04-15';
const RESULTS_ON = '09-15';
/** Years in which one certificate was revoked (counted among the year's losses). */
const REVOCATIONS = new Set([2019, 2022]);
/** Certified people who came from elsewhere with their certificate. */
const MOVED_IN = new Set([2016, 2019, 2021, 2024, 2025]);

export type Category = 'professional' | 'community_worker' | 'party_government' | 'volunteer';
export interface Employment {
  town: string;
  startedOn: string;
  endedOn: string | null;
}
export interface Certificate {
  level: Level;
  obtainedOn: string;
  examYear: number;
  registration: number | null;
  validUntil: null;
  revokedOn: string | null;
  elsewhere: boolean;
}
export interface Person {
  index: number;
  name: string;
  sex: '1' | '2';
  birthDate: string;
  idNumber: string;
  phone: string | null;
  education: string;
  major: string;
  category: Category;
  joinedOn: string;
  leftOn: string | null;
  employments: Employment[];
  certs: Certificate[];
  /** Sat the exam without passing and may try again. */
  retakeLevel: Level | null;
}
export interface Registration {
  person: number;
  year: number;
  level: Level;
  town: string;
  registeredOn: string;
  result: 'pending' | 'passed' | 'failed' | 'absent';
  resultOn: string | null;
  subjectsPassed: string[];
}

const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
/** A day from `from` to `to` inclusive (YYYY-MM-DD). */
export function dayBetween(rand: Rand, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return iso(a + Math.floor(rand() * ((b - a) / 86_400_000 + 1)) * 86_400_000);
}
export const minDay = (a: string, b: string) => (a < b ? a : b);
export const maxDay = (a: string, b: string) => (a > b ? a : b);
function shuffle<T>(rand: Rand, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

export const townOn = (p: Person, day: string) =>
  p.employments.find((e) => e.startedOn <= day && (e.endedOn === null || e.endedOn >= day))?.town ?? null;
export const levelOn = (p: Person, day: string): Level | null => {
  let best: Level | null = null;
  for (const c of p.certs)
    if (validOn({ ...c, validUntil: null }, day) && (!best || rank(c.level) > rank(best))) best = c.level;
  return best;
};
const rank = (l: Level) => ({ assistant: 1, intermediate: 2, senior: 3 })[l];
const isActive = (p: Person, day: string) => p.joinedOn <= day && (p.leftOn === null || p.leftOn >= day);

/** What the as-of statistics will count: people employed in the city on `day` with a valid certificate. */
export function certifiedOn(people: readonly Person[], day: string): number {
  return people.filter((p) => townOn(p, day) !== null && levelOn(p, day) !== null).length;
}

/**
 * Plays the story year by year up to `today`: people join, sit the exam, pass, fail and retry,
 * upgrade, move between counties, and leave. Every figure of STORY for a finished year holds
 * exactly; a year whose registration or results lie after `today` is left out or pending.
 */
export function playStory(rand: Rand, towns: readonly string[], today: string) {
  const people: Person[] = [];
  const registrations: Registration[] = [];
  const taken = new Set<string>();
  const EDUCATION: [string, number][] = [
    ['10', 0.05],
    ['20', 0.45],
    ['30', 0.4],
    ['40', 0.06],
    ['60', 0.04],
  ];
  const education = () => {
    let r = rand();
    for (const [code, w] of EDUCATION) {
      r -= w;
      if (r < 0) return code;
    }
    return '20';
  };
  const newPerson = (category: Category, joinedOn: string, town: string): Person => {
    const sex = fakeSex(rand);
    const age = 21 + Math.floor(rand() * 28);
    const birthDate = dayBetween(
      rand,
      `${Number(joinedOn.slice(0, 4)) - age}-01-01`,
      `${Number(joinedOn.slice(0, 4)) - age}-12-28`,
    );
    const edu = education();
    const p: Person = {
      index: people.length,
      name: fakeName(rand),
      sex,
      birthDate,
      idNumber: fakeIdNumber(rand, birthDate, sex, taken),
      phone: rand() < 0.95 ? fakeMobile(rand) : null,
      education: edu,
      major:
        category === 'professional' && rand() < 0.6
          ? '社会工作'
          : rand() < 0.3
            ? '社会学'
            : rand() < 0.4
              ? '心理学'
              : '',
      category,
      joinedOn,
      leftOn: null,
      employments: [{ town, startedOn: joinedOn, endedOn: null }],
      certs: [],
      retakeLevel: null,
    };
    people.push(p);
    return p;
  };
  const leave = (p: Person, on: string) => {
    p.leftOn = on;
    for (const e of p.employments) if (e.endedOn === null) e.endedOn = on < e.startedOn ? e.startedOn : on;
  };
  const candidateCategory = (): Category => {
    const r = rand();
    return r < 0.45 ? 'professional' : r < 0.9 ? 'community_worker' : r < 0.94 ? 'party_government' : 'volunteer';
  };

  // Staff in social-work posts and trained volunteers who never sat the exam.
  for (let i = 0; i < 500; i++) {
    const joinedOn = dayBetween(rand, '2012-01-01', minDay('2026-06-30', addDays(today, -1)));
    const p = newPerson(i < 200 ? 'party_government' : 'volunteer', joinedOn, towns[Math.floor(rand() * towns.length)]);
    if (rand() < 0.12) leave(p, dayBetween(rand, joinedOn, addDays(today, -1)));
  }

  let previous = 0;
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    const closes = `${year}-${REGISTRATION_CLOSES}`;
    if (closes > today) break;
    const resultOn = `${year}-${RESULTS_ON}`;
    const published = resultOn <= today;
    const yearEnd = minDay(`${year}-12-20`, today);
    const startOfYear = `${year}-01-10`;
    const active = () => people.filter((p) => isActive(p, closes) && p.leftOn === null);

    // Losses among last year's certified: departures, and a revoked certificate in some years.
    const certifiedBefore = shuffle(
      rand,
      active().filter((p) => levelOn(p, `${year - 1}-12-31`) !== null && townOn(p, `${year - 1}-12-31`) !== null),
    );
    const revoked = REVOCATIONS.has(year) ? certifiedBefore.filter((p) => p.certs.length === 1).slice(0, 1) : [];
    for (const p of revoked) p.certs[0].revokedOn = dayBetween(rand, startOfYear, yearEnd);
    const departures = year === FIRST_YEAR ? 0 : Math.round(previous * 0.012);
    const departing = certifiedBefore.filter((p) => !revoked.includes(p)).slice(0, departures);
    for (const p of departing) leave(p, dayBetween(rand, startOfYear, yearEnd));
    const excluded = new Set([...revoked, ...departing]);

    // Moves between towns in the second half of the year (registration comes first).
    if (year >= 2012 && `${year}-07-01` <= today) {
      for (const p of active()) {
        if (excluded.has(p) || rand() >= 0.02) continue;
        const on = dayBetween(rand, `${year}-07-01`, yearEnd);
        const current = p.employments.at(-1)!;
        if (on <= current.startedOn) continue;
        current.endedOn = addDays(on, -1);
        p.employments.push({ town: towns[Math.floor(rand() * towns.length)], startedOn: on, endedOn: null });
      }
    }

    // Certified people who came with a certificate obtained elsewhere.
    const movedIn = MOVED_IN.has(year) ? 1 : 0;
    for (let i = 0; i < movedIn; i++) {
      const p = newPerson(
        'professional',
        dayBetween(rand, `${year}-02-01`, `${year}-03-31`),
        towns[Math.floor(rand() * towns.length)],
      );
      p.certs.push({
        level: rand() < 0.5 ? 'intermediate' : 'assistant',
        obtainedOn: `${year - 2}-${RESULTS_ON}`,
        examYear: year - 2,
        registration: null,
        validUntil: null,
        revokedOn: null,
        elsewhere: true,
      });
      excluded.add(p);
    }

    // This year's candidates: upgraders, those trying again, and newcomers up to the story's figure.
    const target = STORY[year].registrations;
    const sitting: { p: Person; level: Level }[] = [];
    for (const p of active()) {
      if (excluded.has(p)) continue;
      const level = levelOn(p, closes);
      if (level === 'assistant' && rand() < 0.12) sitting.push({ p, level: 'intermediate' });
      else if (
        level === 'intermediate' &&
        year >= 2018 &&
        p.certs.some((c) => c.level === 'intermediate' && c.examYear <= year - 3) &&
        rand() < 0.08
      )
        sitting.push({ p, level: 'senior' });
      else if (!level && p.retakeLevel) {
        if (rand() < 0.85) sitting.push({ p, level: p.retakeLevel });
        else {
          p.retakeLevel = null;
          if (rand() < 0.7 && `${year}-06-01` <= today) leave(p, dayBetween(rand, `${year}-06-01`, yearEnd));
        }
      }
    }
    shuffle(rand, sitting).splice(target);
    while (sitting.length < target) {
      const joinedOn = dayBetween(rand, `${year - 1 - Math.floor(rand() * 3)}-03-01`, `${year}-02-28`);
      sitting.push({
        p: newPerson(candidateCategory(), joinedOn, towns[Math.floor(rand() * towns.length)]),
        level: rand() < 0.78 ? 'assistant' : 'intermediate',
      });
    }

    const present = sitting.map((s) => ({ ...s, absent: rand() < (s.p.certs.length ? 0.1 : 0.24) }));
    const newlyNeeded = STORY[year].certified - previous + revoked.length + departing.length - movedIn;
    // Weighted draw (key = u^(1/w)): the assistant level passes more readily as the intermediate.
    const firstTimers = present
      .filter((s) => !s.absent && s.p.certs.length === 0)
      .map((s) => ({ s, key: rand() ** (1 / (s.level === 'assistant' ? 1.5 : 1)) }))
      .sort((a, b) => b.key - a.key)
      .map((x) => x.s);
    if (published && firstTimers.length < newlyNeeded)
      throw new Error(`The story cannot certify ${newlyNeeded} in ${year}`);
    const passing = new Set(published ? firstTimers.slice(0, newlyNeeded).map((s) => s.p) : []);
    for (const s of present) {
      const subjects = EXAM_SUBJECTS[s.level];
      const passed =
        published && !s.absent && (s.p.certs.length ? rand() < (s.level === 'senior' ? 0.3 : 0.2) : passing.has(s.p));
      const result = !published ? 'pending' : s.absent ? 'absent' : passed ? 'passed' : 'failed';
      const subjectsPassed =
        result === 'passed'
          ? [...subjects]
          : result === 'failed'
            ? subjects.filter(() => rand() < 0.35).slice(0, subjects.length - 1)
            : [];
      const registeredOn = dayBetween(rand, `${year}-03-10`, minDay(closes, today));
      const index =
        registrations.push({
          person: s.p.index,
          year,
          level: s.level,
          town: townOn(s.p, registeredOn)!,
          registeredOn,
          result,
          resultOn: published ? resultOn : null,
          subjectsPassed,
        }) - 1;
      if (result === 'passed') {
        s.p.certs.push({
          level: s.level,
          obtainedOn: resultOn,
          examYear: year,
          registration: index,
          validUntil: null,
          revokedOn: null,
          elsewhere: false,
        });
        s.p.retakeLevel = null;
      } else if (!s.p.certs.length) s.p.retakeLevel = s.level;
    }
    if (published && `${year}-12-31` <= today) {
      const counted = certifiedOn(people, `${year}-12-31`);
      if (counted !== STORY[year].certified)
        throw new Error(`The story counts ${counted} certified at the end of ${year}, not ${STORY[year].certified}`);
    }
    previous = published ? STORY[year].certified : previous;
  }
  return { people, registrations };
}
