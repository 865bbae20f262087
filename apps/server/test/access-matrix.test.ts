import { BUILTIN_ROLE_CODES, BUILTIN_ROLES, type BuiltinRoleCode } from '@lianxin/shared';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { createSession } from '../src/platform/auth/sessions.ts';
import type { RouteInfo } from '../src/platform/http.ts';
import { dictTypes } from '../src/modules/dicts/dicts.table.ts';
import { roles } from '../src/modules/roles/roles.table.ts';
import { exportWorkbook } from '../src/platform/excel/excel.workbook.ts';
import { organizationSheet } from '../src/modules/organizations/organizations.exchange.ts';
import { stationSheet } from '../src/modules/stations/stations.exchange.ts';
import { rosterSheet, templateSpec } from '../src/modules/talent/roster.sheet.ts';
import { useTestApp } from './app.ts';
import {
  createDeadline,
  createExamRegistration,
  createOrganization,
  createPairing,
  createPosition,
  createQualification,
  createStation,
  createSupervisionSession,
  createTarget,
  createUser,
  createWorker,
  makeIdNumber,
  nextCreditCode,
} from './factories.ts';
import { xlsxUpload } from './upload.ts';
import { trainingRecords } from '../src/modules/talent/development.table.ts';
import { honors } from '../src/modules/talent/qualifications.table.ts';

/**
 * Walks every registered route × every built-in role × a record inside and one outside the
 * caller's scope. A new route joins automatically; one whose path names a record must say what
 * kind (config.access) and, if it takes a body, get a valid sample here — or this test fails. An
 * authenticated POST that does not answer 201 must say whether it takes an Idempotency-Key.
 */
const t = useTestApp();

const NATIONAL: readonly BuiltinRoleCode[] = ['sysadmin', 'secadmin', 'auditor'];
const HOME = '441202'; // the caller's county
const AWAY = '441203'; // a sibling county: out of scope

interface Fixture {
  in: string;
  out: string;
  /** Text that must not appear in any list answer of an out-of-scope caller. */
  marker: string;
}
type FixtureMaker = () => Promise<Fixture>;

