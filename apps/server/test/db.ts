import crypto from 'node:crypto';
import fs from 'node:fs';
import { inject } from 'vitest';
import { type Database, openPglite, openPostgres } from '../src/db/client.ts';
import { regions } from '../src/modules/regions/regions.table.ts';
import { seedBase } from '../src/seed/base.seed.ts';
import { pgTemplate, withDatabase } from './global-setup.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    snapshot: string;
  }
}

export const usesPostgres = () => process.env.LIANXIN_TEST_DB === 'pg';

/** A migrated database for one test file: PGlite from the snapshot, or a copy of the PostgreSQL template. */
export async function openTestDatabase(): Promise<Database> {
  if (!usesPostgres()) {
    const blob = new Blob([fs.readFileSync(inject('snapshot'))]);
    return openPglite(undefined, { loadDataDir: blob });
  }
  const url = process.env.TEST_DATABASE_URL!;
  const name = `lianxin_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(url, { max: 1 });
  await admin.exec(`CREATE DATABASE ${name} TEMPLATE ${pgTemplate(url)}`);
  await admin.close();
  const database = await openPostgres(withDatabase(url, name), { max: 5 });
  const close = database.close;
  database.close = async () => {
    await close();
    const a = await openPostgres(url, { max: 1 });
    await a.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await a.close();
  };
  return database;
}

const TABLES = [
  'targets',
  'position_holders',
  'positions',
  'supervision_supervisees',
  'supervision_sessions',
  'training_records',
  'qualification_registrations',
  'honors',
  'qualifications',
  'exam_registrations',
  'station_assignments',
  'worker_employments',
  'workers',
  'pairing_deliveries',
  'pairings',
  'station_status_history',
  'stations',
  'organizations',
  'coverage_deadlines',
  'idempotency_keys',
  'sessions',
  'login_log',
  'user_roles',
  'user_scopes',
  'users',
  'roles',
  'dict_items',
  'dict_types',
  'params',
  'regions',
  'system_meta',
  'audit_checkpoints',
  'audit_log',
];

/**
 * Empties every table and re-seeds the base data. The audit log's append-only trigger is switched
 * off for it as the database owner can (the maintenance secret is the app's, and a file may have no app).
 */
export async function resetDatabase(database: Database, now = new Date()): Promise<void> {
  await database.exec(
    `BEGIN; ALTER TABLE audit_log DISABLE TRIGGER USER; TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY CASCADE; ALTER TABLE audit_log ENABLE TRIGGER USER; COMMIT;`,
  );
  await seedBase(database.db, now);
  await database.db.insert(regions).values(FIXTURE_REGIONS);
}

/** A small real slice of the hierarchy: two counties of 肇庆市 and one of 广州市. */
export const FIXTURE_REGIONS = [
  { code: '44', name: '广东省', level: 1, parentCode: null, initials: 'gds' },
  { code: '4401', name: '广州市', level: 2, parentCode: '44', initials: 'gzs' },
  { code: '440103', name: '荔湾区', level: 3, parentCode: '4401', initials: 'lwq' },
  { code: '4412', name: '肇庆市', level: 2, parentCode: '44', initials: 'zqs' },
  { code: '441202', name: '端州区', level: 3, parentCode: '4412', initials: 'dzq' },
  { code: '441202001', name: '端州区城东街道', level: 4, parentCode: '441202', initials: 'dzqcdjd' },
  { code: '441202003', name: '端州区城西街道', level: 4, parentCode: '441202', initials: 'dzqcxjd' },
  { code: '441202001002', name: '杏花社区居委会', level: 5, parentCode: '441202001', initials: 'xhsqjwh' },
  { code: '441203', name: '鼎湖区', level: 3, parentCode: '4412', initials: 'dhq' },
  { code: '441203001', name: '坑口街道', level: 4, parentCode: '441203', initials: 'kkjd' },
  { code: '441203001001', name: '万福社区居民委员会', level: 5, parentCode: '441203001', initials: 'wfsqjmwyh' },
];
