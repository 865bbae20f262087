import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/sql.ts';
import { scopeWhere } from '../../platform/access.ts';

/** Code length of the next level down: country → provinces (2), 44 → 4412, … a village has none below. */
const CHILD_LENGTH: Record<number, number> = { 0: 2, 2: 4, 4: 6, 6: 9, 9: 12, 12: 12 };

export interface CoverageRow {
  code: string | null;
  name: string | null;
  level: number | null;
  kind: string | null;
  /** The region asked for (its totals), as opposed to one of its children. */
  self: boolean;
  towns: number;
  townsCovered: number;
  villages: number;
  villagesWithRoom: number;
}

/**
 * The coverage of a region and of each of its children, in one statement and one pass over the
 * regions under it: towns and villages are found by the prefix of their code (LIKE on the
 * text_pattern_ops indexes), matched by hash against the few operating town stations and
 * community rooms, and counted per child code prefix; the region's own figures are the sums.
 * (Joining stations to regions instead, or GROUPING SETS for the total, made PostgreSQL scan or
 * sort the 660k regions a second time.) Placeholder units ("X区直辖村级区划") count on neither
 * side. `code` null is the whole country.
 */
export async function coverageFigures(db: Db, scopes: readonly string[], code: string | null): Promise<CoverageRow[]> {
  const rows = await queryRows<CoverageRow>(db, coverageQuery(scopes, code));
  return rows.map((r) => ({
    ...r,
    towns: Number(r.towns),
    townsCovered: Number(r.townsCovered),
    villages: Number(r.villages),
    villagesWithRoom: Number(r.villagesWithRoom),
  }));
}

/** The statement of coverageFigures, on its own so bench/coverage.bench.ts runs exactly this SQL raw. */
export function coverageQuery(scopes: readonly string[], code: string | null): SQL {
  const childLength = CHILD_LENGTH[code?.length ?? 0];
  const regionsUnder: SQL = code === null ? sql`true` : sql`r.code like ${`${code}%`}`;
  const stationsUnder: SQL = code === null ? sql`true` : sql`region_code like ${`${code}%`}`;
  const children: SQL = code === null ? sql`c.parent_code is null` : sql`c.parent_code = ${code}`;
  return sql`
    with st as (
      select region_code, bool_or(kind = 'town') as has_town, bool_or(kind = 'community') as has_room
      from stations
      where status = 'operating' and kind in ('town', 'community') and ${stationsUnder} and ${scopeWhere(sql`region_code`, scopes)}
      group by region_code
    ),
    t as (
      select left(r.code, ${childLength}) as child,
        (count(*) filter (where r.level = 4))::int as towns,
        (count(*) filter (where r.level = 4 and st.has_town))::int as towns_covered,
        (count(*) filter (where r.level = 5))::int as villages,
        (count(*) filter (where r.level = 5 and st.has_room))::int as villages_with_room
      from regions r left join st on st.region_code = r.code
      where r.level >= 4 and r.kind <> 'placeholder' and ${regionsUnder}
      group by 1
    )
    select r.code, r.name, r.level, r.kind, true as self,
      coalesce(sum(t.towns), 0)::int as towns, coalesce(sum(t.towns_covered), 0)::int as "townsCovered",
      coalesce(sum(t.villages), 0)::int as villages, coalesce(sum(t.villages_with_room), 0)::int as "villagesWithRoom"
    from (select 1) one
      left join regions r on r.code = ${code ?? ''}
      left join t on true
    group by r.code, r.name, r.level, r.kind
    union all
    select c.code, c.name, c.level, c.kind, false,
      coalesce(t.towns, 0), coalesce(t.towns_covered, 0), coalesce(t.villages, 0), coalesce(t.villages_with_room, 0)
    from regions c
      left join t on t.child = c.code
    where ${children}
    order by self desc, code`;
}

export interface RegionTotals {
  code: string;
  towns: number;
  townsCovered: number;
  villages: number;
  villagesWithRoom: number;
}

/**
 * Totals for a handful of unrelated regions (the deadlines on a page) in one statement. The
 * prefix is per row here, so LIKE cannot use the index; the equivalent range
 * `code ~>=~ p and code ~<~ p || ':'` (':' sorts right after '9') can.
 */
export async function regionTotals(
  db: Db,
  scopes: readonly string[],
  codes: readonly string[],
): Promise<Map<string, RegionTotals>> {
  if (codes.length === 0) return new Map();
  const list = sql.join(
    codes.map((c) => sql`${c}`),
    sql`, `,
  );
  const under = (col: SQL) => sql`${col} ~>=~ c.code and ${col} ~<~ (c.code || ':')`;
  const covered = (kind: string, level: number) => sql`(
    select count(distinct st.region_code) from stations st join regions r on r.code = st.region_code
    where ${under(sql`st.region_code`)} and st.status = 'operating' and st.kind = ${kind} and r.level = ${level} and r.kind <> 'placeholder'
      and ${scopeWhere(sql`st.region_code`, scopes)})::int`;
  const total = (level: number) =>
    sql`(select count(*) from regions r where ${under(sql`r.code`)} and r.level = ${level} and r.kind <> 'placeholder')::int`;
  const rows = await queryRows<RegionTotals>(
    db,
    sql`select c.code, ${total(4)} as towns, ${covered('town', 4)} as "townsCovered", ${total(5)} as villages, ${covered('community', 5)} as "villagesWithRoom"
        from unnest(array[${list}]::text[]) as c(code)`,
  );
  return new Map(
    rows.map((r) => [
      r.code,
      {
        code: r.code,
        towns: Number(r.towns),
        townsCovered: Number(r.townsCovered),
        villages: Number(r.villages),
        villagesWithRoom: Number(r.villagesWithRoom),
      },
    ]),
  );
}
