import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import type { Ctx } from '../../platform/context.ts';
import { daysBetween, localDate } from '../../platform/dates.ts';
import { assertVersion, notFound, validationError } from '../../platform/errors.ts';
import { findRegions } from '../regions/regions.repo.ts';
import { regionInScope } from '../regions/regions.service.ts';
import { type DeadlineFilter, type DeadlineRow, findDeadline, listDeadlines } from './coverage-deadlines.repo.ts';
import { coverageDeadlines } from './coverage-deadlines.table.ts';
import { regionTotals } from './coverage.repo.ts';
import { ratio } from './coverage.service.ts';

export type DeadlineKind = 'town_station' | 'community_room';
export type DeadlineStatus = 'met' | 'pending' | 'at_risk' | 'missed';

/** A deadline not yet met turns "at risk" this many days before it is due. */
export const AT_RISK_DAYS = 90;

/** Met once every town (village) is covered; otherwise judged against today in Asia/Shanghai. */
export function deadlineStatus(covered: number, total: number, dueOn: string, today: string): DeadlineStatus {
  if (total > 0 && covered >= total) return 'met';
  const daysLeft = daysBetween(today, dueOn);
  if (daysLeft < 0) return 'missed';
  return daysLeft <= AT_RISK_DAYS ? 'at_risk' : 'pending';
}

async function presentDeadlines(db: Db, ctx: Ctx, rows: DeadlineRow[]) {
  const codes = [...new Set(rows.map((r) => r.regionCode))];
  const [regions, totals] = await Promise.all([findRegions(db, codes), regionTotals(db, ctx.actor.scopes, codes)]);
  const names = new Map(regions.map((r) => [r.code, r.name]));
  const today = localDate(ctx.now);
  return rows.map((r) => {
    const t = totals.get(r.regionCode);
    const [covered, total] =
      r.kind === 'town_station' ? [t?.townsCovered ?? 0, t?.towns ?? 0] : [t?.villagesWithRoom ?? 0, t?.villages ?? 0];
    return {
      id: r.id,
      regionCode: r.regionCode,
      regionName: names.get(r.regionCode) ?? r.regionCode,
      kind: r.kind as DeadlineKind,
      dueOn: r.dueOn,
      note: r.note,
      covered,
      total,
      ratio: ratio(covered, total),
      daysLeft: daysBetween(today, r.dueOn),
      status: deadlineStatus(covered, total, r.dueOn, today),
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      version: r.version,
      abilities: { edit: ctx.actor.permissions.has('network:deadline:edit') },
    };
  });
}

export async function listDeadlinesFor(db: Db, ctx: Ctx, filter: DeadlineFilter) {
  const { rows, total } = await listDeadlines(db, ctx.actor.scopes, filter);
  return { rows: await presentDeadlines(db, ctx, rows), total };
}

async function getScopedDeadline(db: Db, ctx: Ctx, id: string): Promise<DeadlineRow> {
  const row = await findDeadline(db, ctx.actor.scopes, id);
  if (!row) throw notFound();
  return row;
}

export async function getDeadline(db: Db, ctx: Ctx, id: string) {
  const [dto] = await presentDeadlines(db, ctx, [await getScopedDeadline(db, ctx, id)]);
  return dto;
}

export interface DeadlineInput {
  regionCode: string;
  kind: DeadlineKind;
  dueOn: string;
  note?: string;
}

async function checkInput(db: Db, ctx: Ctx, input: DeadlineInput) {
  const region = await regionInScope(db, ctx, input.regionCode);
  // "Every town covered" means nothing for a single village.
  if (input.kind === 'town_station' && region.level > 4)
    throw validationError('regionCode', 'validation.deadline.level');
}

export async function createDeadline(db: Db, ctx: Ctx, input: DeadlineInput) {
  await checkInput(db, ctx, input);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(coverageDeadlines)
      .values({
        regionCode: input.regionCode,
        kind: input.kind,
        dueOn: input.dueOn,
        note: input.note ?? '',
        createdAt: ctx.now,
        updatedAt: ctx.now,
      })
      .returning({ id: coverageDeadlines.id });
    await writeAudit(tx, ctx, {
      action: 'create',
      entity: 'coverage_deadline',
      entityIds: [row.id],
      regionCode: input.regionCode,
      fields: Object.keys(input),
      detail: { kind: input.kind, dueOn: input.dueOn },
    });
    return row.id;
  });
  return getDeadline(db, ctx, id);
}

export async function updateDeadline(db: Db, ctx: Ctx, id: string, input: DeadlineInput & { version?: number }) {
  const row = await getScopedDeadline(db, ctx, id);
  await assertVersion(row.version, input.version, () => getDeadline(db, ctx, id));
  await checkInput(db, ctx, input);
  const next = { regionCode: input.regionCode, kind: input.kind, dueOn: input.dueOn, note: input.note ?? row.note };
  const changed = (Object.keys(next) as (keyof typeof next)[]).filter((k) => row[k] !== next[k]);
  await db.transaction(async (tx) => {
    await updateVersioned(tx, coverageDeadlines, id, row.version, { ...next, updatedAt: ctx.now });
    await writeAudit(tx, ctx, {
      action: 'update',
      entity: 'coverage_deadline',
      entityIds: [id],
      regionCode: input.regionCode,
      fields: changed,
      detail: { from: row.dueOn, to: input.dueOn },
    });
  });
  return getDeadline(db, ctx, id);
}

export async function deleteDeadline(db: Db, ctx: Ctx, id: string) {
  const row = await getScopedDeadline(db, ctx, id);
  await db.transaction(async (tx) => {
    await tx.delete(coverageDeadlines).where(eq(coverageDeadlines.id, id));
    await writeAudit(tx, ctx, {
      action: 'delete',
      entity: 'coverage_deadline',
      entityIds: [id],
      regionCode: row.regionCode,
      detail: { kind: row.kind, dueOn: row.dueOn },
    });
  });
}
