import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { ParamsCache } from '../../modules/params/params.service.ts';
import { loginFailures, users } from '../../modules/users/users.table.ts';

/**
 * Lockout per account and client address, and per account over all addresses. Counters are only
 * ever changed by one SQL statement each (increment and lock decided from the incremented value),
 * so N concurrent failures count N. While a lock holds, further failures are not counted: one
 * address cannot push the account-wide count beyond `maxFailures` per lock period.
 */
export async function recordFailure(
  db: Db,
  params: ParamsCache,
  userId: string,
  ip: string,
  now: Date,
): Promise<{ counted: boolean; lockedUntil: Date | null }> {
  const maxFailures = await params.int('security.login.maxFailures');
  const maxAccountFailures = await params.int('security.login.maxAccountFailures');
  const until = new Date(now.getTime() + (await params.int('security.login.lockMinutes')) * 60_000);
  const at = sql`${now.toISOString()}::timestamptz`;
  const lockEnds = sql`${until.toISOString()}::timestamptz`;

  // A lock that has run out starts the count afresh.
  const addrExpired = sql`"login_failures"."locked_until" is not null and "login_failures"."locked_until" <= ${at}`;
  const addrNext = sql`(case when ${addrExpired} then 1 else "login_failures"."failures" + 1 end)`;
  const [addr] = await db
    .insert(loginFailures)
    .values({ userId, ip, failures: 1, lastFailedAt: now, lockedUntil: maxFailures <= 1 ? until : null })
    .onConflictDoUpdate({
      target: [loginFailures.userId, loginFailures.ip],
      set: {
        failures: addrNext,
        lastFailedAt: now,
        lockedUntil: sql`case when ${addrNext} >= ${maxFailures} then ${lockEnds} when ${addrExpired} then null else "login_failures"."locked_until" end`,
      },
      setWhere: sql`"login_failures"."locked_until" is null or "login_failures"."locked_until" <= ${at}`,
    })
    .returning({ lockedUntil: loginFailures.lockedUntil });
  if (!addr) return { counted: false, lockedUntil: await lockedUntil(db, userId, ip, now) };

  const acctExpired = sql`${users.lockedUntil} is not null and ${users.lockedUntil} <= ${at}`;
  const acctNext = sql`(case when ${acctExpired} then 1 else ${users.failedLogins} + 1 end)`;
  const [acct] = await db
    .update(users)
    .set({
      failedLogins: acctNext,
      lockedUntil: sql`case when ${acctNext} >= ${maxAccountFailures} then ${lockEnds} when ${acctExpired} then null else ${users.lockedUntil} end`,
    })
    .where(and(eq(users.id, userId), sql`(${users.lockedUntil} is null or ${users.lockedUntil} <= ${at})`))
    .returning({ lockedUntil: users.lockedUntil });
  return {
    counted: !!acct,
    lockedUntil: latest(now, addr.lockedUntil, acct ? acct.lockedUntil : await lockedUntil(db, userId, ip, now)),
  };
}

/** Until when the account is locked for this address (its own lock or the account-wide one), or null. */
export async function lockedUntil(db: Db, userId: string, ip: string, now: Date): Promise<Date | null> {
  const [acct] = await db.select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, userId));
  const [addr] = await db
    .select({ lockedUntil: loginFailures.lockedUntil })
    .from(loginFailures)
    .where(and(eq(loginFailures.userId, userId), eq(loginFailures.ip, ip)));
  return latest(now, acct?.lockedUntil, addr?.lockedUntil);
}

function latest(now: Date, ...dates: (Date | null | undefined)[]): Date | null {
  const live = dates.filter((d): d is Date => !!d && d > now).map((d) => d.getTime());
  return live.length ? new Date(Math.max(...live)) : null;
}

/** A correct login clears the count for its address and the account-wide count. */
export async function clearFailures(db: Db, userId: string, ip: string) {
  await db.delete(loginFailures).where(and(eq(loginFailures.userId, userId), eq(loginFailures.ip, ip)));
  await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
}

/** Every count and lock of an account, for every address (an administrator's unlock or reset). */
export async function clearAllFailures(db: Db, userId: string) {
  await db.delete(loginFailures).where(eq(loginFailures.userId, userId));
  await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
}
