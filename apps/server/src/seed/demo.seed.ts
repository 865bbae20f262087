import crypto from 'node:crypto';
import { and, asc, count, eq, like } from 'drizzle-orm';
import type { Database, Db } from '../db/client.ts';
import { newId } from '../db/columns.ts';
import { writeAudit } from '../platform/audit/audit.service.ts';
import { hashPassword } from '../platform/auth/password.ts';
import { systemCtx } from '../platform/context.ts';
import type { PiiCipher } from '../platform/pii.ts';
import { importRegions } from '../modules/regions/regions.import.ts';
import { regions } from '../modules/regions/regions.table.ts';
import { roles } from '../modules/roles/roles.table.ts';
import { userRoles, userScopes, users } from '../modules/users/users.table.ts';
import { localDate } from '../platform/dates.ts';
import { seedDemoNetwork } from './demo-network.seed.ts';
import { seedDemoTalent } from './demo-talent.seed.ts';

export const DEMO_CITY = '4412'; // 肇庆市
export const DEMO_COUNTY = '441202'; // 端州区

export interface DemoAccount {
  username: string;
  displayName: string;
  role: string;
  regionCode: string;
}

/** A deterministic generator, so that every demo database tells the same story. */
export function seededRandom(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function firstTownOf(db: Db, county: string): Promise<string> {
  const [t] = await db
    .select({ code: regions.code })
    .from(regions)
    .where(and(like(regions.code, `${county}%`), eq(regions.level, 4)))
    .orderBy(asc(regions.code))
    .limit(1);
  if (!t) throw new Error(`No towns under ${county}: import the regions first`);
  return t.code;
}

export async function demoAccounts(db: Db): Promise<DemoAccount[]> {
  const town = await firstTownOf(db, DEMO_COUNTY);
  return [
    { username: 'sysadmin', displayName: '王建国', role: 'sysadmin', regionCode: '' },
    { username: 'secadmin', displayName: '李安全', role: 'secadmin', regionCode: '' },
    { username: 'auditor', displayName: '赵审计', role: 'auditor', regionCode: '' },
    { username: 'city-admin', displayName: '陈晓明', role: 'region_admin', regionCode: DEMO_CITY },
    { username: 'county-admin', displayName: '林慧敏', role: 'region_admin', regionCode: DEMO_COUNTY },
    { username: 'town-admin', displayName: '黄志强', role: 'region_admin', regionCode: town },
    { username: 'station-head', displayName: '梁秀英', role: 'station_head', regionCode: town },
    { username: 'social-worker', displayName: '何嘉欣', role: 'social_worker', regionCode: town },
    { username: 'supervisor', displayName: '吴国华', role: 'supervisor', regionCode: DEMO_COUNTY },
    { username: 'volunteer', displayName: '周小燕', role: 'volunteer', regionCode: town },
    { username: 'resident', displayName: '郑伯伯', role: 'resident', regionCode: town },
  ];
}

export function generateDemoPassword(): string {
  // Four character classes guaranteed, so the policy always accepts it.
  return `Lx-${crypto.randomBytes(6).toString('base64url')}a7Q`;
}

export async function isEmptyDatabase(db: Db): Promise<boolean> {
  const [{ n }] = await db.select({ n: count() }).from(users);
  return n === 0;
}

/**
 * The demo: 肇庆市's regions, its service network, its talent force since 2008 and one account per role. Demo accounts skip the
 * forced password change and TOTP so an evaluator can look around at once; the UI shows a
 * permanent banner.
 */
export async function seedDemo(
  database: Database,
  opts: { password: string; pii: PiiCipher; now: Date },
): Promise<DemoAccount[]> {
  const { db } = database;
  await importRegions(database, { prefix: DEMO_CITY, now: opts.now });
  const accounts = await demoAccounts(db);
  const passwordHash = await hashPassword(opts.password);
  const rand = seededRandom(4412);
  const roleRows = await db.select({ id: roles.id, code: roles.code }).from(roles);
  const ctx = systemCtx(opts.now, 'demo-seed');
  const network = await seedDemoNetwork(db, {
    rand: seededRandom(4412_0003),
    pii: opts.pii,
    now: opts.now,
    city: DEMO_CITY,
  });
  const talent = await seedDemoTalent(db, {
    rand: seededRandom(4412_0004),
    pii: opts.pii,
    now: opts.now,
    city: DEMO_CITY,
    today: localDate(opts.now),
  });
  await db.transaction(async (tx) => {
    for (const a of accounts) {
      const id = newId();
      const phone = `13${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
      const inserted = await tx
        .insert(users)
        .values({
          id,
          username: a.username,
          displayName: a.displayName,
          regionCode: a.regionCode,
          passwordHash,
          mustChangePassword: false,
          isDemo: true,
          phoneEnc: opts.pii.encrypt(phone),
          phoneHash: opts.pii.hash(phone),
          createdAt: opts.now,
          updatedAt: opts.now,
        })
        .onConflictDoNothing({ target: users.username })
        .returning({ id: users.id });
      if (!inserted.length) continue;
      const role = roleRows.find((r) => r.code === a.role);
      if (!role) throw new Error(`Built-in role ${a.role} missing: run the base seed first`);
      await tx.insert(userRoles).values({ userId: id, roleId: role.id });
      await tx.insert(userScopes).values({ userId: id, regionCode: a.regionCode });
    }
    await writeAudit(tx, ctx, {
      action: 'seed',
      entity: 'demo',
      detail: { accounts: accounts.map((a) => a.username), ...network, talent },
    });
  });
  return accounts;
}
