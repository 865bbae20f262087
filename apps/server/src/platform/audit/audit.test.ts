import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { verifyAuditChain } from './audit.service.ts';

const t = useTestApp();

async function makeSomeHistory(cookie: string) {
  for (const name of ['甲', '乙', '丙']) {
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/users', headers: { cookie },
      payload: { username: `audit-${name.charCodeAt(0)}`, displayName: name, regionCode: '441202', password: 'Init#Pass2026' },
    });
    expect(res.statusCode).toBe(201);
  }
}

describe('audit log', () => {
  it('records who changed what, with field names but no personal values', async () => {
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    const res = await t.app.inject({
      method: 'POST', url: '/api/v1/users', headers: { cookie: admin.cookie },
      payload: { username: 'with-phone', displayName: '有电话', regionCode: '441202', password: 'Init#Pass2026', phone: '13912345678' },
    });
    expect(res.statusCode).toBe(201);
    const auditor = await t.loginAs({ role: 'auditor', regionCode: '' });
    const log = await t.app.inject({ url: '/api/v1/audit-logs?entity=user&action=create', headers: { cookie: auditor.cookie } });
    const row = log.json().rows[0];
    expect(row).toMatchObject({ action: 'create', entity: 'user', actorName: admin.username, entityIds: [res.json().id] });
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
    // Someone with the database owner's powers bypasses the trigger and rewrites row 2.
    await t.database.exec(`BEGIN; SET LOCAL lianxin.audit_maintenance = 'on'; UPDATE audit_log SET actor_name = 'someone-else' WHERE seq = 2; COMMIT;`);
    expect(await verifyAuditChain(t.database.db)).toEqual({ ok: false, checked: 1, brokenAt: { seq: 2, reason: 'content' } });
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
    t.clock.advance(100 * 86_400_000);
    const later = await t.app.inject({
      method: 'POST', url: '/api/v1/users', headers: { cookie: (await t.loginAs({ role: 'region_admin', regionCode: '4412' })).cookie },
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
    const auditor = await t.loginAs({ role: 'auditor', regionCode: '' });
    expect((await t.app.inject({ url: '/api/v1/audit-logs/verify', headers: { cookie: auditor.cookie } })).json()).toMatchObject({ ok: true });
  });
});
