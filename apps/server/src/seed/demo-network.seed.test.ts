import { validateUscc } from '@lianxin/shared';
import { asc, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/app.ts';
import { queryRows } from '../db/sql.ts';
import { organizations } from '../modules/organizations/organizations.table.ts';
import { assertKindLevel, CHINA_BOX, haversineKm, type StationKind } from '../modules/stations/stations.rules.ts';
import { stations } from '../modules/stations/stations.table.ts';
import { seedDemoNetwork } from './demo-network.seed.ts';
import { DEMO_CITY, seedDemo, seededRandom } from './demo.seed.ts';

const t = useTestApp();

/** Object.groupBy arrived in Node 21; the engines field allows 20. */
function groupBy<T>(xs: T[], key: (x: T) => string): Record<string, T[]> {
  const out: Record<string, T[]> = {};
  for (const x of xs) {
    const k = key(x);
    out[k] = [...(out[k] ?? []), x];
  }
  return out;
}
const PASSWORD = 'Demo#Lianxin2026';

describe('the demo service network', () => {
  it('covers every town of 肇庆市 with valid organizations and plausible stations, the same every time', {
    timeout: 120_000,
  }, async () => {
    await seedDemo(t.database, { password: PASSWORD, pii: t.pii, now: t.clock.now() });
    const { cookie } = await t.login('city-admin', PASSWORD);
    const coverage = (await t.app.inject({ url: `/api/v1/coverage/${DEMO_CITY}`, headers: { cookie } })).json();
    expect(coverage.region).toMatchObject({ towns: 106, townsCovered: 106, townRatio: 1 });
    expect(coverage.region.villagesWithRoom).toBeGreaterThan(150);

    const orgs = await t.database.db.select().from(organizations);
    expect(orgs.length).toBeGreaterThanOrEqual(55);
    for (const o of orgs) expect(validateUscc(o.creditCode ?? '').ok, o.creditCode ?? o.name).toBe(true);

    const rows = await queryRows<{
      kind: StationKind;
      code: string;
      level: number;
      rkind: string;
      lng: number;
      lat: number;
      name: string;
    }>(
      t.database.db,
      sql`select s.kind, s.region_code as code, r.level, r.kind as rkind, s.lng, s.lat, s.name from stations s join regions r on r.code = s.region_code`,
    );
    const counts = groupBy(rows, (r) => r.kind);
    expect(Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, v.length > 0]))).toEqual({
      hub: true,
      town: true,
      community: true,
      point: true,
      mental_health: true,
      outpost: true,
    });
    expect((counts.community?.length ?? 0) + (counts.point?.length ?? 0)).toBeGreaterThan(300);
    // Each county's stations lie well within the distance the coordinate check allows.
    const byCounty = groupBy(rows, (r) => r.code.slice(0, 6));
    for (const [county, list] of Object.entries(byCounty)) {
      if (county.length < 6) continue;
      const centre = {
        lng: list.reduce((a, r) => a + r.lng, 0) / list.length,
        lat: list.reduce((a, r) => a + r.lat, 0) / list.length,
      };
      for (const r of list) {
        expect(() => assertKindLevel(r.kind, { level: r.level, kind: r.rkind }), r.name).not.toThrow();
        expect(r.lng).toBeGreaterThan(CHINA_BOX.minLng);
        expect(haversineKm(r, centre), r.name).toBeLessThan(50);
      }
    }

    // The same generator gives the same network.
    const digest = async () =>
      (
        await t.database.db
          .select({ n: stations.name, lng: stations.lng, lat: stations.lat })
          .from(stations)
          .orderBy(asc(stations.name), asc(stations.lng))
      ).map((r) => `${r.n}@${r.lng},${r.lat}`);
    const before = await digest();
    await t.database.exec(
      'truncate pairing_deliveries, pairings, station_status_history, stations, organizations, coverage_deadlines cascade',
    );
    await seedDemoNetwork(t.database.db, {
      rand: seededRandom(4412_0003),
      pii: t.pii,
      now: t.clock.now(),
      city: DEMO_CITY,
    });
    expect(await digest()).toEqual(before);
  });
});
