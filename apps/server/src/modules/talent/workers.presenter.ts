import { birthYearOf, maskIdCard, maskPhone } from '@lianxin/shared';
import { inScope } from '../../platform/access.ts';
import type { Actor } from '../../platform/context.ts';
import type { PiiCipher } from '../../platform/pii.ts';
import { type CATEGORIES, LEVELS, type Level } from './talent.rules.ts';
import type { assignmentsOf, employmentsOf, positionsHeldBy, WorkerRow } from './workers.repo.ts';

/**
 * ID number and phone are always masked here; the clear value comes only from the audited reveal.
 * The full birth date goes only to a viewer who may reveal the ID number anyway: beside a masked
 * number it would narrow the number down (it is eight of its digits), so others see the year.
 */
export function presentWorker(r: WorkerRow, regionNames: Map<string, string>, viewer: Actor, pii: PiiCipher) {
  const mine = inScope(r.regionCode, viewer.scopes);
  const mayReveal = mine && viewer.permissions.has('pii:read');
  return {
    id: r.id,
    name: r.name,
    sex: r.sex,
    birthDate: mayReveal ? r.birthDate : null,
    birthYear: birthYearOf(r.birthDate),
    idNumber: maskIdCard(pii.decrypt(r.idNumberEnc)),
    phone: r.phoneEnc ? maskPhone(pii.decrypt(r.phoneEnc)) : null,
    education: r.education,
    major: r.major,
    category: r.category as (typeof CATEGORIES)[number],
    regionCode: r.regionCode,
    regionName: regionNames.get(r.regionCode) ?? r.regionCode,
    organization: r.organizationId ? { id: r.organizationId, name: r.organizationName ?? '' } : null,
    jobTitle: r.jobTitle,
    station: r.stationId ? { id: r.stationId, name: r.stationName ?? '' } : null,
    currentLevel: r.levelRank ? (LEVELS[r.levelRank - 1] as Level) : null,
    status: r.status as 'active' | 'left',
    joinedOn: r.joinedOn,
    leftOn: r.leftOn,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
    abilities: {
      update: mine && viewer.permissions.has('talent:worker:update'),
      editQualifications: mine && viewer.permissions.has('talent:qualification:edit'),
      recordTraining: mine && viewer.permissions.has('talent:training:edit'),
      revealIdNumber: mayReveal,
      revealPhone: mine && viewer.permissions.has('pii:read') && !!r.phoneEnc,
    },
  };
}

export function presentHistory(
  employments: Awaited<ReturnType<typeof employmentsOf>>,
  assignments: Awaited<ReturnType<typeof assignmentsOf>>,
  held: Awaited<ReturnType<typeof positionsHeldBy>>,
  regionNames: Map<string, string>,
) {
  return {
    employments: employments.map((e) => ({
      id: e.id,
      regionCode: e.regionCode,
      regionName: regionNames.get(e.regionCode) ?? e.regionCode,
      organization: e.organizationId ? { id: e.organizationId, name: e.organizationName ?? '' } : null,
      jobTitle: e.jobTitle,
      startedOn: e.startedOn,
      endedOn: e.endedOn,
    })),
    stationAssignments: assignments.map((a) => ({
      id: a.id,
      station: { id: a.stationId, name: a.stationName },
      regionCode: a.regionCode,
      startedOn: a.startedOn,
      endedOn: a.endedOn,
    })),
    positions: held.map((p) => ({ id: p.positionId, title: p.title, startedOn: p.startedOn, endedOn: p.endedOn })),
  };
}
