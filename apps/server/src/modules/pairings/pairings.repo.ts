import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { containsPattern } from '../../db/sql.ts';
import { scopeWhere } from '../../platform/access.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { pairingDeliveries, pairings } from './pairings.table.ts';

export type PairingRow = typeof pairings.$inferSelect;
export type DeliveryRow = typeof pairingDeliveries.$inferSelect;

/** A pairing belongs to both its sides: the supported region's and the supporter's administrators see it. */
function visible(scopes: readonly string[]): SQL {
  return or(scopeWhere(pairings.regionCode, scopes), scopeWhere(pairings.supporterRegionCode, scopes)) as SQL;
}

export async function findPairing(db: Db, scopes: readonly string[], id: string): Promise<PairingRow | undefined> {
  const [row] = await db
    .select()
    .from(pairings)
    .where(and(eq(pairings.id, id), visible(scopes)))
    .limit(1);
  return row;
}

export interface PairingFilter {
  kind?: string;
  /** Either side lies under this code. */
  regionCode?: string;
  q?: string;
  page: number;
  pageSize: number;
}

export async function listPairings(db: Db, scopes: readonly string[], f: PairingFilter) {
  const conds: SQL[] = [visible(scopes)];
  if (f.kind) conds.push(eq(pairings.kind, f.kind));
  if (f.regionCode) conds.push(visible([f.regionCode]));
  if (f.q) conds.push(ilike(pairings.name, containsPattern(f.q)));
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(pairings)
      .where(where)
      .orderBy(desc(pairings.startsOn), asc(pairings.name), asc(pairings.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(pairings).where(where),
  ]);
  return { rows, total };
}

export interface DeliveredTotals {
  deliveries: number;
  supervisorsSent: number;
  peopleTrained: number;
  fundingFen: number;
}

/** What has been delivered so far, per pairing (of pairings already read through the scope). */
export async function deliveredTotals(db: Db, pairingIds: readonly string[]): Promise<Map<string, DeliveredTotals>> {
  if (pairingIds.length === 0) return new Map();
  const rows = await db
    .select({
      id: pairingDeliveries.pairingId,
      deliveries: count(),
      supervisorsSent: sql<number>`coalesce(sum(${pairingDeliveries.supervisorsSent}), 0)::int`,
      peopleTrained: sql<number>`coalesce(sum(${pairingDeliveries.peopleTrained}), 0)::int`,
      fundingFen: sql<string>`coalesce(sum(${pairingDeliveries.fundingFen}), 0)::bigint`,
    })
    .from(pairingDeliveries)
    .where(inArray(pairingDeliveries.pairingId, [...pairingIds]))
    .groupBy(pairingDeliveries.pairingId);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        deliveries: Number(r.deliveries),
        supervisorsSent: Number(r.supervisorsSent),
        peopleTrained: Number(r.peopleTrained),
        fundingFen: Number(r.fundingFen),
      },
    ]),
  );
}

export async function deliveriesOf(db: Db, pairingId: string): Promise<DeliveryRow[]> {
  return db
    .select()
    .from(pairingDeliveries)
    .where(eq(pairingDeliveries.pairingId, pairingId))
    .orderBy(desc(pairingDeliveries.deliveredOn), desc(pairingDeliveries.createdAt));
}

/**
 * Names of the organizations a set of visible pairings names. Unscoped: a pairing may name an
 * organization registered far from the viewer (a Dongguan agency helping a Tongren community).
 */
export async function unscopedOrganizationNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(inArray(organizations.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r.name]));
}
