/**
 * The province-sized talent register of bench:talent, written straight into the tables in
 * column batches (`insert … select * from unnest($1::uuid[], …)`), not through the API: the
 * bench times reading it, and 50,000 people through the service would take longer than the reads.
 * Seeded, so every run builds the same register.
 */
import type { Pool } from 'pg';
import { newId } from '../apps/server/src/db/columns.ts';
import type { PiiCipher } from '../apps/server/src/platform/pii.ts';

export const FIRST_EXAM_YEAR = 2017;

/** A seeded generator, so every run builds the same people. */
export function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const toDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const fromDay = (d: string) => Date.parse(`${d}T00:00:00Z`);
const addDays = (d: string, n: number) => toDay(fromDay(d) + n * DAY);

/** GB 11643 check digit, so the ID numbers look like the ones an import would accept. */
function idNumber(area: string, birth: string, seq: number): string {
  const body = `${area}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(body[i]) * w[i];
  return body + '10X98765432'[s % 11];
}

/** Inserts rows column by column through unnest, `chunk` rows per statement. */
async function insertColumns(
  pool: Pool,
  table: string,
  columns: [string, string][],
  rows: unknown[][],
  chunk = 20_000,
) {
  const names = columns.map(([n]) => n).join(', ');
  const unnest = columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ');
  for (let from = 0; from < rows.length; from += chunk) {
    const part = rows.slice(from, from + chunk);
    await pool.query(
      `insert into ${table} (${names}) select * from unnest(${unnest})`,
      columns.map((_, c) => part.map((r) => r[c])),
    );
  }
}

export interface RegisterCounts {
  stations: number;
  workers: number;
  left: number;
  movers: number;
  employments: number;
  assignments: number;
  qualifications: number;
  registrationPeriods: number;
  examRegistrations: number;
  /** Workers by city (first 4 digits of their first place of work), for splitting the targets. */
  byCity: Map<string, number>;
}

const CATEGORIES = [
  ['professional', 0.45],
  ['community_worker', 0.35],
  ['party_government', 0.1],
  ['volunteer', 0.1],
] as const;
const LEVELS = ['assistant', 'intermediate', 'senior'] as const;

export async function buildRegister(
  pool: Pool,
  pii: PiiCipher,
  province: string,
  workerCount: number,
  today: string,
): Promise<RegisterCounts> {
  const rnd = mulberry32(20261201);
  const int = (n: number) => Math.floor(rnd() * n);
  const one = <T>(xs: readonly T[]) => xs[int(xs.length)];
  const dayBetween = (a: string, b: string) =>
    toDay(fromDay(a) + int(Math.max(1, (fromDay(b) - fromDay(a)) / DAY)) * DAY);

  const places = (
    await pool.query<{ code: string; level: number }>(
      `select code, level from regions where code like $1 and level in (4, 5) and kind <> 'placeholder'`,
      [`${province}%`],
    )
  ).rows;
  const towns = places.filter((p) => p.level === 4).map((p) => p.code);
  const villages = places.filter((p) => p.level === 5).map((p) => p.code);
  const byCityPlaces = new Map<string, string[]>();
  for (const p of places)
    byCityPlaces.set(p.code.slice(0, 4), [...(byCityPlaces.get(p.code.slice(0, 4)) ?? []), p.code]);
  const cities = [...byCityPlaces.keys()];
  const somewhere = () => (rnd() < 0.3 ? one(towns) : one(villages));

  // Town stations on half the towns, community rooms on one village in eight.
  const stationRows = [
    ...towns.filter(() => rnd() < 0.5).map((code, i) => [newId(), 'town', code, `乡镇社工站${i}`, 'operating']),
    ...villages.filter(() => rnd() < 0.125).map((code, i) => [newId(), 'community', code, `社工室${i}`, 'operating']),
  ];
  await insertColumns(
    pool,
    'stations',
    [
      ['id', 'uuid'],
      ['kind', 'text'],
      ['region_code', 'text'],
      ['name', 'text'],
      ['status', 'text'],
    ],
    stationRows,
  );

  const workers: unknown[][] = [];
  const employments: unknown[][] = [];
  const assignments: unknown[][] = [];
  const quals: unknown[][] = [];
  const periods: unknown[][] = [];
  const exams: unknown[][] = [];
  const ids = new Set<string>();
  const byCity = new Map<string, number>();
  let left = 0;
  let movers = 0;
  let certNo = 0;
  const lastDay = addDays(today, -1);

  const addQualification = (
    workerId: string,
    level: string,
    obtainedOn: string,
    examYear: number,
    examRegistrationId: string | null,
  ) => {
    const id = newId();
    const revokedOn = rnd() < 0.01 ? dayBetween(obtainedOn, today) : null;
    quals.push([
      id,
      workerId,
      level,
      rnd() < 0.85 ? `${province}${String(++certNo).padStart(8, '0')}` : null,
      obtainedOn,
      '人力资源和社会保障部',
      examYear,
      examRegistrationId,
      revokedOn,
    ]);
    // Registration periods of three years, mostly renewed on time, some lapsed.
    for (let start = addDays(obtainedOn, 30 + int(90)); start <= lastDay; start = addDays(start, 3 * 365 + int(60))) {
      periods.push([newId(), id, start, addDays(start, 3 * 365 - 1), `DJ${certNo}-${start.slice(0, 4)}`]);
      if (rnd() < 0.15) break;
    }
  };

  for (let i = 0; i < workerCount; i++) {
    const id = newId();
    const stationed = rnd() < 0.35 ? one(stationRows) : null;
    const first = stationed ? (stationed[2] as string) : somewhere();
    byCity.set(first.slice(0, 4), (byCity.get(first.slice(0, 4)) ?? 0) + 1);
    // Most of the force was already there when the ten exam years on record began.
    const joinedOn =
      rnd() < 0.7
        ? dayBetween('2008-01-01', `${FIRST_EXAM_YEAR - 1}-12-31`)
        : dayBetween(`${FIRST_EXAM_YEAR}-01-01`, addDays(today, -60));
    const birth = dayBetween('1965-01-01', '2002-12-31');
    let seq = int(1000);
    let idNo = idNumber(first.slice(0, 6), birth, seq);
    while (ids.has(idNo)) {
      seq = (seq + 1) % 1000;
      idNo = idNumber(first.slice(0, 6), birth, seq);
    }
    ids.add(idNo);
    const category = (() => {
      let r = rnd();
      for (const [c, w] of CATEGORIES) {
        r -= w;
        if (r < 0) return c;
      }
      return 'professional';
    })();

    // Employment: one place; a quarter move once (a third of those to another city); some leave.
    const moveOn =
      rnd() < 0.25 && fromDay(joinedOn) + 200 * DAY < fromDay(today)
        ? dayBetween(addDays(joinedOn, 180), lastDay)
        : null;
    const leftOn = rnd() < 0.12 ? dayBetween(addDays(moveOn ?? joinedOn, 30), lastDay) : null;
    const second = moveOn
      ? rnd() < 0.3
        ? one(byCityPlaces.get(one(cities)) as string[])
        : one(byCityPlaces.get(first.slice(0, 4)) as string[])
      : null;
    if (moveOn) movers++;
    if (leftOn) left++;
    const current = second ?? first;
    employments.push([newId(), id, first, '社工', joinedOn, moveOn ? addDays(moveOn, -1) : leftOn]);
    if (moveOn && second) employments.push([newId(), id, second, '社工', moveOn, leftOn]);
    if (stationed)
      assignments.push([newId(), id, stationed[0], first, joinedOn, moveOn ? addDays(moveOn, -1) : leftOn]);
    workers.push([
      id,
      current,
      `社工${i}`,
      rnd() < 0.62 ? '2' : '1',
      birth,
      pii.encrypt(idNo),
      pii.hash(idNo),
      category,
      '社工',
      leftOn ? 'left' : 'active',
      joinedOn,
      leftOn,
    ]);
    const placeOn = (day: string) => (moveOn && day >= moveOn ? (second as string) : first);
    const activeOn = (day: string) => joinedOn <= day && (leftOn === null || leftOn >= day);

    // Certificates from before the exam years on record, then ten yearly exams.
    let held = 0;
    if (joinedOn < `${FIRST_EXAM_YEAR}-01-01` && rnd() < 0.3) {
      const on = dayBetween(joinedOn, `${FIRST_EXAM_YEAR - 1}-12-31`);
      addQualification(id, 'assistant', on, Number(on.slice(0, 4)), null);
      held = 1;
      if (rnd() < 0.15) {
        addQualification(id, 'intermediate', on, Number(on.slice(0, 4)), null);
        held = 2;
      }
    }
    let heldSince = held ? FIRST_EXAM_YEAR - 1 : 0;
    const lastYear = Number(today.slice(0, 4));
    for (let year = FIRST_EXAM_YEAR; year <= lastYear; year++) {
      const examDay = `${year}-06-15`;
      if (!activeOn(examDay) || held === 3) continue;
      const level = held + 1;
      const wants =
        level === 1 ? 0.9 : level === 2 ? (year - heldSince >= 1 ? 0.7 : 0) : year - heldSince >= 3 ? 0.08 : 0;
      const levels = rnd() < wants ? [level] : [];
      // Some sit the next level in the same year as well (a separate registration).
      if (levels.length && level === 1 && rnd() < 0.08) levels.push(2);
      for (const l of levels) {
        const regId = newId();
        const r = rnd();
        // Pass rates near the national ones: most people sit several years before passing.
        const passRate = l === 1 ? 0.2 : l === 2 ? 0.16 : 0.3;
        const result =
          year === lastYear && today < `${year}-11-20`
            ? 'pending'
            : r < passRate
              ? 'passed'
              : r < passRate + 0.12
                ? 'absent'
                : 'failed';
        const resultOn = result === 'pending' ? null : `${year}-11-20`;
        exams.push([
          regId,
          id,
          placeOn(examDay),
          year,
          LEVELS[l - 1],
          `${year}-04-${String(1 + int(20)).padStart(2, '0')}`,
          result,
          resultOn,
        ]);
        if (result === 'passed' && l > held) {
          addQualification(id, LEVELS[l - 1], resultOn as string, year, regId);
          held = l;
          heldSince = year;
        }
      }
    }
  }

  await insertColumns(
    pool,
    'workers',
    [
      ['id', 'uuid'],
      ['region_code', 'text'],
      ['name', 'text'],
      ['sex', 'text'],
      ['birth_date', 'date'],
      ['id_number_enc', 'text'],
      ['id_number_hash', 'text'],
      ['category', 'text'],
      ['job_title', 'text'],
      ['status', 'text'],
      ['joined_on', 'date'],
      ['left_on', 'date'],
    ],
    workers,
  );
  await insertColumns(
    pool,
    'worker_employments',
    [
      ['id', 'uuid'],
      ['worker_id', 'uuid'],
      ['region_code', 'text'],
      ['job_title', 'text'],
      ['started_on', 'date'],
      ['ended_on', 'date'],
    ],
    employments,
  );
  await insertColumns(
    pool,
    'station_assignments',
    [
      ['id', 'uuid'],
      ['worker_id', 'uuid'],
      ['station_id', 'uuid'],
      ['region_code', 'text'],
      ['started_on', 'date'],
      ['ended_on', 'date'],
    ],
    assignments,
  );
  await insertColumns(
    pool,
    'exam_registrations',
    [
      ['id', 'uuid'],
      ['worker_id', 'uuid'],
      ['region_code', 'text'],
      ['year', 'int2'],
      ['level', 'text'],
      ['registered_on', 'date'],
      ['result', 'text'],
      ['result_on', 'date'],
    ],
    exams,
  );
  await insertColumns(
    pool,
    'qualifications',
    [
      ['id', 'uuid'],
      ['worker_id', 'uuid'],
      ['level', 'text'],
      ['certificate_no', 'text'],
      ['obtained_on', 'date'],
      ['issuing_body', 'text'],
      ['exam_year', 'int2'],
      ['exam_registration_id', 'uuid'],
      ['revoked_on', 'date'],
    ],
    quals,
  );
  await insertColumns(
    pool,
    'qualification_registrations',
    [
      ['id', 'uuid'],
      ['qualification_id', 'uuid'],
      ['registered_on', 'date'],
      ['renewal_due_on', 'date'],
      ['registration_no', 'text'],
    ],
    periods,
  );
  await pool.query('ANALYZE');
  return {
    stations: stationRows.length,
    workers: workers.length,
    left,
    movers,
    employments: employments.length,
    assignments: assignments.length,
    qualifications: quals.length,
    registrationPeriods: periods.length,
    examRegistrations: exams.length,
    byCity,
  };
}
