import { eq } from 'drizzle-orm';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { systemMeta } from './modules/params/params.table.ts';
import { AuditKeyError, bindAuditKey, hmacSm3Hex, sameHex } from './platform/audit/audit.keys.ts';
import { createPiiCipher, loadDataKey, PiiKeyError, type PiiCipher } from './platform/pii.ts';
import { seedBase } from './seed/base.seed.ts';

const CANARY_KEY = 'pii_canary';
const CANARY_TEXT = 'lianxin-canary';

/**
 * A wrong data key must stop the server rather than serve garbage: the first start stores an
 * encrypted canary, every later start decrypts it.
 */
export async function checkKeyCanary(database: Database, pii: PiiCipher): Promise<void> {
  const { db } = database;
  const [row] = await db.select().from(systemMeta).where(eq(systemMeta.key, CANARY_KEY));
  if (!row) {
    await db
      .insert(systemMeta)
      .values({ key: CANARY_KEY, value: pii.encrypt(CANARY_TEXT) })
      .onConflictDoNothing();
    return;
  }
  let clear: string | undefined;
  try {
    clear = pii.decrypt(row.value);
  } catch {
    /* reported below */
  }
  if (clear !== CANARY_TEXT) {
    throw new PiiKeyError(
      'LIANXIN_DATA_KEY does not match the key this database was encrypted with; refusing to start',
    );
  }
}

const AUDIT_KEY_CHECK = 'audit_key_check';

/**
 * A changed audit key would chain new rows under another key and make every later `audit verify`
 * fail: the first start stores a keyed check value (an HMAC, which tells nothing of the key), every
 * later start compares it.
 */
export async function checkAuditKey(database: Database, auditKey: Buffer): Promise<void> {
  const { db } = database;
  const value = hmacSm3Hex(auditKey, 'lianxin/audit-key-check/v1');
  const [row] = await db.select().from(systemMeta).where(eq(systemMeta.key, AUDIT_KEY_CHECK));
  if (!row) {
    await db.insert(systemMeta).values({ key: AUDIT_KEY_CHECK, value }).onConflictDoNothing();
    return;
  }
  if (!sameHex(row.value, value)) {
    throw new AuditKeyError(
      'The audit key (LIANXIN_AUDIT_KEY, or the one derived from LIANXIN_DATA_KEY) is not the one this audit log was written with; refusing to start',
    );
  }
}

export interface Runtime {
  database: Database;
  pii: PiiCipher;
  /** The audit chain's key: LIANXIN_AUDIT_KEY, or derived from the data key. Bound to the database handle. */
  auditKey: Buffer;
}

/** Opens, migrates and checks the database; shared by the server and the CLI. */
export async function openRuntime(config: Config, now: Date): Promise<Runtime> {
  const database = await openDatabase(config);
  try {
    await migrate(database);
    const keyHex = loadDataKey({
      dataKeyHex: config.dataKeyHex,
      dataDir: config.dataDir,
      embedded: !config.databaseUrl,
    });
    const pii = createPiiCipher(keyHex);
    await checkKeyCanary(database, pii);
    const auditKey = config.auditKeyHex ? Buffer.from(config.auditKeyHex, 'hex') : pii.auditKey;
    await checkAuditKey(database, auditKey);
    bindAuditKey(database.db, auditKey);
    await seedBase(database.db, now);
    return { database, pii, auditKey };
  } catch (err) {
    await database.close().catch(() => {});
    throw err;
  }
}
