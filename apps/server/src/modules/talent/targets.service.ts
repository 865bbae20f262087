import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { regionNamesOf } from '../regions/regions.repo.ts';
import { inScope } from '../../platform/access.ts';
import { filledFields, writeAudit } from '../../platform/audit/audit.service.ts';
import type { Ctx } from '../../platform/context.ts';
import { assertVersion, notFound, validationError } from '../../platform/errors.ts';
import { regionInScope } from '../regions/regions.service.ts';
import { conflict, type LEVELS } from './talent.rules.ts';
import {
  childTotals,
  findTarget,
  listTargets,
  lockTarget,
  type TargetFilter,
  type TargetRow,
  unscopedChildrenOf,
  unscopedParents,
} from './targets.repo.ts';
import { targets } from './targets.table.ts';

export const METRICS = [
  'total_talent',
  'certified',
  'exam_registrations',
  'positions_filled',
  'resident_qualified',
  'active_volunteers',
] as const;
export type Metric = (typeof METRICS)[number];

export async function presentTargets(db: Db, ctx: Ctx, rows: TargetRow[]) {
  const parents = await unscopedParents(db, [...new Set(rows.map((r) => r.parentId).filter((p): p is string => !!p))]);
  const [names, totals] = await Promise.all([
    regionNamesOf(db, [...rows.map((r) => r.regionCode), ...[...parents.values()].map((p) => p.regionCode)]),
    childTotals(
      db,
      rows.map((r) => r.id),
    ),
  ]);
  return rows.map((r) => {
    const parent = r.parentId ? parents.get(r.parentId) : undefined;
    const kids = totals.get(r.id) ?? { count: 0, sum: 0 };
    return {
      id: r.id,
      regionCode: r.regionCode,
      regionName: names.get(r.regionCode) ?? r.regionCode,
      metric: r.metric as Metric,
      level: r.level as (typeof LEVELS)[number] | null,
      value: r.value,
      dueOn: r.dueOn,
      baselineValue: r.baselineValue,
      baselineOn: r.baselineOn,
      parent: parent
        ? {
            id: parent.id,
            regionCode: parent.regionCode,
            regionName: names.get(parent.regionCode) ?? parent.regionCode,
            value: parent.value,
          }
        : null,
      shares: { count: kids.count, sum: kids.sum },
      source: r.source,
      note: r.note,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      version: r.version,
      abilities: { edit: inScope(r.regionCode, ctx.actor.scopes) && ctx.actor.permissions.has('talent:target:edit') },
    };
  });
}

export async function listTargetsFor(db: Db, ctx: Ctx, filter: TargetFilter) {
  const { rows, total } = await listTargets(db, ctx.actor.scopes, filter);
  return { rows: await presentTargets(db, ctx, rows), total };
}

export async function getScopedTarget(db: Db, ctx: Ctx, id: string): Promise<TargetRow> {
  const row = await findTarget(db, ctx.actor.scopes, id);
  if (!row) throw notFound();
  return row;
}

export async function getTarget(db: Db, ctx: Ctx, id: string) {
  const [dto] = await presentTargets(db, ctx, [await getScopedTarget(db, ctx, id)]);
  return dto;
}

export interface TargetInput {
  regionCode: string;
  metric: Metric;
  level?: string | null;
  value: number;
  dueOn: string;
  baselineValue?: number | null;
  baselineOn?: string | null;
  parentId?: string | null;
  source?: string;
  note?: string;
}

function values(input: TargetInput) {
  if (input.level != null && input.metric !== 'certified')
    throw validationError('level', 'validation.target.levelOnlyCertified');
  if ((input.baselineValue == null) !== (input.baselineOn == null)) {
    throw validationError(
      input.baselineValue == null ? 'baselineValue' : 'baselineOn',
      'validation.target.baselinePair',
    );
  }
  if (input.baselineOn != null && input.baselineOn >= input.dueOn)
    throw validationError('baselineOn', 'validation.target.baselineAfterDue');
  return {
    regionCode: input.regionCode,
    metric: input.metric,
    level: input.level ?? null,
    value: input.value,
    dueOn: input.dueOn,
    baselineValue: input.baselineValue ?? null,
    baselineOn: input.baselineOn ?? null,
    parentId: input.parentId ?? null,
    source: input.source ?? '',
    note: input.note ?? '',
  };
}

/**
 * A share of a parent target: in a region strictly below the parent's, for the same metric and
 * level, due no later, one share per region, and the shares together not over the parent's
 * value (under is allowed: the progress reports the shortfall). Run under the parent's row lock.
 */
