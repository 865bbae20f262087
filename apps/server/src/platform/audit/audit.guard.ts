import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { queryRows } from '../../db/sql.ts';
import { auditKeysOf } from './audit.keys.ts';

const GUARD_LOCK = 7461005;

/**
 * The body of the append-only trigger function: UPDATE, DELETE and TRUNCATE of audit_log are
 * refused unless the transaction set lianxin.audit_maintenance to the maintenance secret, which
 * only the server knows (it is derived from the audit key); the database holds its SHA-256 only.
 * A session that sets the old 'on', or anything else, is refused. search_path is pinned so that a
 * session cannot put its own sha256() or = in front of pg_catalog's.
 */
function guardBody(digest: string): string {
  return `
BEGIN
  IF encode(sha256(convert_to(coalesce(current_setting('lianxin.audit_maintenance', true), ''), 'UTF8')), 'hex') IS DISTINCT FROM '${digest}' THEN
    RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NULL;
END;
`;
}

/**
 * (Re)creates the trigger function with the digest of this server's maintenance secret; run at
 * every start (buildApp), so a changed audit key takes effect and a database copied from a
 * template (the tests) gets the key of the app that uses it. Several instances starting at once
 * take turns, and an unchanged function is left alone.
 */
export async function installAuditGuard(db: Db): Promise<void> {
  const digest = crypto.createHash('sha256').update(auditKeysOf(db).maintenance, 'utf8').digest('hex');
  const body = guardBody(digest);
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${GUARD_LOCK})`);
    const [current] = await queryRows<{ src: string }>(
      tx,
      sql`select prosrc as src from pg_proc where proname = 'lianxin_audit_append_only'`,
    );
    if (current?.src === body) return;
    await tx.execute(
      sql.raw(
        `CREATE OR REPLACE FUNCTION lianxin_audit_append_only() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $lianxin_guard$${body}$lianxin_guard$`,
      ),
    );
  });
}

/**
 * Lets this transaction (and nothing after it) delete from audit_log: the retention job's switch.
 * The secret travels as a bound parameter, so it does not appear in pg_stat_activity's query text.
 */
export async function enterAuditMaintenance(tx: Db): Promise<void> {
  await tx.execute(sql`select set_config('lianxin.audit_maintenance', ${auditKeysOf(tx).maintenance}, true)`);
}
