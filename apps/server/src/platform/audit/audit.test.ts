import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, eq, gt, gte, sql } from 'drizzle-orm';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_KEY, useTestApp } from '../../../test/app.ts';
import { openTestDatabase, resetDatabase } from '../../../test/db.ts';
import type { Db } from '../../db/client.ts';
import { systemCtx } from '../context.ts';
import { exportAuditHead } from './audit.head.ts';
import { AuditKeyError, bindAuditKey } from './audit.keys.ts';
import { rowHash, rowMac, verifyAuditChain, writeAudit, writeAudits } from './audit.service.ts';
import { auditCheckpoints, auditLog } from './audit.table.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lx-audit-head-'));
const headFile = path.join(dir, 'audit-head.jsonl');
const t = useTestApp({ LIANXIN_AUDIT_HEAD_FILE: headFile });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
beforeEach(() => fs.rmSync(headFile, { force: true }));

/** The audit key the test app derives from its data key, computed here as the documentation states it. */
const AUDIT_KEY = crypto.createHmac('sm3', Buffer.from(TEST_KEY, 'hex')).update('lianxin/audit-chain/v1').digest();

/** A log that keeps what it was told. */
function memoryLog() {
  const lines: { level: 'info' | 'error'; o: object; m: string }[] = [];
  return {
    lines,
    info: (o: object, m: string) => lines.push({ level: 'info', o, m }),
    error: (o: object, m: string) => lines.push({ level: 'error', o, m }),
  };
}

/** n audit rows, written as the product writes them. */
async function history(n: number, db: Db = t.database.db) {
  const entries = Array.from({ length: n }, (_, i) => ({
    action: 'update',
    entity: 'station',
    entityIds: [`s${i}`],
    fields: ['name'],
  }));
  await db.transaction((tx) => writeAudits(tx, systemCtx(t.clock.now(), 'test'), entries));
}

/** What a database owner can do: switch the audit log's triggers off for one transaction. */
async function asDatabaseOwner(fn: (tx: Db) => Promise<unknown>) {
  await t.database.db.transaction(async (tx) => {
    await tx.execute(sql`alter table audit_log disable trigger all`);
    await fn(tx);
    await tx.execute(sql`alter table audit_log enable trigger all`);
  });
}

type Row = typeof auditLog.$inferSelect;

/** Alters row `seq` and recomputes its hash and every later one with `link`, as a forger would. */
async function forgeFrom(tx: Db, seq: number, link: (prev: string, r: Row) => string, chain = 'hmac-sm3') {
  const rows = await tx.select().from(auditLog).where(gte(auditLog.seq, seq)).orderBy(asc(auditLog.seq));
  let prev = rows[0].prevHash;
  for (const r of rows) {
    const row = r.seq === seq ? { ...r, actorName: 'someone-else' } : r;
    const hash = link(prev, row);
    await tx
      .update(auditLog)
      .set({ actorName: row.actorName, prevHash: prev, hash, chain })
      .where(eq(auditLog.seq, r.seq));
    prev = hash;
  }
}

/** The messages of an error and its causes (drizzle wraps the database's), or 'not refused'. */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    const messages: string[] = [];
    for (let e = err as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e)
      messages.push(String(e.message));
    return messages.join(' | ');
  }
  return 'not refused';
}

const rowCount = async () => (await t.database.db.select({ seq: auditLog.seq }).from(auditLog)).length;
const lastLine = () => fs.readFileSync(headFile, 'utf8').trim().split('\n').at(-1)!;

async function makeSomeHistory(cookie: string) {
  for (const name of ['甲', '乙', '丙']) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie },
      payload: {
        username: `audit-${name.charCodeAt(0)}`,
        displayName: name,
        regionCode: '441202',
        password: 'Init#Pass2026',
      },
    });
    expect(res.statusCode).toBe(201);
  }
}

