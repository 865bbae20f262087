import { and, countDistinct, eq, exists, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopeWhere } from '../../platform/access.ts';
import { qualifications } from './qualifications.table.ts';
import { workerEmployments } from './workers.table.ts';

/*
 * The as-of predicates: the one SQL definition of "this fact holds on day D" that the statistics
 * build on, matching the rules in talent.rules.ts (periods inclusive of their last day, revoked
 * from the revocation day).
 */

/** A period from `startedOn` to `endedOn` (inclusive; null = open) covers `day`. */
export function coversDay(startedOn: SQLWrapper, endedOn: SQLWrapper, day: string): SQL {
  return sql`(${startedOn} <= ${day} and (${endedOn} is null or ${endedOn} >= ${day}))`;
}

/** The certificate row is valid on `day`. */
export function certificateValidOn(day: string): SQL {
  return sql`(${qualifications.obtainedOn} <= ${day} and (${qualifications.validUntil} is null or ${qualifications.validUntil} >= ${day})
    and (${qualifications.revokedOn} is null or ${qualifications.revokedOn} > ${day}))`;
}

/**
 * Distinct people working under `regionCode` on `day` (by their employment history, so people who
 * moved are counted where they were) who held a certificate valid that day — of `level`, or any.
 * A person employed twice in the region counts once.
 */
export async function countCertifiedOn(
  db: Db,
  scopes: readonly string[],
  regionCode: string,
  day: string,
  level?: string,
): Promise<number> {
  const [row] = await db
    .select({ n: countDistinct(workerEmployments.workerId) })
    .from(workerEmployments)
    .where(
      and(
        scopeWhere(workerEmployments.regionCode, scopes),
        scopeWhere(workerEmployments.regionCode, [regionCode]),
        coversDay(workerEmployments.startedOn, workerEmployments.endedOn, day),
        exists(
          db
            .select({ one: sql`1` })
            .from(qualifications)
            .where(
              and(
                eq(qualifications.workerId, workerEmployments.workerId),
                certificateValidOn(day),
                level ? eq(qualifications.level, level) : undefined,
              ),
            ),
        ),
      ),
    );
  return Number(row?.n ?? 0);
}