let seq = 0;
const fixtures: Record<string, FixtureMaker> = {
  user: async () => {
    const a = await createUser(t.database.db, t.pii, { regionCode: `${HOME}001`, username: `in-${++seq}` });
    const b = await createUser(t.database.db, t.pii, { regionCode: `${AWAY}001`, username: `outsider-${seq}` });
    return { in: a.id, out: b.id, marker: b.username };
  },
  role: async () => {
    const [a] = await t.database.db
      .insert(roles)
      .values({ code: `in_${++seq}`, name: '内', permissions: ['system:dict:list'], regionCode: HOME })
      .returning();
    const [b] = await t.database.db
      .insert(roles)
      .values({ code: `outrole_${seq}`, name: '外', permissions: ['system:dict:list'], regionCode: AWAY })
      .returning();
    return { in: a.id, out: b.id, marker: b.code };
  },
  region: async () => ({ in: `${HOME}001`, out: AWAY, marker: '鼎湖区' }),
  station: async () => {
    const a = await createStation(t.database.db, { regionCode: `${HOME}001`, name: `矩阵站内-${++seq}` });
    const b = await createStation(t.database.db, { regionCode: `${AWAY}001`, name: `矩阵站外-${seq}` });
    return { in: a.id, out: b.id, marker: b.name };
  },
  organization: async () => {
    const a = await createOrganization(t.database.db, { regionCode: HOME, name: `矩阵机构内-${++seq}` });
    const b = await createOrganization(t.database.db, { regionCode: AWAY, name: `矩阵机构外-${seq}` });
    return { in: a.id, out: b.id, marker: b.name };
  },
  pairing: async () => {
    const a = await createPairing(t.database.db, {
      regionCode: `${HOME}001`,
      supporterRegionCode: `${HOME}003`,
      name: `矩阵结对内-${++seq}`,
    });
    const b = await createPairing(t.database.db, {
      regionCode: `${AWAY}001`,
      supporterRegionCode: AWAY,
      name: `矩阵结对外-${seq}`,
    });
    return { in: a.id, out: b.id, marker: b.name };
  },
  deadline: async () => {
    const a = await createDeadline(t.database.db, { regionCode: HOME });
    const b = await createDeadline(t.database.db, { regionCode: AWAY, note: `矩阵目标外-${++seq}` });
    return { in: a.id, out: b.id, marker: b.note };
  },
  target: async () => {
    const a = await createTarget(t.database.db, { regionCode: HOME });
    const b = await createTarget(t.database.db, { regionCode: AWAY, source: `矩阵指标外-${++seq}` });
    return { in: a.id, out: b.id, marker: b.source };
  },
  worker: async () => {
    const a = await createWorker(t.database.db, t.pii, { regionCode: `${HOME}001`, name: `矩阵人内-${++seq}` });
    const b = await createWorker(t.database.db, t.pii, { regionCode: `${AWAY}001`, name: `矩阵人外-${seq}` });
    return { in: a.id, out: b.id, marker: b.name };
  },
  qualification: async () => {
    const a = await createWorker(t.database.db, t.pii, { regionCode: HOME });
    const b = await createWorker(t.database.db, t.pii, { regionCode: AWAY, name: `矩阵持证外-${++seq}` });
    const qa = await createQualification(t.database.db, { workerId: a.id });
    const qb = await createQualification(t.database.db, { workerId: b.id });
    return { in: qa.id, out: qb.id, marker: b.name };
  },
  honor: async () => {
    const a = await createWorker(t.database.db, t.pii, { regionCode: HOME });
    const b = await createWorker(t.database.db, t.pii, { regionCode: AWAY, name: `矩阵称号外-${++seq}` });
    const row = (workerId: string) => ({ workerId, kind: 'leading_talent', level: 'city', year: 2024 });
    const [ha, hb] = await t.database.db
      .insert(honors)
      .values([row(a.id), row(b.id)])
      .returning();
    return { in: ha.id, out: hb.id, marker: b.name };
  },
  examRegistration: async () => {
    const a = await createWorker(t.database.db, t.pii, { regionCode: HOME });
    const b = await createWorker(t.database.db, t.pii, { regionCode: AWAY, name: `矩阵考生外-${++seq}` });
    const ea = await createExamRegistration(t.database.db, { workerId: a.id, regionCode: HOME });
    const eb = await createExamRegistration(t.database.db, { workerId: b.id, regionCode: AWAY });
    return { in: ea.id, out: eb.id, marker: b.name };
  },
  training: async () => {
    const a = await createWorker(t.database.db, t.pii, { regionCode: HOME });
    const b = await createWorker(t.database.db, t.pii, { regionCode: AWAY, name: `矩阵学员外-${++seq}` });
    const row = (workerId: string, regionCode: string) => ({
      workerId,
      regionCode,
      course: '矩阵培训',
      startedOn: '2026-01-05',
      endedOn: '2026-01-05',
      hours: 2,
    });
    const [ta, tb] = await t.database.db
      .insert(trainingRecords)
      .values([row(a.id, HOME), row(b.id, AWAY)])
      .returning();
    return { in: ta.id, out: tb.id, marker: b.name };
  },
  supervisionSession: async () => {
    const a = await createWorker(t.database.db, t.pii, { regionCode: HOME });
    const b = await createWorker(t.database.db, t.pii, { regionCode: AWAY });
    const sa = await createSupervisionSession(t.database.db, { regionCode: HOME, superviseeIds: [a.id] });
    const sb = await createSupervisionSession(t.database.db, {
      regionCode: AWAY,
      supervisorName: `矩阵督导外-${++seq}`,
      superviseeIds: [b.id],
    });
    return { in: sa.id, out: sb.id, marker: sb.supervisorName };
  },
  position: async () => {
    const a = await createPosition(t.database.db, { regionCode: `${HOME}001` });
    const b = await createPosition(t.database.db, { regionCode: AWAY, title: `矩阵岗位外-${++seq}` });
    return { in: a.id, out: b.id, marker: b.title };
  },
  session: async () => {
    const a = await createUser(t.database.db, t.pii, { regionCode: HOME, username: `s-in-${++seq}` });
    const b = await createUser(t.database.db, t.pii, { regionCode: AWAY, username: `s-outsider-${seq}` });
    const now = t.clock.now();
    const common = { now, ip: '10.0.0.1', userAgent: 'matrix', stage: 'full' as const, absoluteHours: 12 };
    const sa = await createSession(t.database.db, { userId: a.id, ...common });
    const sb = await createSession(t.database.db, { userId: b.id, ...common });
    return { in: sa.handle, out: sb.handle, marker: b.username };
  },
};

