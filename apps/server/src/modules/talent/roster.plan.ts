import crypto from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Db } from '../../db/client.ts';
import { inScope } from '../../platform/access.ts';
import type { AuditEntry } from '../../platform/audit/audit.service.ts';
import type { Ctx } from '../../platform/context.ts';
import type { PiiCipher } from '../../platform/pii.ts';
import { findRegions } from '../regions/regions.repo.ts';
import type { RosterRow, RowErrors } from './roster.check.ts';
import {
  assignmentsOfWorkers,
  type ExistingCertificate,
  type ExistingWorker,
  unscopedCertificatesBy,
  unscopedWorkersByHash,
  visibleOrganizationsNamed,
  visibleStationsNamed,
} from './roster.repo.ts';
import { certKeys } from './roster.sheet.ts';
import { addDays } from './talent.rules.ts';

type Outcome = 'created' | 'updated' | 'unchanged';

/** What one batch of rows will write, decided before any of it is written. */
export interface RosterPlan {
  workers: unknown[][];
  employments: unknown[][];
  assignments: unknown[][];
  certificates: unknown[][];
  workerUpdates: {
    id: string;
    version: number;
    set: Record<string, unknown>;
    employment: Record<string, unknown> | null;
  }[];
  endAssignments: { id: string; endedOn: string }[];
  certificateUpdates: { id: string; version: number; set: Record<string, unknown> }[];
}

/** What the whole file comes to, added up batch by batch. */
export interface RosterSummary {
  /** One audit row per person changed, with the fields; the people created are listed on the import's own row. */
  audits: AuditEntry[];
  created: string[];
  createdFields: Set<string>;
  counts: Record<Outcome, number>;
}

export const rosterSummary = (): RosterSummary => ({
  audits: [],
  created: [],
  createdFields: new Set(),
  counts: { created: 0, updated: 0, unchanged: 0 },
});

/** Where the clear ID number and phone sit in a planned worker row until they are encrypted, and the phone's hash is made. */
export const WORKER_CLEAR = { idNumber: 5, phone: 7, phoneHash: 8 } as const;

/**
 * Makes ids (UUIDv7, as newId) drawing random bytes 8,192 ids at a time: a draw per id was a tenth
 * of a 50,000-row import, which makes three ids a person.
 */
function idMaker(): () => string {
  let pool = Buffer.alloc(0);
  let at = 0;
  return () => {
    if (at === pool.length) {
      pool = crypto.randomBytes(16 * 8192);
      at = 0;
    }
    at += 16;
    return uuidv7({ random: pool.subarray(at - 16, at) });
  };
}

const newId = idMaker();
const s = (v: unknown) => (typeof v === 'string' ? v : null);
const distinct = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))];

/** The organization a row names: by credit code, else by a name only one visible organization has. */
function organizationOf(
  r: RosterRow,
  orgs: Awaited<ReturnType<typeof visibleOrganizationsNamed>>,
  errors: RowErrors,
): string | null | undefined {
  const code = s(r.v.organizationCreditCode);
  const name = s(r.v.organizationName);
  if (r.v.organizationCreditCode === undefined) return undefined;
  if (code) {
    const found = orgs.find((o) => o.creditCode === code);
    if (!found) errors.add(r.row, 'organizationCreditCode', 'validation.org.unknown');
    return found?.id;
  }
  if (!name) return null;
  const found = orgs.filter((o) => o.name === name);
  if (found.length === 0) errors.add(r.row, 'organizationName', 'validation.org.unknown');
  else if (found.length > 1) errors.add(r.row, 'organizationName', 'validation.roster.orgAmbiguous');
  return found.length === 1 ? found[0].id : undefined;
}

/** The station a row names among those in scope; a name used twice is settled by the row's region. */
function stationOf(r: RosterRow, stations: Awaited<ReturnType<typeof visibleStationsNamed>>, errors: RowErrors) {
  const name = s(r.v.stationName);
  if (!name) return null;
  const region = s(r.v.regionCode) ?? '';
  const named = stations.filter((x) => x.name === name);
  const near = named.filter((x) => x.regionCode.startsWith(region) || region.startsWith(x.regionCode));
  const pick = near.length ? near : named;
  if (pick.length === 0) errors.add(r.row, 'stationName', 'validation.talent.unknownStation');
  else if (pick.length > 1) errors.add(r.row, 'stationName', 'validation.roster.stationAmbiguous');
  return pick.length === 1 ? pick[0] : undefined;
}

