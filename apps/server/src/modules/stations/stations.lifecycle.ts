import type { Db } from '../../db/client.ts';
import { updateVersioned } from '../../db/versioned.ts';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import type { Ctx } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { assertDates, assertTransition, type StationDates, type StationStatus } from './stations.rules.ts';
import { assertTownFree, getScopedStation, getStation } from './stations.service.ts';
import { stations, stationStatusHistory } from './stations.table.ts';

export interface StatusChange {
  status: Exclude<StationStatus, 'planned'>;
  /** The day the change took effect. */
  on: string;
  reason?: string;
  overrideReason?: string;
  /** Optional here: when sent, a stale one answers 409 like an update. */
  version?: number;
}

/** The record's dates after a change: opening keeps the first opening day, resuming ends the suspension. */
function datesAfter(row: StationDates, change: StatusChange): StationDates {
  switch (change.status) {
    case 'operating':
      return { openedOn: row.openedOn ?? change.on, suspendedOn: null, closedOn: null };
    case 'suspended':
      return { openedOn: row.openedOn, suspendedOn: change.on, closedOn: null };
    case 'closed':
      return { openedOn: row.openedOn, suspendedOn: null, closedOn: change.on };
  }
}

/**
 * 筹建 → 运营 → 暂停 → 撤销, each step with its date and reason; the history keeps every step, the
 * record its current dates. Opening a town station applies the one-per-town rule.
 */
export async function changeStationStatus(db: Db, ctx: Ctx, id: string, change: StatusChange) {
  const row = await getScopedStation(db, ctx, id);
  if (change.version !== undefined && change.version !== row.version) {
    throw new AppError('VERSION_CONFLICT', { extra: { current: await getStation(db, ctx, id) } });
  }
  const from = row.status as StationStatus;
  assertTransition(from, change.status);
  const dates = datesAfter(row, change);
  assertDates(change.status, dates, 'on');
  // Resuming before the suspension began would rewrite history rather than record it.
  if (from === 'suspended' && row.suspendedOn && change.on < row.suspendedOn) {
    throw new AppError('VALIDATION', { errors: [{ path: 'on', message: 'validation.station.beforeSuspended' }] });
  }
  await db.transaction(async (tx) => {
    const override =
      change.status === 'operating' && row.kind === 'town'
        ? await assertTownFree(tx, ctx, row.regionCode, change.overrideReason, id)
        : null;
    await updateVersioned(tx, stations, id, row.version, {
      status: change.status,
      ...dates,
      ...(override ? { overrideReason: override.reason } : {}),
      updatedAt: ctx.now,
    });
    await tx.insert(stationStatusHistory).values({
      stationId: id,
      fromStatus: from,
      toStatus: change.status,
      on: change.on,
      reason: change.reason ?? '',
      overrideReason: override?.reason ?? null,
      actorId: ctx.actor.id,
      actorName: ctx.actor.username,
      at: ctx.now,
    });
    const fields = ['status', ...(Object.keys(dates) as (keyof StationDates)[]).filter((k) => dates[k] !== row[k])];
    await writeAudit(tx, ctx, {
      action: 'change_status',
      entity: 'station',
      entityIds: [id],
      regionCode: row.regionCode,
      fields,
      detail: {
        from,
        to: change.status,
        on: change.on,
        reason: change.reason ?? '',
        ...(override ? { override } : {}),
      },
    });
  });
  return getStation(db, ctx, id);
}
