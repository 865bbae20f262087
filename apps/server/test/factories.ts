import { type BuiltinRoleCode, idCardCheckChar } from '@lianxin/shared';
import { eq } from 'drizzle-orm';
import type { Db } from '../src/db/client.ts';
import { newId } from '../src/db/columns.ts';
import { hashPassword } from '../src/platform/auth/password.ts';
import type { PiiCipher } from '../src/platform/pii.ts';
import { coverageDeadlines } from '../src/modules/coverage/coverage-deadlines.table.ts';
import { organizations } from '../src/modules/organizations/organizations.table.ts';
import { pairings } from '../src/modules/pairings/pairings.table.ts';
import { roles } from '../src/modules/roles/roles.table.ts';
import { stations } from '../src/modules/stations/stations.table.ts';
import { makeCreditCode } from '../src/seed/credit-codes.ts';
import { userRoles, userScopes, users } from '../src/modules/users/users.table.ts';
import { examRegistrations } from '../src/modules/talent/exams.table.ts';
import {
  supervisionSessions,
  supervisionSupervisees,
  trainingRecords,
} from '../src/modules/talent/development.table.ts';
import { positions } from '../src/modules/talent/positions.table.ts';
import { qualifications } from '../src/modules/talent/qualifications.table.ts';
import { targets } from '../src/modules/talent/targets.table.ts';
import { workerEmployments, workers } from '../src/modules/talent/workers.table.ts';

export const TEST_PASSWORD = 'Test@Pass2026';
let cachedHash: Promise<string> | undefined;
let counter = 0;

export interface UserSpec {
  username?: string;
  role?: BuiltinRoleCode;
  regionCode?: string;
  scopes?: string[];
  mustChangePassword?: boolean;
  isDemo?: boolean;
  phone?: string;
  displayName?: string;
}

/** Creates a user with one built-in role; defaults to an active account with the test password. */
export async function createUser(db: Db, pii: PiiCipher, spec: UserSpec = {}) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const id = newId();
  const role = spec.role ?? 'social_worker';
  const regionCode = spec.regionCode ?? '441202';
  const username = spec.username ?? `u${++counter}-${role.replace('_', '-')}`;
  const [r] = await db.select().from(roles).where(eq(roles.code, role));
  await db.insert(users).values({
    id,
    username,
    displayName: spec.displayName ?? `测试${counter}`,
    regionCode,
    passwordHash: await cachedHash,
    mustChangePassword: spec.mustChangePassword ?? false,
    isDemo: spec.isDemo ?? false,
    ...(spec.phone ? { phoneEnc: pii.encrypt(spec.phone), phoneHash: pii.hash(spec.phone) } : {}),
  });
  await db.insert(userRoles).values({ userId: id, roleId: r.id });
  await db.insert(userScopes).values((spec.scopes ?? [regionCode]).map((c) => ({ userId: id, regionCode: c })));
  return { id, username, regionCode, role };
}

let serial = 0;

/** A fresh, valid credit code per call (the column is unique). */
export function nextCreditCode(division = '441202'): string {
  return makeCreditCode('52', division, ++serial + 7000);
}

export async function createOrganization(db: Db, spec: Partial<typeof organizations.$inferInsert> = {}) {
  const [row] = await db
    .insert(organizations)
    .values({
      type: 'agency',
      name: `测试机构${++counter}`,
      creditCode: nextCreditCode(spec.regionCode ?? '441202'),
      regionCode: '441202',
      ...spec,
    })
    .returning();
  return row;
}

/** A station; by default a planned service point in 端州区城东街道 (so the one-per-town rule never trips). */
export async function createStation(db: Db, spec: Partial<typeof stations.$inferInsert> = {}) {
  const [row] = await db
    .insert(stations)
    .values({ kind: 'point', regionCode: '441202001', name: `测试站点${++counter}`, status: 'planned', ...spec })
    .returning();
  return row;
}

export async function createPairing(db: Db, spec: Partial<typeof pairings.$inferInsert> = {}) {
  const [row] = await db
    .insert(pairings)
    .values({
      kind: 'region_region',
      name: `测试结对${++counter}`,
      regionCode: '441202001',
      supporterRegionCode: '441202003',
      startsOn: '2025-01-01',
      ...spec,
    })
    .returning();
  return row;
}

export async function createDeadline(db: Db, spec: Partial<typeof coverageDeadlines.$inferInsert> = {}) {
  const [row] = await db
    .insert(coverageDeadlines)
    .values({ regionCode: '441202', kind: 'town_station', dueOn: '2026-12-31', ...spec })
    .returning();
  return row;
}