/** What a batch's rows name, as it is in the database: people by ID number, their certificates and residencies, places. */
export interface RosterLookups {
  byHash: Map<string, ExistingWorker>;
  known: Set<string>;
  orgs: Awaited<ReturnType<typeof visibleOrganizationsNamed>>;
  stations: Awaited<ReturnType<typeof visibleStationsNamed>>;
  byNumber: Map<string, ExistingCertificate>;
  certsOf: Map<string, ExistingCertificate[]>;
  assignmentsOf: Map<string, Awaited<ReturnType<typeof assignmentsOfWorkers>>>;
}

/**
 * Looks up everything a batch of rows names, one query per kind of thing. `parallel` sends the
 * queries at once, for a pool; a transaction is one connection, which runs one at a time anyway.
 */
export async function lookUpRoster(
  db: Db,
  ctx: Ctx,
  rows: readonly RosterRow[],
  parallel: boolean,
): Promise<RosterLookups> {
  const hashes = distinct(rows.map((r) => r.hash));
  const numbers = distinct(rows.flatMap((r) => r.certificates.map((c) => c.certificateNo)));
  const people = async () => {
    const existing = await unscopedWorkersByHash(db, hashes);
    const ids = existing.map((w) => w.id);
    const certs = await unscopedCertificatesBy(db, ids, numbers);
    const assignments = await assignmentsOfWorkers(db, ids);
    return { existing, certs, assignments };
  };
  const regionsNamed = () => findRegions(db, distinct(rows.map((r) => s(r.v.regionCode))));
  const orgsNamed = () =>
    visibleOrganizationsNamed(
      db,
      ctx.actor.scopes,
      distinct(rows.map((r) => s(r.v.organizationCreditCode))),
      distinct(rows.map((r) => (r.v.organizationCreditCode ? null : s(r.v.organizationName)))),
    );
  const stationsNamed = () => visibleStationsNamed(db, ctx.actor.scopes, distinct(rows.map((r) => s(r.v.stationName))));
  const [found, regions, orgs, stations] = parallel
    ? await Promise.all([people(), regionsNamed(), orgsNamed(), stationsNamed()])
    : [await people(), await regionsNamed(), await orgsNamed(), await stationsNamed()];
  return {
    byHash: new Map(found.existing.map((w) => [w.idNumberHash, w])),
    known: new Set(regions.map((r) => r.code)),
    orgs,
    stations,
    byNumber: new Map(found.certs.filter((c) => c.certificateNo).map((c) => [c.certificateNo as string, c])),
    certsOf: groupBy(found.certs, (c) => c.workerId),
    assignmentsOf: groupBy(found.assignments, (a) => a.workerId),
  };
}

/**
 * Decides row by row what a batch inserts and what it updates, from its lookups, adding to
 * `summary`. Rows with errors are left out of the plan; any error in the file means no plan of it
 * is run.
 */
