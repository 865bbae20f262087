import { AppError, validationError } from '../../platform/errors.ts';

export const LEVELS = ['assistant', 'intermediate', 'senior'] as const;
export type Level = (typeof LEVELS)[number];
export const CATEGORIES = ['professional', 'community_worker', 'party_government', 'volunteer'] as const;
export const HONOR_LEVELS = ['national', 'provincial', 'city'] as const;
export const EXAM_RESULTS = ['pending', 'passed', 'failed', 'absent'] as const;
export type ExamResult = (typeof EXAM_RESULTS)[number];
export const SUPERVISION_MODES = ['individual', 'group'] as const;
export const REGISTRATION_STATUSES = ['unregistered', 'registered', 'renewal_due', 'lapsed'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

/** Higher rank, higher level: a worker's current level is the highest valid certificate. */
export const LEVEL_RANK: Record<Level, number> = { assistant: 1, intermediate: 2, senior: 3 };

/**
 * The subjects of each level of 社会工作者职业水平考试: the assistant and intermediate levels sit
 * 综合能力 and 实务 (the intermediate also 法规与政策); the senior level sits 实务 and is then reviewed.
 */
export const EXAM_SUBJECTS: Record<Level, readonly string[]> = {
  assistant: ['comprehensive', 'practice'],
  intermediate: ['comprehensive', 'practice', 'regulations'],
  senior: ['practice'],
};

export interface CertificateDates {
  level: string;
  obtainedOn: string;
  validUntil: string | null;
  revokedOn: string | null;
}

/** Valid on `day`: obtained by then, not past its end, not revoked by then (revoked from `revoked_on`). */
export function validOn(c: CertificateDates, day: string): boolean {
  return (
    c.obtainedOn <= day && (c.validUntil === null || c.validUntil >= day) && (c.revokedOn === null || c.revokedOn > day)
  );
}

export function currentLevel(certs: readonly CertificateDates[], day: string): Level | null {
  let best: Level | null = null;
  for (const c of certs) {
    if (!validOn(c, day)) continue;
    const level = c.level as Level;
    if (!best || LEVEL_RANK[level] > LEVEL_RANK[best]) best = level;
  }
  return best;
}

export interface RegistrationPeriod {
  registeredOn: string;
  renewalDueOn: string;
}

/** The registration status on `day` from the latest period begun by then; `dueDays` before the end it is due for renewal. */
export function registrationStatus(
  periods: readonly RegistrationPeriod[],
  day: string,
  dueDays: number,
): { status: RegistrationStatus; period: RegistrationPeriod | null } {
  const begun = periods
    .filter((p) => p.registeredOn <= day)
    .sort((a, b) => a.registeredOn.localeCompare(b.registeredOn));
  const period = begun.at(-1) ?? null;
  if (!period) return { status: 'unregistered', period: null };
  if (period.renewalDueOn < day) return { status: 'lapsed', period };
  return { status: addDays(day, dueDays) >= period.renewalDueOn ? 'renewal_due' : 'registered', period };
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The last day of a period of `years` begun on `day` (a three-year registration from 2024-03-01 ends 2027-02-28). */
export function periodEnd(day: string, years: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return addDays(d.toISOString().slice(0, 10), -1);
}

export function daysInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** A period's end, when it has one, is not before its start. */
export function assertPeriod(startedOn: string, endedOn: string | null | undefined, path = 'endedOn'): void {
  if (endedOn != null && endedOn < startedOn) throw validationError(path, 'validation.talent.endBeforeStart');
}

/** Dates of record are not in the future (a certificate obtained tomorrow is a typing slip). */
export function assertNotFuture(day: string | null | undefined, today: string, path: string): void {
  if (day != null && day > today) throw validationError(path, 'validation.talent.future');
}

/** Training hours: more than 0 and at most 24 for each day the course ran. */
export function assertTrainingHours(hours: number, startedOn: string, endedOn: string): void {
  const max = 24 * daysInclusive(startedOn, endedOn);
  if (!(hours > 0) || hours > max) throw validationError('hours', 'validation.talent.hours', { max });
}

/** Open periods (ended_on null) run forever; two periods overlap when each starts before the other ends. */
export function overlaps(
  a: { startedOn: string; endedOn: string | null },
  b: { startedOn: string; endedOn: string | null },
): boolean {
  return (a.endedOn === null || b.startedOn <= a.endedOn) && (b.endedOn === null || a.startedOn <= b.endedOn);
}

/** A certificate cannot be obtained before the year of its exam. */
export function assertAfterExam(obtainedOn: string, examYear: number | null | undefined, path = 'obtainedOn'): void {
  if (examYear != null && Number(obtainedOn.slice(0, 4)) < examYear)
    throw validationError(path, 'validation.qualification.beforeExam', { year: examYear });
}

/**
 * The subjects recorded must belong to the level; an absent candidate passed none, and a failed
 * one did not pass them all. A pass without a list passed every subject.
 */
export function examSubjects(level: Level, result: ExamResult, subjects: readonly string[] | undefined): string[] {
  const all = EXAM_SUBJECTS[level];
  const list = [...new Set(subjects ?? (result === 'passed' ? all : []))];
  const bad = list.findIndex((s) => !all.includes(s));
  if (bad >= 0) throw validationError(`subjectsPassed.${bad}`, 'validation.exam.subject');
  if (result === 'absent' && list.length > 0) throw validationError('subjectsPassed', 'validation.exam.absentSubjects');
  if (result === 'failed' && list.length === all.length)
    throw validationError('subjectsPassed', 'validation.exam.failedAllPassed');
  return list;
}

export const duplicate = (path: string, message: string, params?: Record<string, unknown>) =>
  new AppError('DUPLICATE', { errors: [{ path, message, params }] });
export const conflict = (path: string, message: string, params?: Record<string, unknown>) =>
  new AppError('CONFLICT', { errors: [{ path, message, params }] });
