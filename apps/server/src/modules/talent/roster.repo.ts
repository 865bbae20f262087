import { and, or, type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopeOrAboveWhere, scopeWhere } from '../../platform/access.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { stations } from '../stations/stations.table.ts';
import { qualifications } from './qualifications.table.ts';
import { stationAssignments, workers } from './workers.table.ts';

/*
 * The roster import's lookups: one query per kind of thing for the whole file, each list sent as
 * one array parameter (`= any($1)`), so 50,000 rows cost a handful of round trips.
 */

const anyOf = (column: SQLWrapper, values: readonly string[], type = 'text') =>
  sql`${column} = any(${sql.param([...values])}::${sql.raw(type)}[])`;

/** Everyone among the hashes, in any region: an ID number is unique nationwide. */
export async function unscopedWorkersByHash(db: Db, hashes: readonly string[]) {
  if (hashes.length === 0) return [];
  return db
    .select({
      id: workers.id,
      idNumberHash: workers.idNumberHash,
      regionCode: workers.regionCode,
      name: workers.name,
      sex: workers.sex,
      birthDate: workers.birthDate,
      phoneHash: workers.phoneHash,
      education: workers.education,
      major: workers.major,
      category: workers.category,
      organizationId: workers.organizationId,
      jobTitle: workers.jobTitle,
      note: workers.note,
      status: workers.status,
      version: workers.version,
    })
    .from(workers)
    .where(anyOf(workers.idNumberHash, hashes));
}

export type ExistingWorker = Awaited<ReturnType<typeof unscopedWorkersByHash>>[number];

/** Current and latest-ended resident assignments of these workers. */
export async function assignmentsOfWorkers(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: stationAssignments.id,
      workerId: stationAssignments.workerId,
      stationId: stationAssignments.stationId,
      startedOn: stationAssignments.startedOn,
      endedOn: stationAssignments.endedOn,
    })
    .from(stationAssignments)
    .where(anyOf(stationAssignments.workerId, ids, 'uuid'));
}

/** The certificates of these workers, and any certificate carrying one of these numbers (whoever holds it). */
export async function unscopedCertificatesBy(db: Db, workerIds: readonly string[], numbers: readonly string[]) {
  const conds: SQL[] = [];
  if (workerIds.length) conds.push(anyOf(qualifications.workerId, workerIds, 'uuid'));
  if (numbers.length) conds.push(anyOf(qualifications.certificateNo, numbers));
  if (conds.length === 0) return [];
  return db
    .select({
      id: qualifications.id,
      workerId: qualifications.workerId,
      level: qualifications.level,
      certificateNo: qualifications.certificateNo,
      obtainedOn: qualifications.obtainedOn,
      examYear: qualifications.examYear,
      examRegistrationId: qualifications.examRegistrationId,
      revokedOn: qualifications.revokedOn,
      version: qualifications.version,
    })
    .from(qualifications)
    .where(or(...conds));
}

export type ExistingCertificate = Awaited<ReturnType<typeof unscopedCertificatesBy>>[number];

/** Organizations a row may name (those in scope or registered above it), by credit code or name. */
export async function visibleOrganizationsNamed(
  db: Db,
  scopes: readonly string[],
  codes: readonly string[],
  names: readonly string[],
) {
  const match: SQL[] = [];
  if (codes.length) match.push(anyOf(organizations.creditCode, codes));
  if (names.length) match.push(anyOf(organizations.name, names));
  if (match.length === 0) return [];
  return db
    .select({
      id: organizations.id,
      name: organizations.name,
      creditCode: organizations.creditCode,
      regionCode: organizations.regionCode,
    })
    .from(organizations)
    .where(and(or(...match), scopeOrAboveWhere(organizations.regionCode, scopes)));
}

/** Stations in scope with these names (a resident worker's station is inside the scope). */
export async function visibleStationsNamed(db: Db, scopes: readonly string[], names: readonly string[]) {
  if (names.length === 0) return [];
  return db
    .select({ id: stations.id, name: stations.name, regionCode: stations.regionCode })
    .from(stations)
    .where(and(anyOf(stations.name, names), scopeWhere(stations.regionCode, scopes)));
}