export function planRoster(
  looked: RosterLookups,
  ctx: Ctx,
  pii: PiiCipher,
  rows: readonly RosterRow[],
  today: string,
  errors: RowErrors,
  filename: string,
  summary: RosterSummary,
): RosterPlan {
  const { byHash, known, orgs, stations, byNumber, certsOf, assignmentsOf } = looked;
  const plan: RosterPlan = {
    workers: [],
    employments: [],
    assignments: [],
    certificates: [],
    workerUpdates: [],
    endAssignments: [],
    certificateUpdates: [],
  };
  for (const r of rows) {
    const region = s(r.v.regionCode);
    if (region && inScope(region, ctx.actor.scopes) && !known.has(region))
      errors.add(r.row, 'regionCode', 'validation.region.unknown');
    const organizationId = organizationOf(r, orgs, errors);
    const station = stationOf(r, stations, errors);
    const found = r.hash ? byHash.get(r.hash) : undefined;
    if (found && !inScope(found.regionCode, ctx.actor.scopes)) {
      errors.add(r.row, 'idNumber', 'validation.roster.outsideScope');
      continue;
    }
    const certChanges = planCertificates(r, found, certsOf.get(found?.id ?? '') ?? [], byNumber, errors);
    if (errors.rows.has(r.row)) continue;
    const v = r.v;
    const fields = {
      name: v.name as string,
      education: s(v.education),
      major: s(v.major) ?? '',
      category: v.category as string,
      regionCode: region as string,
      organizationId: organizationId ?? null,
      jobTitle: s(v.jobTitle) ?? '',
      note: s(v.note) ?? '',
    };
    const phone = s(v.phone);
    const certFields = certChanges.map((c) => `${c.level}Certificate`);
    const workerId = found?.id ?? newId();
    for (const c of certChanges) {
      if (c.update) plan.certificateUpdates.push({ id: c.update.id, version: c.update.version, set: c.set });
      else
        plan.certificates.push([
          newId(),
          workerId,
          c.level,
          c.set.certificateNo,
          c.set.obtainedOn,
          c.set.examYear,
          ctx.now,
          ctx.now,
        ]);
    }
    if (!found) {
      const joinedOn = s(v.joinedOn) ?? today;
      const sex = s(v.sex) ?? r.idSex ?? '9';
      // ID number and phone in clear at WORKER_CLEAR, the phone's hash left to make: sealed and
      // hashed only when written (a dry run never needs them).
      plan.workers.push([
        workerId,
        fields.regionCode,
        fields.name,
        sex,
        s(v.birthDate) ?? r.idBirthDate,
        r.idNumber,
        r.hash,
        phone,
        null,
        fields.education,
        fields.major,
        fields.category,
        fields.organizationId,
        fields.jobTitle,
        joinedOn,
        fields.note,
        ctx.now,
        ctx.now,
      ]);
      plan.employments.push([
        newId(),
        workerId,
        fields.regionCode,
        fields.organizationId,
        fields.jobTitle,
        joinedOn,
        ctx.now,
      ]);
      if (station)
        plan.assignments.push([
          newId(),
          workerId,
          station.id,
          station.regionCode,
          s(v.stationFrom) ?? joinedOn,
          ctx.now,
        ]);
      // The fields any created person has filled, for the import's audit row: looked at cell by
      // cell rather than through an object per row, which on 50,000 rows was most of the plan's time.
      const filled = summary.createdFields;
      for (const k of FIELD_KEYS) if (!filled.has(k) && fields[k] != null && fields[k] !== '') filled.add(k);
      if (r.idNumber) filled.add('idNumber');
      if (phone) filled.add('phone');
      if (s(v.sex)) filled.add('sex');
      if (s(v.birthDate)) filled.add('birthDate');
      if (s(v.joinedOn)) filled.add('joinedOn');
      if (station) filled.add('stationId');
      for (const f of certFields) filled.add(f);
      summary.created.push(workerId);
      summary.counts.created++;
      continue;
    }
    const next: Record<string, unknown> = {
      ...fields,
      sex: s(v.sex) ?? found.sex,
      birthDate: s(v.birthDate) ?? found.birthDate,
    };
    const changed = Object.keys(next).filter((k) => next[k] !== found[k as keyof ExistingWorker]);
    const set: Record<string, unknown> = Object.fromEntries(changed.map((k) => [k, next[k]]));
    const phoneHash = phone ? pii.hash(phone) : null;
    if (phoneHash !== found.phoneHash) {
      changed.push('phone');
      Object.assign(set, { phoneEnc: phone ? pii.encrypt(phone) : null, phoneHash });
    }
    const stationFields = planStation(r, found, station, assignmentsOf.get(found.id) ?? [], today, plan, ctx, errors);
    if (errors.rows.has(r.row)) continue;
    if (changed.length) {
      const moved = changed.some((k) => k === 'regionCode' || k === 'organizationId' || k === 'jobTitle');
      plan.workerUpdates.push({
        id: found.id,
        version: found.version,
        set,
        employment: moved
          ? { regionCode: fields.regionCode, organizationId: fields.organizationId, jobTitle: fields.jobTitle }
          : null,
      });
    }
    const all = [...changed, ...stationFields, ...certFields];
    if (all.length === 0) {
      summary.counts.unchanged++;
      continue;
    }
    summary.audits.push({
      action: 'update',
      entity: 'worker',
      entityIds: [found.id],
      regionCode: fields.regionCode,
      fields: all,
      detail: { import: filename },
    });
    summary.counts.updated++;
  }
  return plan;
}

