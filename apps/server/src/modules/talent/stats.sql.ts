import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/sql.ts';
import { scopeWhere } from '../../platform/access.ts';

/*
 * The aggregates of the talent pipeline, written as SQL a reviewer can read. Every figure is a
 * count of DISTINCT people (or positions) on a day D, replayed from the dated periods:
 * a period holds on D when `started_on <= D and (ended_on is null or ended_on >= D)`.
 * `region` is a code prefix ('' = the whole country); `childLength` the code length of the
 * next level down, so each query also answers one row per child region (drill-down) through
 * a second grouping — a person working in two child regions counts once in each child and once
 * in the region itself. The caller's scope is applied again inside every query.
 */

/** The asked region and below ('' = the whole country), by the same prefix rule as the scope. */
const under = (column: SQL, region: string) => scopeWhere(column, [region]);

/** Highest certificate rank valid on the day: 1 assistant, 2 intermediate, 3 senior. */
const RANK = sql`max(case q.level when 'assistant' then 1 when 'intermediate' then 2 when 'senior' then 3 end)`;

/** The figures of a set of (day, person) rows, each person at most once per group. */
const FIGURES = sql.raw(`count(*)::int as talent,
        count(*) filter (where rank is not null)::int as certified,
        count(*) filter (where rank = 1)::int as assistant,
        count(*) filter (where rank = 2)::int as intermediate,
        count(*) filter (where rank = 3)::int as senior,
        count(*) filter (where category = 'professional')::int as professional,
        count(*) filter (where category = 'community_worker')::int as community_worker,
        count(*) filter (where category = 'party_government')::int as party_government,
        count(*) filter (where category = 'volunteer')::int as volunteer`);

export interface HeadcountRow {
  day: string;
  /** null: the region itself; otherwise a child region's code. */
  child: string | null;
  talent: number;
  certified: number;
  assistant: number;
  intermediate: number;
  senior: number;
  professional: number;
  communityWorker: number;
  partyGovernment: number;
  volunteer: number;
  resident: number;
  residentQualified: number;
}

/** People in the register, certified (by highest level) and resident at a station, per day and child region. */
export async function headcounts(
  db: Db,
  scopes: readonly string[],
  region: string,
  days: readonly string[],
  childLength: number,
): Promise<HeadcountRow[]> {
  const rows = await queryRows<HeadcountRow>(
    db,
    sql`
    with days(day) as (select unnest(${`{${days.join(',')}}`}::date[])),
    -- employed in the region on the day, and not yet left the register
    present as (
      select distinct d.day, e.worker_id, left(e.region_code, ${childLength}) as child, w.category
      from days d
        join worker_employments e on e.started_on <= d.day and (e.ended_on is null or e.ended_on >= d.day)
        join workers w on w.id = e.worker_id and (w.left_on is null or w.left_on >= d.day)
      where ${under(sql`e.region_code`, region)} and ${scopeWhere(sql`e.region_code`, scopes)}
    ),
    -- resident at a station of the region on the day
    resident as (
      select distinct d.day, a.worker_id, left(a.region_code, ${childLength}) as child
      from days d
        join station_assignments a on a.started_on <= d.day and (a.ended_on is null or a.ended_on >= d.day)
        join workers w on w.id = a.worker_id and (w.left_on is null or w.left_on >= d.day)
      where ${under(sql`a.region_code`, region)} and ${scopeWhere(sql`a.region_code`, scopes)}
    ),
    people as (select day, worker_id from present union select day, worker_id from resident),
    -- each person's highest certificate valid on the day (revoked from revoked_on)
    levels as (
      select p.day, p.worker_id, ${RANK} as rank
      from people p
        join qualifications q on q.worker_id = p.worker_id
      where q.obtained_on <= p.day and (q.valid_until is null or q.valid_until >= p.day) and (q.revoked_on is null or q.revoked_on > p.day)
      group by p.day, p.worker_id
    ),
    -- one row per person, child region and day (present is distinct on them)
    staffed as (
      select p.day, p.child, p.worker_id, p.category, l.rank
      from present p
        left join levels l on l.day = p.day and l.worker_id = p.worker_id
    ),
    -- the region's own figures count each person once, whichever children they work in
    talent as (
      select day, null::text as child, 1 as whole, ${FIGURES}
      from (select distinct day, worker_id, category, rank from staffed) once
      group by day
      union all
      select day, child, 0, ${FIGURES}
      from staffed
      group by day, child
    ),
    stationed_rows as (
      select r.day, r.child, r.worker_id, l.rank
      from resident r
        left join levels l on l.day = r.day and l.worker_id = r.worker_id
    ),
    stationed as (
      select day, null::text as child, 1 as whole, count(*)::int as resident, count(*) filter (where rank is not null)::int as resident_qualified
      from (select distinct day, worker_id, rank from stationed_rows) once
      group by day
      union all
      select day, child, 0, count(*)::int, count(*) filter (where rank is not null)::int
      from stationed_rows
      group by day, child
    ),
    keys as (select day, child, whole from talent union select day, child, whole from stationed)
    select to_char(k.day, 'YYYY-MM-DD') as day, case when k.whole = 1 then null else k.child end as child,
      coalesce(t.talent, 0) as talent, coalesce(t.certified, 0) as certified,
      coalesce(t.assistant, 0) as assistant, coalesce(t.intermediate, 0) as intermediate, coalesce(t.senior, 0) as senior,
      coalesce(t.professional, 0) as professional, coalesce(t.community_worker, 0) as "communityWorker",
      coalesce(t.party_government, 0) as "partyGovernment", coalesce(t.volunteer, 0) as volunteer,
      coalesce(s.resident, 0) as resident, coalesce(s.resident_qualified, 0) as "residentQualified"
    from keys k
      left join talent t on t.day = k.day and t.whole = k.whole and t.child is not distinct from k.child
      left join stationed s on s.day = k.day and s.whole = k.whole and s.child is not distinct from k.child
    order by k.day, k.whole desc, k.child`,
  );
  return rows;
}