describe('audit log', () => {
  it('records who changed what, with field names but no personal values', async () => {
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: admin.cookie },
      payload: {
        username: 'with-phone',
        displayName: '有电话',
        regionCode: '441202',
        password: 'Init#Pass2026',
        phone: '13912345678',
      },
    });
    expect(res.statusCode).toBe(201);
    const auditor = await t.loginAs({ role: 'auditor', regionCode: '' });
    const log = await t.app.inject({
      url: '/api/v1/audit-logs?entity=user&action=create',
      headers: { cookie: auditor.cookie },
    });
    const row = log.json().rows[0];
    expect(row).toMatchObject({
      action: 'create',
      entity: 'user',
      actorName: admin.username,
      entityIds: [res.json().id],
    });
    expect(row.fields).toContain('phone');
    expect(JSON.stringify(log.json())).not.toContain('13912345678');
  });

  it('keeps an intact hash chain that the audit administrator can verify', async () => {
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    await makeSomeHistory(admin.cookie);
    const auditor = await t.loginAs({ role: 'auditor', regionCode: '' });
    const res = await t.app.inject({ url: '/api/v1/audit-logs/verify', headers: { cookie: auditor.cookie } });
    // Three user creations (test logins have TOTP enrolled beforehand).
    expect(res.json()).toEqual({ ok: true, checked: 3 });
  });

  it('refuses UPDATE and DELETE on the log, and reports the first row whose content was forged', async () => {
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    await makeSomeHistory(admin.cookie);
    await expect(t.database.exec(`UPDATE audit_log SET actor_name = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.database.exec('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    // Someone with the database owner's powers switches the trigger off and rewrites row 2.
    await asDatabaseOwner((tx) => tx.update(auditLog).set({ actorName: 'someone-else' }).where(eq(auditLog.seq, 2)));
    expect(await verifyAuditChain(t.database.db)).toEqual({
      ok: false,
      checked: 1,
      brokenAt: { seq: 2, reason: 'content' },
    });
  });

  it('is readable by the audit administrator only', async () => {
    for (const role of ['sysadmin', 'secadmin', 'region_admin'] as const) {
      const u = await t.loginAs({ role, regionCode: role === 'region_admin' ? '4412' : '' });
      expect((await t.app.inject({ url: '/api/v1/audit-logs', headers: { cookie: u.cookie } })).statusCode).toBe(403);
    }
  });
});

describe('audit retention', () => {
  it('removes whole days older than 184 days and the chain still verifies from the checkpoint', async () => {
    const { pruneAuditLog } = await import('./audit.retention.ts');
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    await makeSomeHistory(admin.cookie); // 3 rows on day 0
    const log = memoryLog();
    expect(await exportAuditHead(t.database.db, { file: headFile, now: t.clock.now(), log })).toBe('written'); // head: row 3
    t.clock.advance(100 * 86_400_000);
    const later = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: (await t.loginAs({ role: 'region_admin', regionCode: '4412' })).cookie },
      payload: { username: 'later-user', displayName: '后来', regionCode: '441202', password: 'Init#Pass2026' },
    });
    expect(later.statusCode).toBe(201);
    // Day 150: nothing is old enough yet.
    t.clock.advance(50 * 86_400_000);
    expect((await pruneAuditLog(t.database.db, t.clock.now(), 184)).deleted).toBe(0);
    // Day 200: the three rows of day 0 go, the day-100 row stays, the chain still checks out.
    t.clock.advance(50 * 86_400_000);
    expect((await pruneAuditLog(t.database.db, t.clock.now(), 30)).deleted).toBe(3); // 30 is raised to the 184-day minimum
    expect(await verifyAuditChain(t.database.db)).toEqual({ ok: true, checked: 1 });
    // The head exported on day 0 went with its day, by the retention job's own (keyed) checkpoint.
    const [checkpoint] = await t.database.db.select().from(auditCheckpoints);
    expect(checkpoint).toMatchObject({ firstSeq: 4, deletedRows: 3, mac: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await verifyAuditChain(t.database.db, { headFile })).toMatchObject({
      ok: true,
      checked: 1,
      head: { seq: 3 },
    });
    expect(await exportAuditHead(t.database.db, { file: headFile, now: t.clock.now(), log })).toBe('written');
    expect(await verifyAuditChain(t.database.db, { headFile })).toMatchObject({
      ok: true,
      checked: 1,
      head: { seq: 4 },
    });
    const auditor = await t.loginAs({ role: 'auditor', regionCode: '' });
    expect(
      (await t.app.inject({ url: '/api/v1/audit-logs/verify', headers: { cookie: auditor.cookie } })).json(),
    ).toMatchObject({ ok: true });
  });
});

describe('audit log tampering', () => {
  it('ignores the old maintenance switch: a session that sets it cannot delete or update rows', async () => {
    await history(3);
    for (const setting of [
      sql`set local lianxin.audit_maintenance = 'on'`,
      sql`set lianxin.audit_maintenance = 'on'`,
    ]) {
      const del = t.database.db.transaction(async (tx) => {
        await tx.execute(setting);
        await tx.delete(auditLog).where(gt(auditLog.seq, 1));
      });
      expect(await refusal(del)).toMatch(/append-only \(DELETE refused\)/);
      const upd = t.database.db.transaction(async (tx) => {
        await tx.execute(setting);
        await tx.update(auditLog).set({ actorName: 'someone-else' }).where(eq(auditLog.seq, 2));
      });
      expect(await refusal(upd)).toMatch(/append-only \(UPDATE refused\)/);
    }
    // Nor does the digest the trigger function holds: it is the SHA-256 of the secret, not the secret.
    const withDigest = t.database.db.transaction(async (tx) => {
      const [fn] = (
        (await tx.execute(sql`select prosrc from pg_proc where proname = 'lianxin_audit_append_only'`)) as unknown as {
          rows: { prosrc: string }[];
        }
      ).rows;
      const digest = /'([0-9a-f]{64})'/.exec(fn.prosrc)?.[1] ?? 'on';
      await tx.execute(sql`select set_config('lianxin.audit_maintenance', ${digest}, true)`);
      await tx.delete(auditLog);
    });
    expect(await refusal(withDigest)).toMatch(/append-only \(DELETE refused\)/);
    // Nor a sha256() of its own put before pg_catalog's: the trigger function pins its search_path.
    const shadowed = t.database.db.transaction(async (tx) => {
      const [fn] = (
        (await tx.execute(sql`select prosrc from pg_proc where proname = 'lianxin_audit_append_only'`)) as unknown as {
          rows: { prosrc: string }[];
        }
      ).rows;
      const digest = /'([0-9a-f]{64})'/.exec(fn.prosrc)![1];
      await tx.execute(
        sql.raw(
          `create function public.sha256(bytea) returns bytea language sql as $$ select decode('${digest}', 'hex') $$`,
        ),
      );
      await tx.execute(sql`set local search_path = public, pg_catalog`);
      await tx.execute(sql`set local lianxin.audit_maintenance = 'anything'`);
      await tx.delete(auditLog);
    });
    expect(await refusal(shadowed)).toMatch(/append-only \(DELETE refused\)/);
    expect(await rowCount()).toBe(3);
    expect(await verifyAuditChain(t.database.db)).toEqual({ ok: true, checked: 3 });
  });

  it('reports the first rewritten row when the chain after it was recomputed with plain SHA-256 or another key', async () => {
    await history(5);
    await asDatabaseOwner((tx) => forgeFrom(tx, 2, (prev, r) => rowHash(prev, r)));
    expect(await verifyAuditChain(t.database.db)).toEqual({
      ok: false,
      checked: 1,
      brokenAt: { seq: 2, reason: 'content' },
    });

    await resetDatabase(t.database);
    await history(5);
    const otherKey = crypto.randomBytes(32);
    await asDatabaseOwner((tx) => forgeFrom(tx, 3, (prev, r) => rowMac(otherKey, prev, r)));
    expect(await verifyAuditChain(t.database.db)).toEqual({
      ok: false,
      checked: 2,
      brokenAt: { seq: 3, reason: 'content' },
    });
  });

  it('accepts the plain SHA-256 rows written before the upgrade, up to the first keyed row', async () => {
    await history(4);
    // Rows 1 and 2 as the old code wrote them, rows 3 and 4 keyed after them.
    await asDatabaseOwner(async (tx) => {
      await tx.execute(sql`alter table audit_log drop constraint audit_log_chain_keyed`);
      const rows = await tx.select().from(auditLog).orderBy(asc(auditLog.seq));
      let prev = '0'.repeat(64);
      for (const r of rows) {
        const chain = r.seq <= 2 ? 'sha256' : 'hmac-sm3';
        const hash = chain === 'sha256' ? rowHash(prev, r) : rowMac(AUDIT_KEY, prev, r);
        await tx.update(auditLog).set({ prevHash: prev, hash, chain }).where(eq(auditLog.seq, r.seq));
        prev = hash;
      }
      await tx.execute(
        sql`alter table audit_log add constraint audit_log_chain_keyed check (chain = 'hmac-sm3') not valid`,
      );
    });
    expect(await verifyAuditChain(t.database.db)).toEqual({ ok: true, checked: 4 });
  });

  it('refuses a row turned back into plain SHA-256 after keyed rows, and reports it if the owner forces it', async () => {
    await history(4);
    // The table refuses an unkeyed row, even with the triggers off.
    expect(await refusal(asDatabaseOwner((tx) => forgeFrom(tx, 3, (prev, r) => rowHash(prev, r), 'sha256')))).toMatch(
      /audit_log_chain_keyed/,
    );
    expect(await verifyAuditChain(t.database.db)).toEqual({ ok: true, checked: 4 });
    // The owner drops that check for the rewrite (and puts it back): verification still refuses SHA-256 rows after keyed ones.
    await asDatabaseOwner(async (tx) => {
      await tx.execute(sql`alter table audit_log drop constraint audit_log_chain_keyed`);
      await forgeFrom(tx, 3, (prev, r) => rowHash(prev, r), 'sha256');
      await tx.execute(
        sql`alter table audit_log add constraint audit_log_chain_keyed check (chain = 'hmac-sm3') not valid`,
      );
    });
    expect(await verifyAuditChain(t.database.db)).toEqual({
      ok: false,
      checked: 2,
      brokenAt: { seq: 3, reason: 'downgrade' },
    });
  });

  it('detects the newest rows deleted after a head was exported, and exports no head that hides it', async () => {
    const auditor = await t.loginAs({ role: 'auditor', regionCode: '' });
    await history(5); // rows 1 to 5
    const log = memoryLog();
    expect(await exportAuditHead(t.database.db, { file: headFile, now: t.clock.now(), log })).toBe('written');
    const exported = JSON.parse(lastLine());
    expect(exported).toMatchObject({ seq: 5, at: t.clock.now().toISOString() });
    expect(log.lines).toEqual([{ level: 'info', o: { auditHead: exported }, m: 'audit chain head' }]);
    // Nothing new: nothing more is written.
    expect(await exportAuditHead(t.database.db, { file: headFile, now: t.clock.now(), log })).toBe('unchanged');

    await asDatabaseOwner((tx) => tx.delete(auditLog).where(gt(auditLog.seq, 3)));
    const res = await t.app.inject({ url: '/api/v1/audit-logs/verify', headers: { cookie: auditor.cookie } });
    expect(res.json()).toEqual({
      ok: false,
      checked: 3,
      brokenAt: { seq: 5, reason: 'tail_missing' },
      head: { seq: 5, at: exported.at },
    });

    // The next export refuses to vouch for the shortened chain, and says so in the log.
    expect(await exportAuditHead(t.database.db, { file: headFile, now: t.clock.now(), log })).toBe('refused');
    expect(lastLine()).toBe(JSON.stringify(exported));
    expect(log.lines.at(-1)).toMatchObject({ level: 'error', o: { auditHead: { seq: 5, reason: 'tail_missing' } } });

    // The whole log gone: the same.
    await asDatabaseOwner((tx) => tx.delete(auditLog));
    expect(await verifyAuditChain(t.database.db, { headFile })).toEqual({
      ok: false,
      checked: 0,
      brokenAt: { seq: 5, reason: 'tail_missing' },
      head: { seq: 5, at: exported.at },
    });
  });

  it('reports a head line the server did not write', async () => {
    await history(3);
    expect(await exportAuditHead(t.database.db, { file: headFile, now: t.clock.now(), log: memoryLog() })).toBe(
      'written',
    );
    expect(await verifyAuditChain(t.database.db, { headFile })).toMatchObject({
      ok: true,
      checked: 3,
      head: { seq: 3 },
    });
    // Row 3 deleted, and a head line naming row 2 (its real hash) appended to cover it up.
    await asDatabaseOwner((tx) => tx.delete(auditLog).where(eq(auditLog.seq, 3)));
    const [row2] = await t.database.db.select().from(auditLog).where(eq(auditLog.seq, 2));
    const forged = { seq: 2, hash: row2.hash, at: t.clock.now().toISOString() };
    for (const mac of [
      crypto.randomBytes(32).toString('hex'),
      crypto.createHmac('sm3', crypto.randomBytes(32)).update(JSON.stringify(forged)).digest('hex'),
    ]) {
      fs.appendFileSync(headFile, `${JSON.stringify({ ...forged, mac })}\n`);
      expect(await verifyAuditChain(t.database.db, { headFile })).toEqual({
        ok: false,
        checked: 2,
        brokenAt: { seq: 2, reason: 'head_forged' },
      });
    }
    fs.appendFileSync(headFile, 'not a head\n');
    expect(await verifyAuditChain(t.database.db, { headFile })).toMatchObject({
      ok: false,
      brokenAt: { reason: 'head_forged' },
    });
    // And no head is exported after it.
    expect(await exportAuditHead(t.database.db, { file: headFile, now: t.clock.now(), log: memoryLog() })).toBe(
      'refused',
    );
  });

  it('refuses a checkpoint the retention job did not make', async () => {
    await history(4);
    // Rows 1 and 2 deleted, and a checkpoint inserted so that the chain would seem to start at row 3.
    await asDatabaseOwner(async (tx) => {
      const [row3] = await tx.select().from(auditLog).where(eq(auditLog.seq, 3));
      await tx.delete(auditLog).where(eq(auditLog.seq, 1));
      await tx.delete(auditLog).where(eq(auditLog.seq, 2));
      const checkpoint = {
        at: t.clock.now(),
        firstSeq: 3,
        prevHash: row3.prevHash,
        deletedBefore: t.clock.now(),
        deletedRows: 2,
      };
      await tx.insert(auditCheckpoints).values(checkpoint);
    });
    expect(await verifyAuditChain(t.database.db)).toEqual({
      ok: false,
      checked: 0,
      brokenAt: { seq: 3, reason: 'checkpoint' },
    });
    await t.database.db.update(auditCheckpoints).set({ mac: crypto.randomBytes(32).toString('hex') });
    expect(await verifyAuditChain(t.database.db)).toEqual({
      ok: false,
      checked: 0,
      brokenAt: { seq: 3, reason: 'checkpoint' },
    });
  });
});

describe('audit chain key', () => {
  it('keys every row, one by one and in bulk, with HMAC-SM3 under the key derived from the data key', async () => {
    await t.database.db.transaction((tx) =>
      writeAudit(tx, systemCtx(t.clock.now(), 'test'), { action: 'update', entity: 'station' }),
    );
    await history(50); // the roster import's path
    const rows = await t.database.db.select().from(auditLog).orderBy(asc(auditLog.seq));
    expect(rows).toHaveLength(51);
    let prev = '0'.repeat(64);
    for (const r of rows) {
      expect(r).toMatchObject({ chain: 'hmac-sm3', prevHash: prev, hash: rowMac(AUDIT_KEY, prev, r) });
      expect(r.hash).not.toBe(rowHash(prev, r));
      prev = r.hash;
    }
    expect(await verifyAuditChain(t.database.db)).toEqual({ ok: true, checked: 51 });
  });

  it('keeps each database handle with its own key, and writes nothing on a handle without one', async () => {
    const other = await openTestDatabase();
    try {
      await resetDatabase(other);
      await expect(history(1, other.db)).rejects.toThrow(AuditKeyError);
      expect(() => bindAuditKey(t.database.db, crypto.randomBytes(32))).toThrow(AuditKeyError);
      const otherKey = crypto.randomBytes(32);
      bindAuditKey(other.db, otherKey);
      await history(2, other.db);
      await history(2);
      const [row] = await other.db.select().from(auditLog).where(eq(auditLog.seq, 1));
      expect(row.hash).toBe(rowMac(otherKey, row.prevHash, row));
      expect(await verifyAuditChain(other.db)).toEqual({ ok: true, checked: 2 });
      expect(await verifyAuditChain(t.database.db)).toEqual({ ok: true, checked: 2 });
    } finally {
      await other.close();
    }
  });
});
