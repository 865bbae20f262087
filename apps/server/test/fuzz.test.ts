import { PERMISSIONS } from '@lianxin/shared';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createSession, COOKIE_PLAIN } from '../src/platform/auth/sessions.ts';
import { dictTypes } from '../src/modules/dicts/dicts.table.ts';
import { roles } from '../src/modules/roles/roles.table.ts';
import { userRoles, userScopes } from '../src/modules/users/users.table.ts';
import { honors } from '../src/modules/talent/qualifications.table.ts';
import { trainingRecords } from '../src/modules/talent/development.table.ts';
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
} from './factories.ts';

/**
 * Bad input is a 4xx, never a 500 (issue #9, finding 10). Walks every operation of the OpenAPI
 * document as a national user holding every permission and puts one bad value at a time into each
 * path parameter, query parameter and body field the schema declares: text with a NUL or a lone
 * surrogate, dates in year 0000 and 1000, huge numbers, values of the wrong type, and a truncated
 * multipart body where an operation takes a file. No answer may be a 5xx; every 4xx is
 * problem+json; NUL and lone surrogates are refused with 400 naming the field. Plain loops over
 * fixed values: the same requests on every run.
 */
const t = useTestApp({
  LIANXIN_LOGIN_RATE_LIMIT: '100000',
  LIANXIN_PUBLIC_RATE_LIMIT: '100000',
  LIANXIN_REVEAL_RATE_LIMIT: '100000',
  LIANXIN_IMPORT_RATE_LIMIT: '100000',
});

type Schema = {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  pattern?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  minLength?: number;
  minimum?: number;
  nullable?: boolean;
  default?: unknown;
};
interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie';
  name: string;
  schema: Schema;
  required?: boolean;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

const NUL = 'a\u0000b';
const SURROGATE = 'a\uD800b';
const BAD_DAYS = ['0000-01-01', '1000-01-01'];
const HUGE = [1e308, 2 ** 31, -(2 ** 63)];

/** One record of each kind the routes name, inside the caller's (national) scope. */
async function recordIds(): Promise<Record<string, string>> {
  const { db } = t.database;
  const worker = await createWorker(db, t.pii, { regionCode: '441202001' });
  const user = await createUser(db, t.pii, { regionCode: '441202' });
  const [role] = await db
    .insert(roles)
    .values({ code: 'fuzz_role', name: '模糊', permissions: ['system:dict:list'], regionCode: '441202' })
    .returning();
  const [honor] = await db
    .insert(honors)
    .values({ workerId: worker.id, kind: 'leading_talent', level: 'city', year: 2024 })
    .returning();
  const [training] = await db
    .insert(trainingRecords)
    .values({
      workerId: worker.id,
      regionCode: '441202',
      course: '模糊培训',
      startedOn: '2026-01-05',
      endedOn: '2026-01-05',
      hours: 2,
    })
    .returning();
  const session = await createSession(db, {
    userId: user.id,
    now: t.clock.now(),
    ip: '10.0.0.1',
    userAgent: 'fuzz',
    stage: 'full',
    absoluteHours: 12,
  });
  const [dict] = await db.select().from(dictTypes).where(eq(dictTypes.code, 'sys_yes_no'));
  return {
    user: user.id,
    role: role.id,
    region: '441202001',
    station: (await createStation(db, { regionCode: '441202001' })).id,
    organization: (await createOrganization(db, { regionCode: '441202' })).id,
    pairing: (await createPairing(db, { regionCode: '441202001', supporterRegionCode: '441202003' })).id,
    deadline: (await createDeadline(db, { regionCode: '441202' })).id,
    target: (await createTarget(db, { regionCode: '441202' })).id,
    worker: worker.id,
    qualification: (await createQualification(db, { workerId: worker.id })).id,
    honor: honor.id,
    examRegistration: (await createExamRegistration(db, { workerId: worker.id, regionCode: '441202' })).id,
    training: training.id,
    supervisionSession: (await createSupervisionSession(db, { regionCode: '441202', superviseeIds: [worker.id] })).id,
    position: (await createPosition(db, { regionCode: '441202001' })).id,
    session: session.handle,
    code: 'sys_user_sex',
    key: 'sys.name',
    dict: dict.id,
  };
}

/** A national account holding every permission, signed in. */
async function superCookie(): Promise<string> {
  const { db } = t.database;
  const u = await createUser(t.database.db, t.pii, {
    role: 'social_worker',
    regionCode: '',
    username: `fuzz-all-${Date.now()}`,
  });
  const [all] = await db
    .insert(roles)
    .values({ code: `fuzz_all_${u.id.slice(-6)}`, name: '全部', permissions: [...PERMISSIONS], regionCode: '' })
    .returning();
  await db.delete(userRoles).where(eq(userRoles.userId, u.id));
  await db.insert(userRoles).values({ userId: u.id, roleId: all.id });
  await db.delete(userScopes).where(eq(userScopes.userId, u.id));
  await db.insert(userScopes).values({ userId: u.id, regionCode: '' });
  const s = await createSession(db, {
    userId: u.id,
    now: t.clock.now(),
    ip: '127.0.0.1',
    userAgent: 'fuzz',
    stage: 'full',
    absoluteHours: 12,
  });
  return `${COOKIE_PLAIN}=${s.token}`;
}

