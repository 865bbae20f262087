import type { honors, qualificationRegistrations } from './qualifications.table.ts';
import type { QualificationRow } from './qualifications.repo.ts';
import { currentLevel, type Level, registrationStatus, validOn } from './talent.rules.ts';

type RegistrationRow = typeof qualificationRegistrations.$inferSelect;

export function presentCertificate(q: QualificationRow, periods: RegistrationRow[], today: string, dueDays: number) {
  const { status, period } = registrationStatus(periods, today, dueDays);
  return {
    id: q.id,
    level: q.level as Level,
    certificateNo: q.certificateNo,
    /** From an exam pass, waiting for the worker to confirm the number. */
    numberPending: q.certificateNo === null,
    obtainedOn: q.obtainedOn,
    issuingBody: q.issuingBody,
    examYear: q.examYear,
    examRegistrationId: q.examRegistrationId,
    validUntil: q.validUntil,
    revokedOn: q.revokedOn,
    revokeReason: q.revokeReason,
    valid: validOn(q, today),
    registration: { status, registeredOn: period?.registeredOn ?? null, renewalDueOn: period?.renewalDueOn ?? null },
    registrations: periods.map((p) => ({
      id: p.id,
      registeredOn: p.registeredOn,
      renewalDueOn: p.renewalDueOn,
      registrationNo: p.registrationNo,
    })),
    version: q.version,
  };
}

export function presentQualifications(
  certs: QualificationRow[],
  periods: RegistrationRow[],
  honorRows: (typeof honors.$inferSelect)[],
  today: string,
  dueDays: number,
) {
  return {
    currentLevel: currentLevel(certs, today),
    certificates: certs.map((q) =>
      presentCertificate(
        q,
        periods.filter((p) => p.qualificationId === q.id),
        today,
        dueDays,
      ),
    ),
    honors: honorRows.map((h) => ({
      id: h.id,
      kind: h.kind,
      level: h.level as 'national' | 'provincial' | 'city',
      year: h.year,
      awardedBy: h.awardedBy,
      note: h.note,
      version: h.version,
    })),
  };
}