/** The worker fields a row sets (see planRoster's `fields`). */
const FIELD_KEYS = [
  'name',
  'education',
  'major',
  'category',
  'regionCode',
  'organizationId',
  'jobTitle',
  'note',
] as const;

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const list = m.get(key(x));
    if (list) list.push(x);
    else m.set(key(x), [x]);
  }
  return m;
}

/**
 * A person's certificate of a level is the one the row's number names, else their latest of that
 * level (so an edited number corrects it rather than adding a second). A number held by any other
 * certificate, of anyone, is refused.
 */
function planCertificates(
  r: RosterRow,
  worker: ExistingWorker | undefined,
  mine: readonly ExistingCertificate[],
  byNumber: Map<string, ExistingCertificate>,
  errors: RowErrors,
) {
  const out: { level: string; update: ExistingCertificate | null; set: Record<string, unknown> }[] = [];
  for (const c of r.certificates) {
    const k = certKeys(c.level);
    const ofLevel = mine
      .filter((m) => m.level === c.level && !m.revokedOn)
      .sort((a, b) => b.obtainedOn.localeCompare(a.obtainedOn));
    const match = worker ? (ofLevel.find((m) => m.certificateNo === c.certificateNo) ?? ofLevel[0] ?? null) : null;
    const holder = byNumber.get(c.certificateNo);
    if (holder && holder.id !== match?.id) {
      errors.add(r.row, k.no, 'validation.qualification.numberTaken');
      continue;
    }
    if (!match) {
      out.push({
        level: c.level,
        update: null,
        set: { certificateNo: c.certificateNo, obtainedOn: c.obtainedOn, examYear: c.examYear },
      });
      continue;
    }
    // A certificate from an exam pass keeps the exam's year: it changes with the exam record.
    if (match.examRegistrationId && c.examYear !== null && c.examYear !== match.examYear) {
      errors.add(r.row, k.year, 'validation.qualification.fromExam');
      continue;
    }
    const examYear = match.examRegistrationId ? match.examYear : c.examYear;
    const next = { certificateNo: c.certificateNo, obtainedOn: c.obtainedOn, examYear };
    const set = Object.fromEntries(
      Object.entries(next).filter(([key, val]) => val !== match[key as keyof typeof next]),
    );
    if (Object.keys(set).length) out.push({ level: c.level, update: match, set });
  }
  return out;
}

/** A named station the person is not resident at now: the current residency ends the day before the new one. */
function planStation(
  r: RosterRow,
  worker: ExistingWorker,
  station: { id: string; regionCode: string } | null | undefined,
  history: readonly { id: string; stationId: string; startedOn: string; endedOn: string | null }[],
  today: string,
  plan: RosterPlan,
  ctx: Ctx,
  errors: RowErrors,
): string[] {
  if (!station) return [];
  const current = history.find((a) => a.endedOn === null);
  if (current?.stationId === station.id) return [];
  if (worker.status === 'left') {
    errors.add(r.row, 'stationName', 'validation.worker.alreadyLeft');
    return [];
  }
  const from = s(r.v.stationFrom) ?? today;
  if (current && from <= current.startedOn) {
    errors.add(r.row, 'stationFrom', 'validation.roster.stationMoveBefore', { date: current.startedOn });
    return [];
  }
  const past = history.find((a) => a.endedOn !== null && a.endedOn >= from);
  if (past) {
    errors.add(r.row, 'stationFrom', 'validation.assignment.overlap', { from: past.startedOn, to: past.endedOn });
    return [];
  }
  if (current) plan.endAssignments.push({ id: current.id, endedOn: addDays(from, -1) });
  plan.assignments.push([newId(), worker.id, station.id, station.regionCode, from, ctx.now]);
  return ['stationId'];
}