/** Values for 'global' (not region-scoped) path parameters. */
async function globalParam(name: string): Promise<string> {
  if (name === 'code') return 'sys_user_sex';
  if (name === 'key') return 'sys.name';
  const [d] = await t.database.db.select().from(dictTypes).where(eq(dictTypes.code, 'sys_yes_no'));
  return d.id;
}

/** A valid body per route, so a request reaches the scope check instead of stopping at validation. */
const BODIES: Record<string, (id: string) => unknown> = {
  'PUT /api/v1/users/:id': () => ({ displayName: '矩阵', regionCode: `${HOME}001`, status: 'active', version: 1 }),
  'PUT /api/v1/users/:id/roles': () => ({ roleIds: [], version: 1 }),
  'POST /api/v1/users/:id/reset-password': () => ({ password: 'Matrix#Pass2026' }),
  'POST /api/v1/users/:id/reveal': () => ({ field: 'phone' }),
  'PUT /api/v1/roles/:id': () => ({ name: '改', permissions: ['system:dict:list'], version: 1 }),
  'PUT /api/v1/params/:key': () => ({ value: '连心', version: 1 }),
  'PUT /api/v1/dict-types/:id': () => ({ name: '是否', version: 1 }),
  'PUT /api/v1/dict-items/:id': () => ({ label: '是', version: 1 }),
  'PUT /api/v1/stations/:id': () => ({ kind: 'point', regionCode: `${HOME}001`, name: '矩阵站点', version: 1 }),
  'POST /api/v1/stations/:id/status': () => ({ status: 'operating', on: '2026-02-01' }),
  'PUT /api/v1/organizations/:id': () => ({ type: 'agency', name: '矩阵机构', regionCode: HOME, version: 1 }),
  'POST /api/v1/organizations/:id/reveal': () => ({ field: 'contactPhone' }),
  'PUT /api/v1/pairings/:id': () => ({
    kind: 'region_region',
    name: '矩阵结对',
    regionCode: `${HOME}001`,
    supporterRegionCode: `${HOME}003`,
    startsOn: '2025-01-01',
    version: 1,
  }),
  'POST /api/v1/pairings/:id/deliveries': () => ({ deliveredOn: '2026-01-15', peopleTrained: 3 }),
  'PUT /api/v1/workers/:id': () => ({ major: '矩阵', version: 1 }),
  'POST /api/v1/workers/:id/employments': () => ({ regionCode: `${HOME}001`, startedOn: '2026-01-01' }),
  'POST /api/v1/workers/:id/station-assignments': () => ({
    stationId: '00000000-0000-7000-8000-000000000000',
    startedOn: '2026-01-01',
  }),
  'POST /api/v1/workers/:id/station-assignments/end': () => ({ endedOn: '2026-01-01' }),
  'POST /api/v1/workers/:id/departure': () => ({ leftOn: '2026-01-01' }),
  'POST /api/v1/workers/:id/reveal': () => ({ field: 'idNumber' }),
  'POST /api/v1/workers/:id/qualifications': () => ({ level: 'assistant', obtainedOn: '2024-10-01', examYear: 2024 }),
  'POST /api/v1/workers/:id/honors': () => ({ kind: 'leading_talent', level: 'city', year: 2024 }),
  'POST /api/v1/workers/:id/trainings': () => ({ course: '矩阵', startedOn: '2026-01-05', hours: 2 }),
  'PUT /api/v1/qualifications/:id': () => ({ issuingBody: '矩阵', version: 1 }),
  'PUT /api/v1/honors/:id': () => ({ kind: 'leading_talent', level: 'provincial', year: 2024, version: 1 }),
  'POST /api/v1/qualifications/:id/registrations': () => ({ registeredOn: '2025-01-01' }),
  'PUT /api/v1/trainings/:id': () => ({ hours: 3, version: 1 }),
  'PUT /api/v1/exam-registrations/:id': () => ({ note: '矩阵', version: 1 }),
  'PUT /api/v1/supervision-sessions/:id': () => ({ notes: '矩阵', version: 1 }),
  'PUT /api/v1/positions/:id': () => ({ note: '矩阵', version: 1 }),
  'POST /api/v1/positions/:id/holder': () => ({ workerId: null, on: '2026-01-01' }),
  'PUT /api/v1/targets/:id': () => ({ value: 100, version: 1 }),
  'PUT /api/v1/coverage-deadlines/:id': () => ({
    regionCode: HOME,
    kind: 'town_station',
    dueOn: '2026-12-31',
    version: 1,
  }),
  'POST /api/v1/directory/hsds': () => ({
    hsds_version: '3.0',
    organizations: [
      {
        id: crypto.randomUUID(),
        name: '矩阵导入机构',
        description: '社工机构',
        organization_identifiers: [
          { id: crypto.randomUUID(), identifier_type: '统一社会信用代码', identifier: nextCreditCode() },
        ],
        attributes: [
          {
            id: crypto.randomUUID(),
            value: HOME,
            taxonomy_term: {
              id: crypto.randomUUID(),
              code: 'region_code',
              name: '行政区划代码',
              description: '',
              taxonomy: 'lianxin',
            },
          },
        ],
      },
    ],
    services: [],
    locations: [],
    service_at_locations: [],
  }),
};

