import { and, asc, desc, eq, getTableColumns, inArray, ne } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopeWhere } from '../../platform/access.ts';
import { honors, qualificationRegistrations, qualifications } from './qualifications.table.ts';
import { workers } from './workers.table.ts';

export type QualificationRow = typeof qualifications.$inferSelect;

/** A certificate is in scope when its worker is. */
export async function findQualification(
  db: Db,
  scopes: readonly string[],
  id: string,
): Promise<(QualificationRow & { regionCode: string }) | undefined> {
  const [row] = await db
    .select({ ...getTableColumns(qualifications), regionCode: workers.regionCode })
    .from(qualifications)
    .innerJoin(workers, eq(workers.id, qualifications.workerId))
    .where(and(eq(qualifications.id, id), scopeWhere(workers.regionCode, scopes)))
    .limit(1);
  return row;
}

export type HonorRow = typeof honors.$inferSelect;

/** An honour is in scope when its worker is. */
export async function findHonor(
  db: Db,
  scopes: readonly string[],
  id: string,
): Promise<(HonorRow & { regionCode: string }) | undefined> {
  const [row] = await db
    .select({ ...getTableColumns(honors), regionCode: workers.regionCode })
    .from(honors)
    .innerJoin(workers, eq(workers.id, honors.workerId))
    .where(and(eq(honors.id, id), scopeWhere(workers.regionCode, scopes)))
    .limit(1);
  return row;
}

export async function certificatesOf(db: Db, workerId: string): Promise<QualificationRow[]> {
  return db
    .select()
    .from(qualifications)
    .where(eq(qualifications.workerId, workerId))
    .orderBy(desc(qualifications.obtainedOn), asc(qualifications.id));
}

export async function registrationsOf(db: Db, qualificationIds: readonly string[]) {
  if (qualificationIds.length === 0) return [];
  return db
    .select()
    .from(qualificationRegistrations)
    .where(inArray(qualificationRegistrations.qualificationId, [...qualificationIds]))
    .orderBy(asc(qualificationRegistrations.registeredOn));
}

export async function honorsOf(db: Db, workerId: string) {
  return db.select().from(honors).where(eq(honors.workerId, workerId)).orderBy(desc(honors.year), asc(honors.id));
}

/** Certificate numbers are unique nationwide: the check looks beyond the actor's scope and says only "taken". */
export async function unscopedCertificateNoTaken(db: Db, certificateNo: string, exceptId?: string): Promise<boolean> {
  const [row] = await db
    .select({ id: qualifications.id })
    .from(qualifications)
    .where(and(eq(qualifications.certificateNo, certificateNo), exceptId ? ne(qualifications.id, exceptId) : undefined))
    .limit(1);
  return !!row;
}
