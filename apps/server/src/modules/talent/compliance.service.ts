import { maskIdCard } from '@lianxin/shared';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../../platform/context.ts';
import { daysBetween, localDate } from '../../platform/dates.ts';
import { validationError } from '../../platform/errors.ts';
import type { PiiCipher } from '../../platform/pii.ts';
import type { ParamsCache } from '../params/params.service.ts';
import { hoursShort, type Page, renewalsDue, unqualifiedResidents } from './compliance.repo.ts';
import { statsRegion } from './stats.service.ts';
import { addDays, LEVELS } from './talent.rules.ts';

interface PageQuery {
  page: number;
  pageSize: number;
  region?: string;
}

/** The region filter must lie in the caller's scope (404 otherwise), like every statistic. */
async function pageOf(db: Db, ctx: Ctx, q: PageQuery): Promise<Page> {
  if (q.region !== undefined) await statsRegion(db, ctx, q.region);
  return { page: q.page, pageSize: q.pageSize, regionCode: q.region || undefined };
}

/** Only the name and the masked ID number: these lists are for follow-up, not for reading people's data. */
function person(
  pii: PiiCipher,
  r: { workerId: string; name: string; idNumberEnc: string; regionCode: string; regionName: string | null },
) {
  return {
    workerId: r.workerId,
    name: r.name,
    idNumber: maskIdCard(pii.decrypt(r.idNumberEnc)),
    regionCode: r.regionCode,
    regionName: r.regionName ?? r.regionCode,
  };
}

/** 驻站社工 without a valid certificate today, and the days left before the deadline (沈阳: end of 2026). */
export async function listUnqualifiedResidents(
  db: Db,
  ctx: Ctx,
  pii: PiiCipher,
  params: ParamsCache,
  q: PageQuery & { deadline?: string },
) {
  const today = localDate(ctx.now);
  const deadline = q.deadline ?? (await params.get('talent.compliance.residentDeadline'));
  const rows = await unqualifiedResidents(db, ctx.actor.scopes, today, await pageOf(db, ctx, q));
  return {
    deadline,
    daysLeft: daysBetween(today, deadline),
    total: rows[0]?.total ?? 0,
    rows: rows.map((r) => ({
      ...person(pii, r),
      station: { id: r.stationId, name: r.stationName },
      since: r.since,
      latestExam: r.examYear
        ? { year: r.examYear, level: r.examLevel as (typeof LEVELS)[number], result: r.examResult as string }
        : null,
    })),
  };
}

/**
 * Certified workers whose continuing-education hours (training plus supervision received) fall
 * short of their level's yearly requirement (parameters talent.ce.yearlyHours.*): in `year`, counted
 * to its end or, for the running year, to today.
 */
export async function listHoursShort(
  db: Db,
  ctx: Ctx,
  pii: PiiCipher,
  params: ParamsCache,
  q: PageQuery & { year?: number },
) {
  const today = localDate(ctx.now);
  const year = q.year ?? Number(today.slice(0, 4));
  if (year > Number(today.slice(0, 4))) throw validationError('year', 'validation.talent.future');
  const day = `${year}-12-31` < today ? `${year}-12-31` : today;
  const required = (await Promise.all(LEVELS.map((l) => params.int(`talent.ce.yearlyHours.${l}`)))) as [
    number,
    number,
    number,
  ];
  const rows = await hoursShort(db, ctx.actor.scopes, `${year}-01-01`, day, required, await pageOf(db, ctx, q));
  return {
    year,
    asOf: day,
    requirements: Object.fromEntries(LEVELS.map((l, i) => [l, required[i]])) as Record<(typeof LEVELS)[number], number>,
    total: rows[0]?.total ?? 0,
    rows: rows.map((r) => {
      const hours = Math.round((r.trainingHours + r.supervisionHours) * 10) / 10;
      const need = required[r.levelRank - 1];
      return {
        ...person(pii, r),
        level: LEVELS[r.levelRank - 1],
        trainingHours: r.trainingHours,
        supervisionHours: r.supervisionHours,
        hours,
        required: need,
        shortBy: Math.round((need - hours) * 10) / 10,
      };
    }),
  };
}

/** Certificates whose registration must be renewed within `days` (default: the renewal reminder parameter) or has lapsed. */
export async function listRenewalsDue(
  db: Db,
  ctx: Ctx,
  pii: PiiCipher,
  params: ParamsCache,
  q: PageQuery & { days?: number },
) {
  const today = localDate(ctx.now);
  const days = q.days ?? (await params.int('talent.registration.dueDays'));
  const rows = await renewalsDue(db, ctx.actor.scopes, today, addDays(today, days), await pageOf(db, ctx, q));
  return {
    days,
    total: rows[0]?.total ?? 0,
    rows: rows.map((r) => {
      const daysLeft = daysBetween(today, r.renewalDueOn);
      return {
        ...person(pii, r),
        qualificationId: r.qualificationId,
        level: r.level as (typeof LEVELS)[number],
        certificateNo: r.certificateNo,
        registrationNo: r.registrationNo,
        renewalDueOn: r.renewalDueOn,
        daysLeft,
        status: daysLeft < 0 ? ('lapsed' as const) : ('renewal_due' as const),
      };
    }),
  };
}