/** A valid workbook per Excel import route (multipart, so not a JSON body): one row inside the caller's county. */
const UPLOADS: Record<string, () => Promise<Buffer>> = {
  'POST /api/v1/stations/import': async () =>
    exportWorkbook(await stationSheet(t.database.db), [
      { name: `矩阵导入站-${++seq}`, kind: 'point', regionCode: `${HOME}001` },
    ]),
  'POST /api/v1/organizations/import': async () =>
    exportWorkbook(await organizationSheet(t.database.db), [
      { name: `矩阵导入机构-${++seq}`, type: 'agency', creditCode: nextCreditCode(HOME), regionCode: HOME },
    ]),
  'POST /api/v1/workers/import': async () =>
    exportWorkbook(templateSpec(await rosterSheet(t.database.db, t.clock.now())), [
      {
        name: `矩阵社工${++seq}`,
        idNumber: makeIdNumber({ region: HOME }),
        category: 'professional',
        regionCode: `${HOME}001`,
      },
    ]),
};

function routeKey(r: RouteInfo) {
  return `${r.method} ${r.url}`;
}

/** Permissions a service requires beyond the route's own (a user account's phone is for those who manage it and may read personal data). */
const ALSO_REQUIRES: Record<string, string[]> = {
  'POST /api/v1/users/:id/reveal': ['system:user:update'],
};

function holds(role: BuiltinRoleCode, r: RouteInfo) {
  if (r.permission === 'public' || r.permission === 'authenticated') return true;
  const held = BUILTIN_ROLES[role].permissions as string[];
  return [r.permission, ...(ALSO_REQUIRES[routeKey(r)] ?? [])].every((p) => held.includes(p));
}

const sessions = new Map<BuiltinRoleCode, string>();
beforeEach(() => sessions.clear());

async function cookieFor(role: BuiltinRoleCode) {
  if (!sessions.has(role)) {
    const u = await t.loginAs({
      role,
      regionCode: NATIONAL.includes(role) ? '' : HOME,
      username: `matrix-${role}-${++seq}`,
    });
    sessions.set(role, u.cookie);
  }
  return sessions.get(role)!;
}

function fill(url: string, param: string, value: string) {
  return url.replace(`:${param}`, encodeURIComponent(value));
}

