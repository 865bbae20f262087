import { and, asc, count, eq, like, ne } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { newId } from '../db/columns.ts';
import type { PiiCipher } from '../platform/pii.ts';
import { coverageDeadlines } from '../modules/coverage/coverage-deadlines.table.ts';
import { organizations } from '../modules/organizations/organizations.table.ts';
import { pairingDeliveries, pairings } from '../modules/pairings/pairings.table.ts';
import { regions } from '../modules/regions/regions.table.ts';
import { stations, stationStatusHistory } from '../modules/stations/stations.table.ts';
import { makeCreditCode } from './credit-codes.ts';

type Rand = () => number;
type Region = { code: string; name: string; level: number };
type StationValues = typeof stations.$inferInsert;
type OrgValues = typeof organizations.$inferInsert;

/**
 * Approximate WGS-84 centres of 肇庆市's counties and how far (in degrees) their towns spread,
 * kept well inside the 50 km plausibility rule so the demo never trips it.
 */
const COUNTIES: Record<string, { lng: number; lat: number; spread: number }> = {
  '441202': { lng: 112.48, lat: 23.07, spread: 0.04 }, // 端州区
  '441203': { lng: 112.6, lat: 23.2, spread: 0.08 }, // 鼎湖区
  '441204': { lng: 112.38, lat: 23.12, spread: 0.14 }, // 高要区
  '441223': { lng: 112.42, lat: 23.63, spread: 0.14 }, // 广宁县
  '441224': { lng: 112.18, lat: 23.92, spread: 0.18 }, // 怀集县
  '441225': { lng: 111.56, lat: 23.46, spread: 0.16 }, // 封开县
  '441226': { lng: 111.82, lat: 23.2, spread: 0.14 }, // 德庆县
  '441284': { lng: 112.72, lat: 23.35, spread: 0.1 }, // 四会市
};

const WORDS = [
  '阳光',
  '启航',
  '同心',
  '和谐',
  '仁爱',
  '春晖',
  '善德',
  '星河',
  '暖心',
  '邻里',
  '益众',
  '德馨',
  '星湖',
  '西江',
  '砚都',
  '宝月',
  '鼎湖',
  '绿茵',
  '朝阳',
  '康宁',
];
const SURNAMES = ['陈', '李', '黄', '梁', '林', '何', '张', '王', '吴', '冯', '罗', '邓', '谭', '苏', '莫', '叶'];
const GIVEN = [
  '晓明',
  '慧敏',
  '志强',
  '秀英',
  '嘉欣',
  '国华',
  '丽娟',
  '伟',
  '婷',
  '俊杰',
  '海燕',
  '建华',
  '美玲',
  '子轩',
  '雅琪',
  '振邦',
];
const HOURS = ['周一至周五 8:30-12:00，14:30-17:30', '周一至周六 9:00-17:00', '周二至周日 9:00-12:00，14:00-18:00'];
const SERVICES = [
  'social_assistance',
  'elderly',
  'child_protection',
  'disability',
  'mental_health',
  'community_governance',
  'volunteering',
  'marriage_family',
  'community_corrections',
  'drug_control',
  'youth',
  'veterans',
];
const DOMAINS = [
  'elderly',
  'disability',
  'youth',
  'marriage_family',
  'community_corrections',
  'drug_control',
  'volunteering',
  'comprehensive',
  'mental_health',
  'disaster',
];

const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
function some<T>(rand: Rand, xs: readonly T[], min: number, max: number): T[] {
  const n = min + Math.floor(rand() * (max - min + 1));
  return [...xs].sort(() => rand() - 0.5).slice(0, n);
}
const day = (rand: Rand, fromYear: number, toYear: number) => {
  const t = Date.UTC(fromYear, 0, 1) + Math.floor(rand() * (Date.UTC(toYear, 11, 31) - Date.UTC(fromYear, 0, 1)));
  return new Date(t).toISOString().slice(0, 10);
};
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const villageShort = (name: string) => name.replace(/(居民委员会|村民委员会|居委会|村委会)$/, '');

function pointNear(rand: Rand, centre: { lng: number; lat: number }, spread: number) {
  return {
    lng: round6(centre.lng + (rand() - 0.5) * 2 * spread),
    lat: round6(centre.lat + (rand() - 0.5) * 2 * spread),
  };
}