async function checkSplit(tx: Db, ctx: Ctx, v: ReturnType<typeof values>, selfId?: string) {
  if (!v.parentId) return;
  const visible = await findTarget(tx, ctx.actor.scopes, v.parentId);
  const parent = visible && (await lockTarget(tx, v.parentId));
  if (!parent) throw validationError('parentId', 'validation.target.unknownParent');
  if (parent.id === selfId) throw validationError('parentId', 'validation.target.selfParent');
  if (!(v.regionCode.length > parent.regionCode.length && v.regionCode.startsWith(parent.regionCode))) {
    throw validationError('regionCode', 'validation.target.notUnderParent');
  }
  if (v.metric !== parent.metric || v.level !== parent.level)
    throw validationError('metric', 'validation.target.parentMetric');
  if (v.dueOn > parent.dueOn)
    throw validationError('dueOn', 'validation.target.afterParentDue', { date: parent.dueOn });
  const siblings = await unscopedChildrenOf(tx, parent.id, selfId);
  if (siblings.some((s) => s.regionCode === v.regionCode))
    throw validationError('regionCode', 'validation.target.regionTaken');
  const others = siblings.reduce((a, s) => a + s.value, 0);
  if (others + v.value > parent.value) {
    throw validationError('value', 'validation.target.overParent', {
      parent: parent.value,
      others,
      max: parent.value - others,
    });
  }
}

/** A parent keeps its children's metric and region, and cannot fall below their sum. */
async function checkAsParent(tx: Db, row: TargetRow, v: ReturnType<typeof values>) {
  const children = await unscopedChildrenOf(tx, row.id);
  if (children.length === 0) return;
  if (v.metric !== row.metric || v.level !== row.level)
    throw validationError('metric', 'validation.target.hasChildrenMetric');
  if (v.regionCode !== row.regionCode) throw validationError('regionCode', 'validation.target.hasChildrenRegion');
  const sum = children.reduce((a, c) => a + c.value, 0);
  if (v.value < sum) throw validationError('value', 'validation.target.belowChildren', { sum });
  const late = children.find((c) => c.dueOn > v.dueOn);
  if (late) throw validationError('dueOn', 'validation.target.beforeChildDue', { date: late.dueOn });
}

export async function createTarget(db: Db, ctx: Ctx, input: TargetInput) {
  await regionInScope(db, ctx, input.regionCode);
  const v = values(input);
  const id = await db.transaction(async (tx) => {
    await checkSplit(tx, ctx, v);
    const [row] = await tx
      .insert(targets)
      .values({ ...v, createdAt: ctx.now, updatedAt: ctx.now })
      .returning({ id: targets.id });
    await writeAudit(tx, ctx, {
      action: 'create',
      entity: 'target',
      entityIds: [row.id],
      regionCode: v.regionCode,
      fields: filledFields(input),
      detail: { metric: v.metric, level: v.level, value: v.value, dueOn: v.dueOn, parentId: v.parentId },
    });
    return row.id;
  });
  return getTarget(db, ctx, id);
}

/** Fields left out keep their stored values. */
export async function updateTarget(db: Db, ctx: Ctx, id: string, body: Partial<TargetInput> & { version?: number }) {
  const row = await getScopedTarget(db, ctx, id);
  await assertVersion(row.version, body.version, () => getTarget(db, ctx, id));
  const merged: TargetInput = {
    regionCode: body.regionCode ?? row.regionCode,
    metric: body.metric ?? (row.metric as Metric),
    level: body.level === undefined ? row.level : body.level,
    value: body.value ?? row.value,
    dueOn: body.dueOn ?? row.dueOn,
    baselineValue: body.baselineValue === undefined ? row.baselineValue : body.baselineValue,
    baselineOn: body.baselineOn === undefined ? row.baselineOn : body.baselineOn,
    parentId: body.parentId === undefined ? row.parentId : body.parentId,
    source: body.source ?? row.source,
    note: body.note ?? row.note,
  };
  if (merged.regionCode !== row.regionCode) await regionInScope(db, ctx, merged.regionCode);
  const v = values(merged);
  const changed = (Object.keys(v) as (keyof typeof v)[]).filter((k) => row[k] !== v[k]);
  await db.transaction(async (tx) => {
    await lockTarget(tx, id);
    await checkAsParent(tx, row, v);
    await checkSplit(tx, ctx, v, id);
    await updateVersioned(tx, targets, id, row.version, { ...v, updatedAt: ctx.now });
    await writeAudit(tx, ctx, {
      action: 'update',
      entity: 'target',
      entityIds: [id],
      regionCode: v.regionCode,
      fields: changed,
    });
  });
  return getTarget(db, ctx, id);
}

/** A target split into shares is deleted after its shares. */
export async function deleteTarget(db: Db, ctx: Ctx, id: string) {
  const row = await getScopedTarget(db, ctx, id);
  await db.transaction(async (tx) => {
    await lockTarget(tx, id);
    if ((await unscopedChildrenOf(tx, id)).length > 0) throw conflict('id', 'validation.target.hasChildren');
    await tx.delete(targets).where(eq(targets.id, id));
    await writeAudit(tx, ctx, {
      action: 'delete',
      entity: 'target',
      entityIds: [id],
      regionCode: row.regionCode,
      detail: { metric: row.metric, value: row.value, dueOn: row.dueOn },
    });
  });
}
