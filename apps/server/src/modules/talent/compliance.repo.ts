import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/sql.ts';
import { scopeWhere } from '../../platform/access.ts';

/*
 * The compliance lists, one statement each, paginated with the total beside every row. Workers
 * are read within the caller's scope by their current region; people who left are not listed.
 */

export interface Page {
  page: number;
  pageSize: number;
  regionCode?: string;
}

interface Base {
  workerId: string;
  name: string;
  idNumberEnc: string;
  regionCode: string;
  regionName: string | null;
  total: number;
}

const VALID_ON = (day: string) =>
  sql`q.obtained_on <= ${day} and (q.valid_until is null or q.valid_until >= ${day}) and (q.revoked_on is null or q.revoked_on > ${day})`;

function workerWhere(scopes: readonly string[], p: Page): SQL {
  return sql`w.status = 'active' and ${scopeWhere(sql`w.region_code`, scopes)} ${p.regionCode ? sql`and ${scopeWhere(sql`w.region_code`, [p.regionCode])}` : sql``}`;
}

const PAGE = (p: Page) => sql`limit ${p.pageSize} offset ${(p.page - 1) * p.pageSize}`;

export interface UnqualifiedResidentRow extends Base {
  stationId: string;
  stationName: string;
  since: string;
  examYear: number | null;
  examLevel: string | null;
  examResult: string | null;
}

/** Resident station workers today without a certificate valid today, with their latest exam registration. */
export async function unqualifiedResidents(
  db: Db,
  scopes: readonly string[],
  today: string,
  p: Page,
): Promise<UnqualifiedResidentRow[]> {
  return queryRows(
    db,
    sql`
    select w.id as "workerId", w.name, w.id_number_enc as "idNumberEnc", w.region_code as "regionCode", r.name as "regionName",
      s.id as "stationId", s.name as "stationName", to_char(a.started_on, 'YYYY-MM-DD') as since,
      x.year as "examYear", x.level as "examLevel", x.result as "examResult", count(*) over ()::int as total
    from station_assignments a
      join workers w on w.id = a.worker_id
      join stations s on s.id = a.station_id
      left join regions r on r.code = w.region_code
      left join lateral (
        select e.year, e.level, e.result from exam_registrations e where e.worker_id = w.id order by e.year desc, e.level desc limit 1
      ) x on true
    where a.started_on <= ${today} and (a.ended_on is null or a.ended_on >= ${today}) and ${workerWhere(scopes, p)}
      and not exists (select 1 from qualifications q where q.worker_id = w.id and ${VALID_ON(today)})
    order by a.started_on, w.name, w.id
    ${PAGE(p)}`,
  );
}

export interface HoursShortRow extends Base {
  levelRank: number;
  trainingHours: number;
  supervisionHours: number;
}

/**
 * Certified workers (on `day`, by their highest valid certificate) whose training and supervision
 * hours from `from` to `day` fall short of their level's requirement (`required` per rank).
 */
export async function hoursShort(
  db: Db,
  scopes: readonly string[],
  from: string,
  day: string,
  required: readonly [number, number, number],
  p: Page,
): Promise<HoursShortRow[]> {
  return queryRows(
    db,
    sql`
    with certified as (
      select w.id, w.name, w.id_number_enc, w.region_code,
        max(case q.level when 'assistant' then 1 when 'intermediate' then 2 when 'senior' then 3 end) as rank
      from workers w
        join qualifications q on q.worker_id = w.id and ${VALID_ON(day)}
      where ${workerWhere(scopes, p)}
      group by w.id
    ),
    hours as (
      select c.*, 
        coalesce((select sum(t.hours) from training_records t where t.worker_id = c.id and t.ended_on between ${from} and ${day}), 0)::float8 as training,
        coalesce((select sum(s.hours) from supervision_supervisees v join supervision_sessions s on s.id = v.session_id
          where v.worker_id = c.id and s.held_on between ${from} and ${day}), 0)::float8 as supervision,
        (array[${required[0]}::int, ${required[1]}::int, ${required[2]}::int])[c.rank] as required
      from certified c
    )
    select h.id as "workerId", h.name, h.id_number_enc as "idNumberEnc", h.region_code as "regionCode", r.name as "regionName",
      h.rank as "levelRank", h.training as "trainingHours", h.supervision as "supervisionHours", count(*) over ()::int as total
    from hours h
      left join regions r on r.code = h.region_code
    where h.training + h.supervision < h.required
    order by h.required - h.training - h.supervision desc, h.name, h.id
    ${PAGE(p)}`,
  );
}

export interface RenewalDueRow extends Base {
  qualificationId: string;
  level: string;
  certificateNo: string | null;
  registrationNo: string;
  renewalDueOn: string;
}

/** Certificates valid today whose latest registration period ends within `until` or has already ended. */
export async function renewalsDue(
  db: Db,
  scopes: readonly string[],
  today: string,
  until: string,
  p: Page,
): Promise<RenewalDueRow[]> {
  return queryRows(
    db,
    sql`
    with latest as (
      select distinct on (g.qualification_id) g.qualification_id, g.renewal_due_on, g.registration_no
      from qualification_registrations g
      where g.registered_on <= ${today}
      order by g.qualification_id, g.registered_on desc
    )
    select w.id as "workerId", w.name, w.id_number_enc as "idNumberEnc", w.region_code as "regionCode", rg.name as "regionName",
      q.id as "qualificationId", q.level, q.certificate_no as "certificateNo", l.registration_no as "registrationNo",
      to_char(l.renewal_due_on, 'YYYY-MM-DD') as "renewalDueOn", count(*) over ()::int as total
    from qualifications q
      join latest l on l.qualification_id = q.id
      join workers w on w.id = q.worker_id
      left join regions rg on rg.code = w.region_code
    where ${VALID_ON(today)} and l.renewal_due_on <= ${until} and ${workerWhere(scopes, p)}
    order by l.renewal_due_on, w.name, q.id
    ${PAGE(p)}`,
  );
}