function organizationsFor(rand: Rand, counties: Region[], pii: PiiCipher): OrgValues[] {
  const orgs: OrgValues[] = [];
  let serial = 1000;
  const add = (type: string, name: string, authority: string, regionCode: string) => {
    const phone = `13${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
    orgs.push({
      id: newId(),
      type,
      name,
      regionCode,
      creditCode: makeCreditCode(authority, regionCode.padEnd(6, '0'), ++serial * 7919),
      registrationAuthority:
        type === 'enterprise'
          ? '肇庆市市场监督管理局'
          : type === 'government' || type === 'university'
            ? '肇庆市委编办'
            : `${regionCode === '4412' ? '肇庆市' : counties.find((c) => c.code === regionCode)?.name}民政局`,
      registeredOn: day(rand, 2010, 2023),
      domains: type === 'government' ? ['comprehensive'] : some(rand, DOMAINS, 1, 3),
      contactName: pick(rand, SURNAMES) + pick(rand, GIVEN),
      contactPhoneEnc: pii.encrypt(phone),
      contactPhoneHash: pii.hash(phone),
    });
  };
  // Four agencies per county, named after the county; the rest at city level.
  for (const c of counties) {
    const short = c.name.replace(/(区|县|市)$/, '');
    for (const [i, w] of some(rand, WORDS, 4, 4).entries())
      add('agency', `${c.name}${w}社会工作服务${i % 2 ? '社' : '中心'}`, '52', c.code);
    add('social_org', `${short}${pick(rand, WORDS)}志愿服务协会`, '51', c.code);
  }
  for (const w of some(rand, WORDS, 14, 14)) add('agency', `肇庆市${w}社会工作服务中心`, '52', '4412');
  add('university', '肇庆社会工作职业学院', '12', '4412');
  add('university', '西江师范学院', '12', '4412');
  for (const w of ['砚都物业服务', '星湖康养', '鼎湖山旅游发展', '西江食品'])
    add('enterprise', `肇庆市${w}有限公司`, '91', '4412');
  for (const w of ['西江慈善基金会', '肇庆市慈善会', '肇庆市青少年发展基金会']) add('charity', w, '53', '4412');
  add('government', '肇庆市社会工作服务指导中心', '12', '4412');
  add('government', '端州区社会工作服务指导中心', '12', '441202');
  return orgs;
}

function station(
  rand: Rand,
  values: Omit<StationValues, 'status'> & { status?: string },
  services: string[],
): StationValues {
  const status = values.status ?? 'operating';
  return {
    id: newId(),
    openingHours: pick(rand, HOURS),
    phone: `0758-${6000000 + Math.floor(rand() * 3999999)}`,
    services,
    ...values,
    status,
    openedOn: status === 'planned' ? null : (values.openedOn ?? day(rand, 2020, 2024)),
  };
}

/** Inserts in slices: one statement per slice keeps the parameter count under PostgreSQL's limit. */
async function insertAll<T>(db: Db, table: Parameters<Db['insert']>[0], rows: T[], size = 500) {
  for (let i = 0; i < rows.length; i += size) await db.insert(table).values(rows.slice(i, i + size) as never);
}

/**
 * The demo's service network in 肇庆市: an operating town station in every town (106/106), a
 * community room in about one village in five, service points, county hubs, mental health
 * stations and outposts, ~60 organizations with valid credit codes, and a few pairings.
 * Deterministic for a given `rand`; skipped when the database already has stations.
 */
export async function seedDemoNetwork(
  db: Db,
  opts: { rand: Rand; pii: PiiCipher; now: Date; city: string },
): Promise<{ stations: number; organizations: number }> {
  const [{ n }] = await db.select({ n: count() }).from(stations);
  if (n > 0) return { stations: 0, organizations: 0 };
  const { rand } = opts;
  const all = await db
    .select({ code: regions.code, name: regions.name, level: regions.level })
    .from(regions)
    .where(and(like(regions.code, `${opts.city}%`), eq(regions.kind, 'official')))
    .orderBy(asc(regions.code));
  const towns = await db
    .select({ code: regions.code, name: regions.name, level: regions.level })
    .from(regions)
    .where(and(like(regions.code, `${opts.city}%`), eq(regions.level, 4), ne(regions.kind, 'placeholder')))
    .orderBy(asc(regions.code));
  const counties = all.filter((r) => r.level === 3 && COUNTIES[r.code]);
  const villages = all.filter((r) => r.level === 5);
  const orgs = organizationsFor(rand, counties, opts.pii);
  const agenciesOf = (county: string) =>
    orgs.filter((o) => o.type === 'agency' && (o.regionCode === county || o.regionCode === opts.city));

  const townPoint = new Map<string, { lng: number; lat: number }>();
  const rows: StationValues[] = [];
  rows.push(
    station(
      rand,
      {
        kind: 'hub',
        regionCode: opts.city,
        name: '肇庆市社会工作指导中心',
        address: '肇庆市端州区信安大道',
        lng: 112.465,
        lat: 23.068,
        openedOn: '2021-03-18',
        demonstration: true,
        demonstrationLevel: 'provincial',
        demonstrationYear: 2023,
      },
      ['community_governance', 'volunteering'],
    ),
  );
  for (const c of counties) {
    const centre = COUNTIES[c.code];
    rows.push(
      station(
        rand,
        {
          kind: 'hub',
          regionCode: c.code,
          name: `${c.name}社工总站`,
          address: `${c.name}人民路`,
          ...pointNear(rand, centre, 0.01),
          organizationId: pick(rand, agenciesOf(c.code)).id,
        },
        some(rand, SERVICES, 3, 5),
      ),
    );
    rows.push(
      station(
        rand,
        {
          kind: 'mental_health',
          regionCode: c.code,
          name: `${c.name}心灵社工服务站`,
          ...pointNear(rand, centre, 0.02),
          organizationId: pick(rand, agenciesOf(c.code)).id,
        },
        ['mental_health', 'youth'],
      ),
    );
  }
  for (const t of towns) {
    const centre = COUNTIES[t.code.slice(0, 6)];
    const p = pointNear(rand, centre, centre.spread);
    townPoint.set(t.code, p);
    const demo = rand() < 0.08;
    rows.push(
      station(
        rand,
        {
          kind: 'town',
          regionCode: t.code,
          name: `${t.name}社工站`,
          address: `${t.name}综合服务中心`,
          ...p,
          organizationId: pick(rand, agenciesOf(t.code.slice(0, 6))).id,
          ...(demo
            ? {
                demonstration: true,
                demonstrationLevel: pick(rand, ['city', 'county', 'provincial']),
                demonstrationYear: 2022 + Math.floor(rand() * 3),
              }
            : {}),
        },
        some(rand, SERVICES, 4, 7),
      ),
    );
    if (rand() < 0.1)
      rows.push(
        station(
          rand,
          {
            kind: 'outpost',
            regionCode: t.code,
            name: `${t.name.replace(/^.+?(区|县|市)(?=.)/, '')}暖新驿站`,
            ...pointNear(rand, p, 0.01),
          },
          ['volunteering', 'community_governance'],
        ),
      );
  }
  for (const v of villages) {
    const base = townPoint.get(v.code.slice(0, 9));
    if (!base) continue;
    const r = rand();
    const short = villageShort(v.name);
    if (r < 0.2) {
      rows.push(
        station(
          rand,
          {
            kind: 'community',
            regionCode: v.code,
            name: `${short}社工室`,
            address: `${short}党群服务中心`,
            ...pointNear(rand, base, 0.02),
            status: rand() < 0.9 ? 'operating' : 'planned',
          },
          some(rand, SERVICES, 2, 4),
        ),
      );
    } else if (r < 0.3) {
      rows.push(
        station(
          rand,
          { kind: 'point', regionCode: v.code, name: `${short}社工点`, ...pointNear(rand, base, 0.02) },
          some(rand, SERVICES, 1, 3),
        ),
      );
    }
  }
  // A shelter: registered like any station, never shown on the public map.
  const first = towns[0];
  rows.push(
    station(
      rand,
      {
        kind: 'point',
        regionCode: first.code,
        name: `${first.name}临时庇护点`,
        hidden: true,
        ...pointNear(rand, townPoint.get(first.code)!, 0.01),
      },
      ['social_assistance', 'marriage_family'],
    ),
  );

  const history = rows.map((s) => ({
    stationId: s.id!,
    fromStatus: null,
    toStatus: s.status!,
    on: s.openedOn ?? opts.now.toISOString().slice(0, 10),
    actorName: 'demo-seed',
    at: opts.now,
  }));
  const university = orgs.find((o) => o.type === 'university')!;
  const village = villages[0];
  const agency = agenciesOf(village.code.slice(0, 6))[0];
  const pairingRows = [
    {
      kind: 'region_region',
      name: '端州区结对帮扶怀集县',
      regionCode: '441224',
      supporterRegionCode: '441202',
      startsOn: '2023-01-01',
      endsOn: '2025-12-31',
      supervisorsSent: 6,
      peopleTrained: 120,
      fundingFen: 30_000_000,
    },
    {
      kind: 'region_region',
      name: '四会市结对帮扶封开县',
      regionCode: '441225',
      supporterRegionCode: '441284',
      startsOn: '2024-03-01',
      supervisorsSent: 4,
      peopleTrained: 80,
      fundingFen: 15_000_000,
    },
    {
      kind: 'org_community',
      name: `${agency.name}结对${villageShort(village.name)}`,
      regionCode: village.code,
      supporterRegionCode: agency.regionCode,
      organizationId: agency.id,
      startsOn: '2024-06-01',
      peopleTrained: 30,
    },
    {
      kind: 'school_org_community',
      name: `一校两社·${villageShort(villages[1].name)}`,
      regionCode: villages[1].code,
      supporterRegionCode: agency.regionCode,
      organizationId: agency.id,
      universityId: university.id,
      startsOn: '2025-02-20',
      supervisorsSent: 2,
      peopleTrained: 60,
    },
  ].map((p) => ({ id: newId(), ...p, createdAt: opts.now, updatedAt: opts.now }));
  const deliveries = [
    {
      pairingId: pairingRows[0].id,
      deliveredOn: '2023-05-12',
      supervisorsSent: 3,
      peopleTrained: 45,
      fundingFen: 10_000_000,
      note: '派驻督导，开展乡镇社工站站长培训',
    },
    {
      pairingId: pairingRows[0].id,
      deliveredOn: '2024-04-18',
      supervisorsSent: 2,
      peopleTrained: 50,
      fundingFen: 12_000_000,
      note: '个案督导与项目设计工作坊',
    },
    {
      pairingId: pairingRows[1].id,
      deliveredOn: '2024-09-06',
      supervisorsSent: 2,
      peopleTrained: 30,
      fundingFen: 5_000_000,
      note: '驻站实务指导',
    },
    {
      pairingId: pairingRows[3].id,
      deliveredOn: '2025-05-10',
      supervisorsSent: 1,
      peopleTrained: 24,
      fundingFen: 0,
      note: '高校师生进社区开展长者服务',
    },
  ].map((d) => ({ ...d, actorName: 'demo-seed', createdAt: opts.now }));

  await db.transaction(async (tx) => {
    await insertAll(
      tx,
      organizations,
      orgs.map((o) => ({ ...o, createdAt: opts.now, updatedAt: opts.now })),
    );
    await insertAll(
      tx,
      stations,
      rows.map((s) => ({ ...s, createdAt: opts.now, updatedAt: opts.now })),
    );
    await insertAll(tx, stationStatusHistory, history);
    await tx.insert(pairings).values(pairingRows);
    await tx.insert(pairingDeliveries).values(deliveries);
    await tx.insert(coverageDeadlines).values([
      {
        regionCode: opts.city,
        kind: 'town_station',
        dueOn: '2022-06-30',
        note: '乡镇(街道)社工站全覆盖',
        createdAt: opts.now,
        updatedAt: opts.now,
      },
      {
        regionCode: opts.city,
        kind: 'community_room',
        dueOn: '2027-12-31',
        note: '村(社区)社工室覆盖率稳步提升',
        createdAt: opts.now,
        updatedAt: opts.now,
      },
    ]);
  });
  return { stations: rows.length, organizations: orgs.length };
}