let idSerial = 100;

/** A valid 18-digit resident ID number (GB 11643 check digit); odd `seq` is a man, even a woman. */
export function makeIdNumber(opts: { region?: string; birth?: string; seq?: number } = {}): string {
  const seq = opts.seq ?? ++idSerial;
  // A new birth day every thousand numbers keeps the numbers unique however many a test makes.
  const birth = opts.birth ?? new Date(Date.UTC(1990, 4, 17 + Math.floor(seq / 1000))).toISOString().slice(0, 10);
  const body = `${opts.region ?? '441202'}${birth.replaceAll('-', '')}${String(seq % 1000).padStart(3, '0')}`;
  return body + idCardCheckChar(body);
}

/** A worker with the first employment row the service would open; in 端州区 by default. */
export async function createWorker(
  db: Db,
  pii: PiiCipher,
  spec: Partial<typeof workers.$inferInsert> & { idNumber?: string } = {},
) {
  const { idNumber = makeIdNumber(), ...rest } = spec;
  const [row] = await db
    .insert(workers)
    .values({
      name: `测试社工${++counter}`,
      sex: '1',
      regionCode: '441202',
      category: 'professional',
      joinedOn: '2020-01-01',
      idNumberEnc: pii.encrypt(idNumber),
      idNumberHash: pii.hash(idNumber),
      ...rest,
    })
    .returning();
  await db.insert(workerEmployments).values({
    workerId: row.id,
    regionCode: row.regionCode,
    organizationId: row.organizationId,
    jobTitle: row.jobTitle,
    startedOn: row.joinedOn,
  });
  return row;
}

export async function createQualification(
  db: Db,
  spec: Partial<typeof qualifications.$inferInsert> & { workerId: string },
) {
  const [row] = await db
    .insert(qualifications)
    .values({
      level: 'assistant',
      obtainedOn: '2021-10-01',
      examYear: 2021,
      certificateNo: `CERT-${++counter}`,
      ...spec,
    })
    .returning();
  return row;
}

export async function createExamRegistration(
  db: Db,
  spec: Partial<typeof examRegistrations.$inferInsert> & { workerId: string; regionCode: string },
) {
  const [row] = await db
    .insert(examRegistrations)
    .values({ year: 2025, level: 'assistant', ...spec })
    .returning();
  return row;
}

/** A training of `worker` (its region is the worker's), one day of 4 hours unless said. */
export async function createTraining(
  db: Db,
  worker: { id: string; regionCode: string },
  spec: Partial<typeof trainingRecords.$inferInsert> = {},
) {
  const startedOn = spec.startedOn ?? '2025-06-02';
  const [row] = await db
    .insert(trainingRecords)
    .values({
      workerId: worker.id,
      regionCode: worker.regionCode,
      course: `培训课程${++counter}`,
      startedOn,
      endedOn: spec.endedOn ?? startedOn,
      hours: 4,
      ...spec,
    })
    .returning();
  return row;
}

export async function createSupervisionSession(
  db: Db,
  spec: Partial<typeof supervisionSessions.$inferInsert> & { superviseeIds: string[] },
) {
  const { superviseeIds, ...rest } = spec;
  const [row] = await db
    .insert(supervisionSessions)
    .values({
      regionCode: '441202',
      supervisorName: `督导${++counter}`,
      heldOn: '2026-02-10',
      hours: 2,
      mode: superviseeIds.length > 1 ? 'group' : 'individual',
      ...rest,
    })
    .returning();
  await db.insert(supervisionSupervisees).values(superviseeIds.map((workerId) => ({ sessionId: row.id, workerId })));
  return row;
}

export async function createPosition(db: Db, spec: Partial<typeof positions.$inferInsert> = {}) {
  const [row] = await db
    .insert(positions)
    .values({
      regionCode: '441202',
      title: `社工岗位${++counter}`,
      level: 'assistant',
      fundedBy: 'fiscal',
      establishedOn: '2024-01-01',
      ...spec,
    })
    .returning();
  return row;
}

export async function createTarget(db: Db, spec: Partial<typeof targets.$inferInsert> = {}) {
  const [row] = await db
    .insert(targets)
    .values({ regionCode: '441202', metric: 'certified', value: 100, dueOn: '2027-12-31', ...spec })
    .returning();
  return row;
}
