import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { TEST_PASSWORD } from '../../../test/factories.ts';
import { serverJobs } from '../../jobs.ts';
import { stations } from '../../modules/stations/stations.table.ts';
import { auditLog } from '../audit/audit.table.ts';
import { currentTotp } from '../auth/totp.ts';
import { idempotencyKeys } from './idempotency.table.ts';

const t = useTestApp();
const HOUR = 3_600_000;

const station = (over: Record<string, unknown> = {}) => ({
  kind: 'town',
  regionCode: '441202001',
  name: '城东街道社工站',
  ...over,
});

async function admin(regionCode = '4412') {
  const a = await t.loginAs({ role: 'region_admin', regionCode });
  const post = (url: string, payload: unknown, key?: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: { cookie: a.cookie, ...(key === undefined ? {} : { 'idempotency-key': key }) },
      payload: payload as never,
    });
  /** A day later the session has long timed out: the user signs in again (the key is theirs, not the session's). */
  const signInAgain = async () => {
    a.cookie = (await t.login(a.username, TEST_PASSWORD, currentTotp(a.totpSecret!, t.clock.now()))).cookie;
  };
  return { ...a, post, signInAgain };
}

const stationCount = async () => (await t.database.db.select().from(stations)).length;
const createAudits = async () =>
  (await t.database.db.select().from(auditLog).where(eq(auditLog.entity, 'station'))).filter(
    (r) => r.action === 'create',
  ).length;