describe('access matrix', () => {
  it('every route declares its access and has a sample body where it needs one', () => {
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1'));
    expect(routes.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const r of routes) {
      const params = [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1]);
      if (params.length && !r.access) problems.push(`${routeKey(r)}: names a record but declares no config.access`);
      if (r.access && r.access !== 'global' && !fixtures[r.access.fixture])
        problems.push(`${routeKey(r)}: no fixture '${r.access.fixture}'`);
      if (params.length && r.hasBody && !BODIES[routeKey(r)])
        problems.push(`${routeKey(r)}: add a valid sample body to BODIES`);
      // A create answering 201 takes an Idempotency-Key by itself; any other POST decides, so a create cannot forget.
      if (r.method === 'POST' && r.permission !== 'public' && !r.idempotent && !r.idempotentDeclared) {
        problems.push(
          `${routeKey(r)}: creates? answer 201 or set config.idempotent: true; otherwise say config.idempotent: false`,
        );
      }
    }
    expect(problems).toEqual([]);
  });

  it('anonymous callers get 401 from every non-public route', async () => {
    const leaks: string[] = [];
    for (const r of t.app.routeTable.filter((x) => x.url.startsWith('/api/v1') && x.permission !== 'public')) {
      const url = r.url.replace(/:(\w+)/g, '00000000-0000-7000-8000-000000000000');
      const res = await t.app.inject({ method: r.method as 'GET', url, payload: r.hasBody ? {} : undefined });
      if (res.statusCode !== 401) leaks.push(`${routeKey(r)} → ${res.statusCode}`);
    }
    expect(leaks).toEqual([]);
  });

  for (const role of BUILTIN_ROLE_CODES) {
    it(`${role}: forbidden without the permission, 404 out of scope, no out-of-scope rows in lists`, async () => {
      const cookie = await cookieFor(role);
      const national = NATIONAL.includes(role);
      const leaks: string[] = [];
      for (const r of t.app.routeTable.filter((x) => x.url.startsWith('/api/v1') && x.permission !== 'public')) {
        const key = routeKey(r);
        if (key === 'POST /api/v1/auth/logout' || key === 'POST /api/v1/regions/import') continue; // would end the session / load data
        const access = r.access;
        const upload = UPLOADS[key] ? xlsxUpload(await UPLOADS[key]()) : null;
        const call = async (url: string, id = '') =>
          t.app.inject({
            method: r.method as 'GET',
            url,
            headers: { cookie, ...upload?.headers },
            payload: upload ? upload.payload : r.hasBody ? (BODIES[key]?.(id) ?? {}) : undefined,
          });

        if (!access) {
          const res = await call(r.url);
          if (res.statusCode >= 500) leaks.push(`${key}: ${res.statusCode}`);
          if (!holds(role, r)) {
            if (res.statusCode !== 403) leaks.push(`${key}: ${res.statusCode} without permission`);
          } else if (upload && !(res.statusCode === 200 && res.json().committed)) {
            leaks.push(`${key}: the sample upload answered ${res.statusCode} ${res.body.slice(0, 200)}`);
          } else if (r.method === 'GET' && !national && res.statusCode === 200) {
            const markers = await Promise.all(Object.values(fixtures).map((f) => f().then((x) => x.marker)));
            const again = await call(r.url);
            for (const m of markers) if (again.body.includes(m)) leaks.push(`${key}: lists out-of-scope ${m}`);
          }
          continue;
        }
        if (access === 'global') {
          const param = r.url.match(/:(\w+)/)![1];
          const res = await call(fill(r.url, param, await globalParam(param)));
          if (res.statusCode >= 500) leaks.push(`${key}: ${res.statusCode}`);
          if (!holds(role, r) && res.statusCode !== 403) leaks.push(`${key}: ${res.statusCode} without permission`);
          continue;
        }
        const f = await fixtures[access.fixture]();
        const inRes = await call(fill(r.url, access.param, f.in), f.in);
        const outRes = await call(fill(r.url, access.param, f.out), f.out);
        // A crash is never an answer, whatever the caller may do.
        if (inRes.statusCode >= 500 || outRes.statusCode >= 500)
          leaks.push(`${key}: ${inRes.statusCode}/${outRes.statusCode}`);
        if (!holds(role, r)) {
          if (inRes.statusCode !== 403 || outRes.statusCode !== 403)
            leaks.push(`${key}: ${inRes.statusCode}/${outRes.statusCode} without permission`);
          continue;
        }
        if (inRes.statusCode === 404 || inRes.statusCode === 403)
          leaks.push(`${key}: in-scope record refused with ${inRes.statusCode}`);
        if (!national && outRes.statusCode !== 404)
          leaks.push(`${key}: out-of-scope record answered ${outRes.statusCode}`);
      }
      expect(leaks).toEqual([]);
      // Every route × two fixtures: minutes, not seconds, on a busy machine.
    }, 120_000);
  }
});
