import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { FIXTURE_REGIONS } from '../../../test/db.ts';
import { createStation } from '../../../test/factories.ts';
import { seededRandom } from '../../seed/demo.seed.ts';
import { regions } from '../regions/regions.table.ts';
import { STATION_KINDS, STATION_STATUSES } from '../stations/stations.rules.ts';

const t = useTestApp();

async function coverage(regionCode: string, scope = '') {
  const a = await t.loginAs({ role: 'region_admin', regionCode: scope });
  return t.app.inject({ url: `/api/v1/coverage/${regionCode}`, headers: { cookie: a.cookie } });
}

const operating = { status: 'operating', openedOn: '2025-01-01' } as const;

/** 端州区: 城东 covered (and its 杏花 community has a room), 城西 only planned; 鼎湖区: 坑口 covered, no room. */
async function seedNetwork() {
  const db = t.database.db;
  await createStation(db, { kind: 'town', regionCode: '441202001', ...operating });
  await createStation(db, { kind: 'town', regionCode: '441202001', ...operating, overrideReason: '分设两站' });
  await createStation(db, { kind: 'town', regionCode: '441202003', status: 'planned' });
  await createStation(db, { kind: 'point', regionCode: '441202003', ...operating });
  await createStation(db, { kind: 'community', regionCode: '441202001002', ...operating });
  await createStation(db, { kind: 'town', regionCode: '441203001', ...operating });
  await createStation(db, {
    kind: 'community',
    regionCode: '441203001001',
    status: 'suspended',
    openedOn: '2025-01-01',
    suspendedOn: '2025-06-01',
  });
}

describe('coverage figures', () => {
  it('counts towns with an operating town station and villages with an operating room, per child region', async () => {
    await seedNetwork();
    const res = await coverage('4412');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      region: {
        code: '4412',
        name: '肇庆市',
        level: 2,
        towns: 3,
        townsCovered: 2,
        townRatio: 0.6667,
        villages: 2,
        villagesWithRoom: 1,
        villageRatio: 0.5,
      },
      children: [
        {
          code: '441202',
          name: '端州区',
          level: 3,
          kind: 'official',
          towns: 2,
          townsCovered: 1,
          townRatio: 0.5,
          villages: 1,
          villagesWithRoom: 1,
          villageRatio: 1,
        },
        {
          code: '441203',
          name: '鼎湖区',
          level: 3,
          kind: 'official',
          towns: 1,
          townsCovered: 1,
          townRatio: 1,
          villages: 1,
          villagesWithRoom: 0,
          villageRatio: 0,
        },
      ],
      uncoveredTowns: [],
    });
  });

  it("lists a county's towns with their figures and names the uncovered ones", async () => {
    await seedNetwork();
    const body = (await coverage('441202')).json();
    expect(body.region).toMatchObject({ towns: 2, townsCovered: 1, townRatio: 0.5 });
    expect(
      body.children.map((c: { code: string; townsCovered: number; villagesWithRoom: number }) => [
        c.code,
        c.townsCovered,
        c.villagesWithRoom,
      ]),
    ).toEqual([
      ['441202001', 1, 1],
      ['441202003', 0, 0],
    ]);
    expect(body.uncoveredTowns).toEqual([{ code: '441202003', name: '端州区城西街道' }]);
    const town = (await coverage('441202001')).json();
    expect(town).toMatchObject({
      region: { level: 4, towns: 1, townsCovered: 1, villages: 1, villagesWithRoom: 1 },
      children: [{ code: '441202001002', villagesWithRoom: 1 }],
      uncoveredTowns: [],
    });
  });

  it('covers the whole country for a national administrator', async () => {
    await seedNetwork();
    const body = (await coverage('root')).json();
    expect(body.region).toMatchObject({
      code: '',
      name: '全国',
      level: 0,
      towns: 3,
      townsCovered: 2,
      villages: 2,
      villagesWithRoom: 1,
    });
    expect(body.children).toEqual([expect.objectContaining({ code: '44', name: '广东省', towns: 3, townsCovered: 2 })]);
  });

  it('leaves placeholder units out of the figures', async () => {
    await t.database.db.insert(regions).values([
      { code: '441201', name: '市辖区', level: 3, parentCode: '4412', kind: 'placeholder' },
      { code: '441202198', name: '端州区直辖村级区划', level: 4, parentCode: '441202', kind: 'placeholder' },
      { code: '441202198001', name: '某村', level: 5, parentCode: '441202198' },
    ]);
    const body = (await coverage('4412')).json();
    expect(body.children.map((c: { code: string }) => c.code)).toEqual(['441202', '441203']);
    expect(body.region).toMatchObject({ towns: 3, villages: 3 });
  });

  it('agrees with a plain count over random networks', async () => {
    const rand = seededRandom(7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const places = FIXTURE_REGIONS.filter((r) => r.level >= 3);
    const made: { kind: string; status: string; regionCode: string }[] = [];
    for (let i = 0; i < 40; i++) {
      const s = { kind: pick(STATION_KINDS), status: pick(STATION_STATUSES), regionCode: pick(places).code };
      made.push(s);
      await createStation(t.database.db, s);
    }
    const expected = (prefix: string) => {
      const under = (level: number) =>
        FIXTURE_REGIONS.filter((r) => r.level === level && r.code.startsWith(prefix)).map((r) => r.code);
      const covered = (codes: string[], kind: string) =>
        codes.filter((c) => made.some((s) => s.regionCode === c && s.kind === kind && s.status === 'operating')).length;
      const towns = under(4);
      const villages = under(5);
      return {
        towns: towns.length,
        townsCovered: covered(towns, 'town'),
        villages: villages.length,
        villagesWithRoom: covered(villages, 'community'),
      };
    };
    for (const code of ['4412', '441202', '441203', '441202001', '44']) {
      const body = (await coverage(code)).json();
      expect(body.region, code).toMatchObject(expected(code));
      for (const c of body.children) expect(c, c.code).toMatchObject(expected(c.code));
    }
  });
});

describe('coverage within the data scope', () => {
  it('answers 404 above, beside and outside the scope, and for unknown codes', async () => {
    for (const code of ['4412', '441203', 'root', '440103', '441202009', 'abc']) {
      expect((await coverage(code, '441202')).statusCode, code).toBe(404);
    }
    expect((await coverage('441202', '441202')).statusCode).toBe(200);
  });

  it('is not for station heads or the three administrators', async () => {
    for (const role of ['station_head', 'sysadmin', 'auditor'] as const) {
      const a = await t.loginAs({ role, regionCode: role === 'station_head' ? '441202' : '' });
      expect(
        (await t.app.inject({ url: '/api/v1/coverage/441202', headers: { cookie: a.cookie } })).statusCode,
        role,
      ).toBe(403);
    }
  });
});