describe('Idempotency-Key on creates', () => {
  it('replays the first answer to a retry with the same key and body, creating nothing twice', async () => {
    const a = await admin();
    const first = await a.post('/stations', station(), 'submit-1');
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // The same body with its keys in another order is the same request.
    const retry = await a.post(
      '/stations',
      { name: '城东街道社工站', regionCode: '441202001', kind: 'town' },
      'submit-1',
    );
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers['content-type']).toMatch(/^application\/json/);
    expect(retry.json()).toEqual(first.json());
    expect(await stationCount()).toBe(1);
    expect(await createAudits()).toBe(1);
  });

  it('answers 422 to the same key with a different body or on another route', async () => {
    const a = await admin();
    expect((await a.post('/stations', station(), 'k-1')).statusCode).toBe(201);
    const other = await a.post('/stations', station({ name: '另一个站' }), 'k-1');
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    const elsewhere = await a.post(
      '/coverage-deadlines',
      { regionCode: '441202', kind: 'town_station', dueOn: '2026-12-31' },
      'k-1',
    );
    expect(elsewhere.statusCode).toBe(422);
    expect(await stationCount()).toBe(1);
  });

  it('keeps keys per user: another user with the same key and body creates their own record', async () => {
    const a = await admin();
    const b = await admin('441202');
    const mine = await a.post('/stations', station(), 'shared-key');
    const theirs = await b.post(
      '/stations',
      station({ name: '城东街道社工站二', overrideReason: '片区过大' }),
      'shared-key',
    );
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    expect(theirs.json().id).not.toBe(mine.json().id);
    expect(await stationCount()).toBe(2);
  });

  it('forgets a key after 24 hours, and the scheduled cleanup deletes it', async () => {
    const a = await admin();
    const first = await a.post('/stations', station({ kind: 'point' }), 'daily');
    t.clock.advance(24 * HOUR - 60_000);
    await a.signInAgain();
    const within = await a.post('/stations', station({ kind: 'point' }), 'daily');
    expect(within.headers['idempotent-replayed']).toBe('true');
    expect(within.json().id).toBe(first.json().id);

    t.clock.advance(2 * 60_000);
    const cleanup = serverJobs(t.app.deps.params, t.database.kind).find((j) => j.name === 'idempotency-key-cleanup')!;
    await cleanup.run(t.database.db, t.clock.now());
    expect(await t.database.db.select().from(idempotencyKeys)).toEqual([]);
    // Expired, even with a different body: a new request.
    const later = await a.post('/stations', station({ kind: 'point', name: '次日的服务点' }), 'daily');
    expect(later.statusCode).toBe(201);
    expect(later.headers['idempotent-replayed']).toBeUndefined();
    expect(await stationCount()).toBe(2);
  });

  it('takes over an expired key that the cleanup has not reached yet', async () => {
    const a = await admin();
    await a.post('/stations', station({ kind: 'point' }), 'stale');
    t.clock.advance(25 * HOUR);
    await a.signInAgain();
    const again = await a.post('/stations', station({ kind: 'point' }), 'stale');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBeUndefined();
    expect(await stationCount()).toBe(2);
  });

  it('does not store an error, so the corrected retry with the same key creates the record', async () => {
    const a = await admin();
    const wrong = await a.post('/stations', station({ regionCode: '441202' }), 'fix-me');
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].key).toBe('validation.station.townLevel');
    const fixed = await a.post('/stations', station(), 'fix-me');
    expect(fixed.statusCode).toBe(201);
    expect(fixed.headers['idempotent-replayed']).toBeUndefined();
    expect(await stationCount()).toBe(1);
  });

  it('two concurrent requests with one key create one record; the other is told it is in progress or replayed', async () => {
    const a = await admin();
    const [one, two] = await Promise.all([
      a.post('/stations', station(), 'double-click'),
      a.post('/stations', station(), 'double-click'),
    ]);
    const answers = [one, two]
      .map(
        (r) =>
          `${r.statusCode}${r.headers['idempotent-replayed'] ? ' replay' : ''}${r.statusCode === 409 ? ` ${r.json().code} ${r.headers['retry-after']}` : ''}`,
      )
      .sort();
    // Which one the database serves first is not ours to choose; what the client sees is one of these.
    expect([
      ['201', '409 IDEMPOTENCY_IN_PROGRESS 1'],
      ['201', '201 replay'],
    ]).toContainEqual(answers);
    expect(await stationCount()).toBe(1);
    const created = [one, two].find((r) => r.statusCode === 201 && !r.headers['idempotent-replayed'])!;
    const later = await a.post('/stations', station(), 'double-click');
    expect(later.headers['idempotent-replayed']).toBe('true');
    expect(later.json().id).toBe(created.json().id);
  });

  it('answers 409 in progress, with Retry-After, while the first request with the key has not answered', async () => {
    const a = await admin();
    expect((await a.post('/stations', station(), 'slow')).statusCode).toBe(201);
    // The state between the first request's claim and its answer (or after a server stopped mid-request).
    await t.database.db.update(idempotencyKeys).set({ responseStatus: null, responseBody: null, responseType: null });
    const second = await a.post('/stations', station(), 'slow');
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('IDEMPOTENCY_IN_PROGRESS');
    expect(second.headers['retry-after']).toBe('1');
    // Its body must still be the first one's: a different request with the key is refused as such.
    expect((await a.post('/stations', station({ name: '别的站' }), 'slow')).json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await stationCount()).toBe(1);
  });

  it('refuses a malformed key with a field error, and works as before without one', async () => {
    const a = await admin();
    for (const bad of ['has space', 'x'.repeat(256), '钥匙']) {
      const res = await a.post('/stations', station(), bad);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([
        { path: 'idempotency-key', message: expect.any(String), key: 'validation.idempotencyKey.format' },
      ]);
    }
    expect((await a.post('/stations', station({ kind: 'point' }), 'k'.repeat(255))).statusCode).toBe(201);
    expect((await a.post('/stations', station({ kind: 'point' }))).statusCode).toBe(201);
    expect((await a.post('/stations', station({ kind: 'point' }))).statusCode).toBe(201);
    expect(await stationCount()).toBe(3);
  });

  it('stores masked personal data only', async () => {
    const a = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    const body = {
      username: 'keyed-worker',
      displayName: '新社工',
      regionCode: '441202001',
      password: 'Init#Pass2026',
      phone: '13812345678',
    };
    const post = () =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: { cookie: a.cookie, 'idempotency-key': 'user-1' },
        payload: body,
      });
    const first = await post();
    expect(first.statusCode).toBe(201);
    const replay = await post();
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const [row] = await t.database.db.select().from(idempotencyKeys);
    expect(row.responseBody).not.toContain('13812345678');
    expect(row.responseBody).not.toContain('Init#Pass2026');
  });
});

describe('which routes take the key', () => {
  it('every authenticated create takes it; reveals of personal data and public routes never do', () => {
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1'));
    const keyed = routes.filter((r) => r.idempotent).map((r) => `${r.method} ${r.url}`);
    expect(keyed).toEqual(
      expect.arrayContaining(['POST /api/v1/stations', 'POST /api/v1/users', 'POST /api/v1/pairings/:id/deliveries']),
    );
    expect(
      routes.filter(
        (r) => r.idempotent && (r.permission === 'pii:read' || r.permission === 'public' || r.method !== 'POST'),
      ),
    ).toEqual([]);
  });
});
