import { and, asc, count, desc, eq, getTableColumns, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { scopeWhere } from '../../platform/access.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { examRegistrations } from './exams.table.ts';
import { qualifications } from './qualifications.table.ts';
import { workers } from './workers.table.ts';

const sponsor = alias(organizations, 'sponsor');

const withNames = {
  ...getTableColumns(examRegistrations),
  workerName: workers.name,
  sponsorName: sponsor.name,
  qualificationId: qualifications.id,
  certificateNo: qualifications.certificateNo,
};

export type ExamRow = typeof examRegistrations.$inferSelect & {
  workerName: string;
  sponsorName: string | null;
  qualificationId: string | null;
  certificateNo: string | null;
};

function selectExams(db: Db) {
  return db
    .select(withNames)
    .from(examRegistrations)
    .innerJoin(workers, eq(workers.id, examRegistrations.workerId))
    .leftJoin(sponsor, eq(sponsor.id, examRegistrations.sponsorOrganizationId))
    .leftJoin(qualifications, eq(qualifications.examRegistrationId, examRegistrations.id));
}

/** A registration is in scope by the region where the person registered. */
export async function findExamRegistration(
  db: Db,
  scopes: readonly string[],
  id: string,
): Promise<ExamRow | undefined> {
  const [row] = await selectExams(db)
    .where(and(eq(examRegistrations.id, id), scopeWhere(examRegistrations.regionCode, scopes)))
    .limit(1);
  return row;
}

export interface ExamFilter {
  year?: number;
  level?: string;
  result?: string;
  regionCode?: string;
  workerId?: string;
  sponsorOrganizationId?: string;
  page: number;
  pageSize: number;
}

export async function listExamRegistrations(db: Db, scopes: readonly string[], f: ExamFilter) {
  const conds: (SQL | undefined)[] = [scopeWhere(examRegistrations.regionCode, scopes)];
  if (f.regionCode) conds.push(scopeWhere(examRegistrations.regionCode, [f.regionCode]));
  if (f.year) conds.push(eq(examRegistrations.year, f.year));
  if (f.level) conds.push(eq(examRegistrations.level, f.level));
  if (f.result) conds.push(eq(examRegistrations.result, f.result));
  if (f.workerId) conds.push(eq(examRegistrations.workerId, f.workerId));
  if (f.sponsorOrganizationId) conds.push(eq(examRegistrations.sponsorOrganizationId, f.sponsorOrganizationId));
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    selectExams(db)
      .where(where)
      .orderBy(
        desc(examRegistrations.year),
        asc(examRegistrations.regionCode),
        asc(workers.name),
        asc(examRegistrations.id),
      )
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ total: count() }).from(examRegistrations).where(where),
  ]);
  return { rows, total };
}