export interface ExamRow {
  year: number;
  child: string | null;
  registrations: number;
  sat: number;
  passes: number;
}

/**
 * Exam registrations per year where people registered (distinct people: one person sitting two
 * levels counts once), those who sat (passed or failed; absent and pending left out) and passed.
 */
export async function examCounts(
  db: Db,
  scopes: readonly string[],
  region: string,
  from: number,
  to: number,
  childLength: number,
): Promise<ExamRow[]> {
  return queryRows<ExamRow>(
    db,
    sql`
    with regs as (
      select x.year, left(x.region_code, ${childLength}) as child, x.worker_id, x.result
      from exam_registrations x
      where x.year between ${from} and ${to} and ${under(sql`x.region_code`, region)} and ${scopeWhere(sql`x.region_code`, scopes)}
    )
    select year::int as year, case when grouping(child) = 1 then null else child end as child,
      count(distinct worker_id)::int as registrations,
      count(distinct worker_id) filter (where result in ('passed', 'failed'))::int as sat,
      count(distinct worker_id) filter (where result = 'passed')::int as passes
    from regs
    group by grouping sets ((year), (year, child))
    order by year, grouping(child) desc, child`,
  );
}

export interface PositionRow {
  day: string;
  set: number;
  filled: number;
}

/** Positions existing on each day and those with a holder on it. */
export async function positionCounts(
  db: Db,
  scopes: readonly string[],
  region: string,
  days: readonly string[],
): Promise<PositionRow[]> {
  return queryRows<PositionRow>(
    db,
    sql`
    with days(day) as (select unnest(${`{${days.join(',')}}`}::date[])),
    existing as (
      select d.day, p.id
      from days d
        join positions p on p.established_on <= d.day and (p.abolished_on is null or p.abolished_on >= d.day)
      where ${under(sql`p.region_code`, region)} and ${scopeWhere(sql`p.region_code`, scopes)}
    )
    select to_char(d.day, 'YYYY-MM-DD') as day, count(e.id)::int as set,
      count(e.id) filter (where exists (
        select 1 from position_holders h
        where h.position_id = e.id and h.started_on <= e.day and (h.ended_on is null or h.ended_on >= e.day)
      ))::int as filled
    from days d
      left join existing e on e.day = d.day
    group by d.day
    order by d.day`,
  );
}

export interface DevelopmentRow {
  trainingHours: number;
  trainingPeople: number;
  supervisionSessions: number;
  supervisionHours: number;
}

/** Training recorded in the region (by the course's last day) and supervision held there, from `from` to `to`. */
export async function developmentTotals(
  db: Db,
  scopes: readonly string[],
  region: string,
  from: string,
  to: string,
): Promise<DevelopmentRow> {
  const [row] = await queryRows<DevelopmentRow>(
    db,
    sql`
    with t as (
      select coalesce(sum(hours), 0)::float8 as hours, count(distinct worker_id)::int as people
      from training_records
      where ended_on between ${from} and ${to} and ${under(sql`region_code`, region)} and ${scopeWhere(sql`region_code`, scopes)}
    ),
    s as (
      select count(*)::int as sessions, coalesce(sum(hours), 0)::float8 as hours
      from supervision_sessions
      where held_on between ${from} and ${to} and ${under(sql`region_code`, region)} and ${scopeWhere(sql`region_code`, scopes)}
    )
    select t.hours as "trainingHours", t.people as "trainingPeople", s.sessions as "supervisionSessions", s.hours as "supervisionHours"
    from t, s`,
  );
  return {
    trainingHours: Number(row.trainingHours),
    trainingPeople: row.trainingPeople,
    supervisionSessions: row.supervisionSessions,
    supervisionHours: Number(row.supervisionHours),
  };
}