function typesOf(s: Schema): string[] {
  return [s.type ?? []].flat();
}

/** The first branch of a union that is not just null. */
function unwrap(s: Schema): Schema {
  const branches = s.anyOf ?? s.oneOf;
  if (branches) return unwrap(branches.find((b) => !typesOf(b).includes('null')) ?? branches[0]);
  if (s.allOf?.length === 1) return unwrap(s.allOf[0]);
  return s;
}

/** A plausible value for a schema, so one bad field at a time reaches as deep as it can. */
function sample(raw: Schema, name: string, ids: Record<string, string>): unknown {
  const s = unwrap(raw);
  if (s.default !== undefined) return s.default;
  if (s.enum?.length) return s.enum[0];
  const type = typesOf(s)[0];
  if (type === 'object' || s.properties) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = sample(v, k, ids);
    return out;
  }
  if (type === 'array') return s.items ? [sample(s.items, name, ids)] : [];
  if (type === 'integer' || type === 'number') return Math.max(s.minimum ?? 1, 1);
  if (type === 'boolean') return false;
  if (s.format === 'date') return '2026-01-15';
  if (s.format === 'date-time') return '2026-01-15T02:00:00.000Z';
  if (s.format === 'uuid') return ids[name.replace(/Id$/, '')] ?? '00000000-0000-7000-8000-000000000000';
  if (/regionCode|^region$|^code$/i.test(name) || s.pattern?.includes('\\d{12}')) return '441202';
  return '模糊测试文本'.padEnd(Math.max(s.minLength ?? 0, 6), '文');
}

interface Slot {
  path: string[];
  schema: Schema;
}

/** Every field of a body schema, nested objects and array items included (item 0). */
function slots(raw: Schema, path: string[] = [], depth = 0): Slot[] {
  const s = unwrap(raw);
  const here: Slot[] = path.length ? [{ path, schema: s }] : [];
  if (depth > 4) return here;
  if (s.properties)
    return [...here, ...Object.entries(s.properties).flatMap(([k, v]) => slots(v, [...path, k], depth + 1))];
  if (typesOf(s)[0] === 'array' && s.items) return [...here, ...slots(s.items, [...path, '0'], depth + 1)];
  return here;
}

/** The bad values for a field of this schema. */
function badValues(raw: Schema): unknown[] {
  const s = unwrap(raw);
  const type = typesOf(s)[0] ?? (s.properties ? 'object' : 'string');
  const wrongType = type === 'string' ? [12345, { $gt: '' }] : ['模糊', [NUL]];
  if (type === 'string')
    return [NUL, SURROGATE, ...(s.format === 'date' || s.format === 'date-time' ? BAD_DAYS : []), ...wrongType];
  if (type === 'integer' || type === 'number') return [...HUGE, ...wrongType];
  return wrongType;
}

function setAt(body: unknown, path: string[], value: unknown): unknown {
  const copy = structuredClone(body) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = /^\d+$/.test(key) ? [] : {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
  return copy;
}

/**
 * Percent-encodes text for a URL, NUL included. A lone surrogate has no UTF-8 form: a client can
 * only send the bytes it would have (ED A0 80), which are not UTF-8 either.
 */
function encodeText(v: string): string {
  return [...v].map((c) => (c === '\uD800' ? '%ED%A0%80' : encodeURIComponent(c))).join('');
}

interface Probe {
  method: string;
  url: string;
  payload?: unknown;
  headers?: Record<string, string>;
  what: string;
  field?: string;
  text?: boolean;
}

/** The probes of one operation: each carries exactly one bad value. */
function probesOf(
  pathTemplate: string,
  method: string,
  op: Operation,
  ids: Record<string, string>,
  fixtureOf: (param: string) => string,
): Probe[] {
  const params = op.parameters ?? [];
  const pathParams = params.filter((p) => p.in === 'path');
  const queryParams = params.filter((p) => p.in === 'query');
  const jsonBody = op.requestBody?.content['application/json']?.schema;
  const baseBody = jsonBody ? sample(jsonBody, '', ids) : undefined;
  const pathValues = Object.fromEntries(pathParams.map((p) => [p.name, fixtureOf(p.name)]));
  const urlWith = (override: Record<string, string> = {}, query = '') =>
    pathTemplate.replace(/\{(\w+)\}/g, (_, n) => override[n] ?? encodeURIComponent(pathValues[n])) +
    (query ? `?${query}` : '');
  const out: Probe[] = [];
  const stringy = (v: unknown): v is string => typeof v === 'string';
  for (const p of pathParams) {
    for (const v of [NUL, SURROGATE, ...BAD_DAYS, '1e308']) {
      out.push({
        method,
        url: urlWith({ [p.name]: encodeText(v) }),
        payload: baseBody,
        what: `path ${p.name}=${JSON.stringify(v)}`,
        field: p.name,
        text: v === NUL,
      });
    }
  }
  for (const p of queryParams) {
    const s = unwrap(p.schema);
    const values = [NUL, SURROGATE, ...BAD_DAYS, '1e308', String(2 ** 63)];
    if (s.enum) values.push(String(s.enum[0]).concat('\u0000'));
    for (const v of values) {
      out.push({
        method,
        url: urlWith({}, `${p.name}=${encodeText(v)}`),
        payload: baseBody,
        what: `query ${p.name}=${JSON.stringify(v)}`,
        field: p.name,
        text: v.includes('\u0000'),
      });
    }
  }
  if (jsonBody) {
    for (const slot of slots(jsonBody)) {
      for (const v of badValues(slot.schema)) {
        out.push({
          method,
          url: urlWith(),
          payload: setAt(baseBody, slot.path, v),
          what: `body ${slot.path.join('.')}=${JSON.stringify(v)}`,
          field: slot.path.join('.'),
          text: stringy(v) && (v === NUL || v === SURROGATE),
        });
      }
    }
    out.push({
      method,
      url: urlWith(),
      payload: '{"truncated": ',
      headers: { 'content-type': 'application/json' },
      what: 'body: truncated JSON',
    });
    out.push({
      method,
      url: urlWith(),
      payload: 'x',
      headers: { 'content-type': 'text/plain' },
      what: 'body: wrong content type',
    });
  } else if (method === 'POST' && !pathTemplate.includes('/auth/')) {
    const boundary = '----lianxinfuzz';
    const truncated = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\nPK\u0003\u0004abc`;
    out.push({
      method,
      url: urlWith(),
      payload: truncated,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      what: 'body: truncated multipart',
    });
  }
  return out;
}

describe('fuzz: bad input over every operation of the OpenAPI document', () => {
  it('never answers 5xx; every 4xx is problem+json; NUL and lone surrogates are a 400 naming the field', async () => {
    const doc = t.app.swagger() as unknown as { paths: Record<string, Record<string, Operation>> };
    const ids = await recordIds();
    const byUrl = new Map(t.app.routeTable.map((r) => [`${r.method} ${r.url}`, r]));
    let cookie = await superCookie();
    const failures: string[] = [];
    let count = 0;
    for (const [pathTemplate, ops] of Object.entries(doc.paths)) {
      for (const [m, op] of Object.entries(ops)) {
        const method = m.toUpperCase();
        const route = byUrl.get(`${method} ${pathTemplate.replace(/\{(\w+)\}/g, ':$1')}`);
        const fixtureOf = (param: string) => {
          const access = route?.access;
          if (access && access !== 'global') return ids[access.fixture];
          return param === 'id' ? ids.dict : ids[param];
        };
        for (const probe of probesOf(pathTemplate, method, op, ids, fixtureOf)) {
          const json = probe.payload !== undefined && typeof probe.payload !== 'string';
          const send = () =>
            t.app.inject({
              method: probe.method as 'GET',
              url: probe.url,
              headers: { cookie, ...(json ? { 'content-type': 'application/json' } : {}), ...probe.headers },
              ...(probe.payload === undefined
                ? {}
                : { payload: json ? JSON.stringify(probe.payload) : (probe.payload as string) }),
            });
          let res = await send();
          count++;
          if (res.statusCode === 401 && !pathTemplate.includes('/auth/login')) {
            cookie = await superCookie(); // a probe ended the session (a password change, say)
            res = await send();
          }
          const at = `${method} ${pathTemplate} ${probe.what}`;
          if (res.statusCode >= 500) {
            failures.push(`${at} → ${res.statusCode}`);
            continue;
          }
          if (res.statusCode >= 400 && !String(res.headers['content-type']).startsWith('application/problem+json')) {
            failures.push(`${at} → ${res.statusCode} ${res.headers['content-type']} ${res.body.slice(0, 80)}`);
            continue;
          }
          if (probe.text) {
            const body = res.statusCode === 400 ? res.json() : null;
            const named = body?.errors?.some((e: { path: string }) => e.path === probe.field);
            if (!named) failures.push(`${at} → ${res.statusCode} ${res.body.slice(0, 120)}`);
          }
        }
      }
    }
    expect(count).toBeGreaterThan(2000);
    expect(failures).toEqual([]);
  }, 120_000);
});
