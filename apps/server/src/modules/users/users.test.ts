import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createUser, TEST_PASSWORD } from '../../../test/factories.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { roles } from '../roles/roles.table.ts';
import { userRoles, users } from './users.table.ts';

const t = useTestApp();

const newUser = (over: Record<string, unknown> = {}) => ({
  username: 'new-worker',
  displayName: '新社工',
  regionCode: '441202001',
  password: 'Init#Pass2026',
  ...over,
});

async function roleId(cookie: string, code: string) {
  const res = await t.app.inject({ url: '/api/v1/roles?pageSize=100', headers: { cookie } });
  return res.json().rows.find((r: { code: string }) => r.code === code).id as string;
}

describe('users within the data scope', () => {
  it('a city administrator creates a user inside the city but not in another city', async () => {
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: admin.cookie },
      payload: newUser(),
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      username: 'new-worker',
      regionName: '端州区城东街道',
      scopes: ['441202001'],
      status: 'active',
    });
    const outside = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: admin.cookie },
      payload: newUser({ username: 'gz-worker', regionCode: '440103' }),
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json()).toMatchObject({ code: 'SCOPE_EXCEEDED', errors: [{ path: 'regionCode' }] });
    const wideScope = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: admin.cookie },
      payload: newUser({ username: 'wide', scopes: ['4412', '44'] }),
    });
    expect(wideScope.json().errors).toEqual([
      { path: 'scopes.1', message: expect.any(String), key: 'validation.scope.outside' },
    ]);
  });

  it('new users must change the initial password at first login', async () => {
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: admin.cookie }, payload: newUser() });
    expect((await t.login('new-worker', 'Init#Pass2026')).body.stage).toBe('change_password');
  });

  it('refuses a duplicate username, a weak password and a bad phone with field paths, writing nothing', async () => {
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: admin.cookie }, payload: newUser() });
    const dup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: admin.cookie },
      payload: newUser(),
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].path).toBe('username');
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: admin.cookie },
      payload: newUser({ username: 'weak', password: 'password' }),
    });
    expect(weak.json()).toMatchObject({ code: 'PASSWORD_POLICY', errors: [{ path: 'password' }] });
    const phone = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: admin.cookie },
      payload: newUser({ username: 'phone', phone: '12345' }),
    });
    expect(phone.statusCode).toBe(400);
    expect(phone.json().errors[0].path).toBe('phone');
    const list = await t.app.inject({ url: '/api/v1/users?q=weak', headers: { cookie: admin.cookie } });
    expect(list.json().total).toBe(0);
  });

  it('a county administrator neither lists nor opens users of another county (404)', async () => {
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '441202' });
    const mine = await createUser(t.database.db, t.pii, { regionCode: '441202001', username: 'mine' });
    const theirs = await createUser(t.database.db, t.pii, { regionCode: '441203001', username: 'theirs' });
    const list = await t.app.inject({ url: '/api/v1/users?pageSize=100', headers: { cookie: admin.cookie } });
    const names = list.json().rows.map((r: { username: string }) => r.username);
    expect(names).toContain('mine');
    expect(names).not.toContain('theirs');
    expect(
      (await t.app.inject({ url: `/api/v1/users/${mine.id}`, headers: { cookie: admin.cookie } })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ url: `/api/v1/users/${theirs.id}`, headers: { cookie: admin.cookie } })).statusCode,
    ).toBe(404);
  });

  it('answers a stale version with 409 and the current record', async () => {
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    const u = await createUser(t.database.db, t.pii, { regionCode: '441202' });
    const body = { displayName: '改名', regionCode: '441202', status: 'active', version: 1 };
    expect(
      (
        await t.app.inject({
          method: 'PUT',
          url: `/api/v1/users/${u.id}`,
          headers: { cookie: admin.cookie },
          payload: body,
        })
      ).statusCode,
    ).toBe(200);
    const stale = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${u.id}`,
      headers: { cookie: admin.cookie },
      payload: { ...body, displayName: '再改' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ displayName: '改名', version: 2 });
    const noVersion = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${u.id}`,
      headers: { cookie: admin.cookie },
      payload: { displayName: 'x', regionCode: '441202', status: 'active' },
    });
    expect(noVersion.statusCode).toBe(428);
  });
});

describe('personal data of users', () => {
  it('lists phones masked; pii:read reveals one, and the read is audited', async () => {
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    const u = await createUser(t.database.db, t.pii, { regionCode: '441202', phone: '13812345678' });
    const list = await t.app.inject({ url: '/api/v1/users?pageSize=100', headers: { cookie: admin.cookie } });
    expect(list.json().rows.find((r: { id: string }) => r.id === u.id).phone).toBe('138****5678');
    expect(list.body).not.toContain('13812345678');
    const reveal = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${u.id}/reveal`,
      headers: { cookie: admin.cookie },
      payload: { field: 'phone' },
    });
    expect(reveal.json()).toEqual({ value: '13812345678' });
    const auditor = await t.loginAs({ role: 'auditor', regionCode: '' });
    const log = await t.app.inject({ url: '/api/v1/audit-logs?action=reveal', headers: { cookie: auditor.cookie } });
    expect(log.json().rows[0]).toMatchObject({
      entity: 'user',
      entityIds: [u.id],
      fields: ['phone'],
      actorName: admin.username,
    });
  });

  it('the system administrator manages accounts but cannot reveal personal data', async () => {
    const sys = await t.loginAs({ role: 'sysadmin', regionCode: '' });
    const u = await createUser(t.database.db, t.pii, { regionCode: '441202', phone: '13812345678' });
    const reveal = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${u.id}/reveal`,
      headers: { cookie: sys.cookie },
      payload: { field: 'phone' },
    });
    expect(reveal.statusCode).toBe(403);
  });
});

describe('roles and the separation of duties', () => {
  it('a region administrator cannot grant a role with powers they do not hold', async () => {
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    const u = await createUser(t.database.db, t.pii, { regionCode: '441202' });
    const sysRole = await roleId(admin.cookie, 'sysadmin');
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${u.id}/roles`,
      headers: { cookie: admin.cookie },
      payload: { roleIds: [sysRole], version: 1 },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('SCOPE_EXCEEDED');
    const worker = await roleId(admin.cookie, 'social_worker');
    const ok = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${u.id}/roles`,
      headers: { cookie: admin.cookie },
      payload: { roleIds: [worker], version: 1 },
    });
    expect(ok.json().roles.map((r: { code: string }) => r.code)).toEqual(['social_worker']);
  });

  it('nobody changes their own roles; no user holds two administrator duties', async () => {
    const sec = await t.loginAs({ role: 'secadmin', regionCode: '' });
    const self = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${sec.id}/roles`,
      headers: { cookie: sec.cookie },
      payload: { roleIds: [await roleId(sec.cookie, 'auditor')], version: 1 },
    });
    expect(self.json().code).toBe('SEPARATION_OF_DUTIES');
    const u = await createUser(t.database.db, t.pii, { regionCode: '' });
    const both = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${u.id}/roles`,
      headers: { cookie: sec.cookie },
      payload: { roleIds: [await roleId(sec.cookie, 'sysadmin'), await roleId(sec.cookie, 'auditor')], version: 1 },
    });
    expect(both.json()).toMatchObject({ code: 'SEPARATION_OF_DUTIES', errors: [{ path: 'roleIds' }] });
  });

  it('a custom role cannot mix administrator duties, and a region admin cannot make one broader than themselves', async () => {
    const sec = await t.loginAs({ role: 'secadmin', regionCode: '' });
    const mixed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/roles',
      headers: { cookie: sec.cookie },
      payload: { code: 'super', name: '超级', permissions: ['system:dict:edit', 'log:operation:list'] },
    });
    expect(mixed.json().code).toBe('SEPARATION_OF_DUTIES');
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    const broad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/roles',
      headers: { cookie: admin.cookie },
      payload: { code: 'broad', name: '宽', permissions: ['system:user:list', 'system:param:edit'] },
    });
    expect(broad.json().code).toBe('SCOPE_EXCEEDED');
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/roles',
      headers: { cookie: admin.cookie },
      payload: { code: 'clerk', name: '文员', permissions: ['system:user:list'] },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ regionCode: '4412', builtin: false });
    const county = await t.loginAs({ role: 'region_admin', regionCode: '441203' });
    const list = await t.app.inject({ url: '/api/v1/roles?pageSize=100', headers: { cookie: county.cookie } });
    expect(list.json().rows.map((r: { code: string }) => r.code)).not.toContain('clerk');
  });

  it('an edit of a custom role answers the new permissions and version; a stale version answers 409', async () => {
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    const role = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/roles',
        headers: { cookie: admin.cookie },
        payload: { code: 'clerk', name: '文员', permissions: ['system:user:list'] },
      })
    ).json();
    const edit = (name: string) => ({
      method: 'PUT' as const,
      url: `/api/v1/roles/${role.id}`,
      headers: { cookie: admin.cookie },
      payload: { name, permissions: ['system:user:list', 'system:role:list'], version: 1 },
    });
    const ok = await t.app.inject(edit('文书'));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      name: '文书',
      permissions: ['system:user:list', 'system:role:list'],
      version: 2,
    });
    const stale = await t.app.inject(edit('迟到'));
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { name: '文书', version: 2 } });
  });

  it('an admin password reset forces a change and ends the sessions', async () => {
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    const victim = await t.loginAs({ regionCode: '441202' });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${victim.id}/reset-password`,
      headers: { cookie: admin.cookie },
      payload: { password: 'Reset#Pass2026' },
    });
    expect(res.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: victim.cookie } })).statusCode).toBe(401);
    expect((await t.login(victim.username, TEST_PASSWORD)).status).toBe(401);
    expect((await t.login(victim.username, 'Reset#Pass2026')).body.stage).toBe('change_password');
  });
});

/** Every way of managing an account, as an attacker would try them on `id`. */
function takeoverAttempts(id: string, roleIds: string[]) {
  return [
    {
      name: 'reset password',
      method: 'POST' as const,
      url: `/api/v1/users/${id}/reset-password`,
      payload: { password: 'Taken#Over2026' },
    },
    {
      name: 'edit',
      method: 'PUT' as const,
      url: `/api/v1/users/${id}`,
      payload: { displayName: '已接管', regionCode: '441202', status: 'active', version: 1 },
    },
    {
      name: 'disable',
      method: 'PUT' as const,
      url: `/api/v1/users/${id}`,
      payload: { displayName: '已接管', regionCode: '441202', status: 'disabled', version: 1 },
    },
    { name: 'unlock', method: 'POST' as const, url: `/api/v1/users/${id}/unlock` },
    {
      name: 'assign roles',
      method: 'PUT' as const,
      url: `/api/v1/users/${id}/roles`,
      payload: { roleIds, version: 1 },
    },
    { name: 'reset TOTP', method: 'POST' as const, url: `/api/v1/users/${id}/totp/reset` },
  ];
}

async function stored(id: string) {
  const [row] = await t.database.db.select().from(users).where(eq(users.id, id));
  return row;
}

async function giveRole(userId: string, code: string) {
  const [r] = await t.database.db.select().from(roles).where(eq(roles.code, code));
  await t.database.db.insert(userRoles).values({ userId, roleId: r.id });
}

async function enableTotp(id: string) {
  await t.database.db
    .update(users)
    .set({ totpEnabled: true, totpSecretEnc: t.pii.encrypt('JBSWY3DPEHPK3PXP'), totpLastStep: 1 })
    .where(eq(users.id, id));
}

describe('no account takeover between administrators', () => {
  it('a county administrator cannot take over a city-wide user homed in the county (404, nothing changes)', async () => {
    const county = await t.loginAs({ role: 'region_admin', regionCode: '441202' });
    const cityWide = await createUser(t.database.db, t.pii, {
      regionCode: '441202',
      scopes: ['4412'],
      username: 'city-wide',
    });
    const worker = await roleId(county.cookie, 'social_worker');
    for (const a of takeoverAttempts(cityWide.id, [worker])) {
      const res = await t.app.inject({ ...a, headers: { cookie: county.cookie } });
      expect(res.statusCode, a.name).toBe(404);
    }
    const row = await stored(cityWide.id);
    expect(row).toMatchObject({
      version: 1,
      status: 'active',
      displayName: expect.not.stringContaining('接管'),
      mustChangePassword: false,
      passwordResetAt: null,
    });
    expect((await t.login('city-wide')).status).toBe(200);
    expect((await t.login('city-wide', 'Taken#Over2026')).status).toBe(401);
  });

  it('a county administrator cannot take over a national auditor homed in the county (403/404, nothing changes)', async () => {
    const county = await t.loginAs({ role: 'region_admin', regionCode: '441202' });
    const national = await createUser(t.database.db, t.pii, {
      role: 'auditor',
      regionCode: '441202',
      scopes: [''],
      username: 'auditor-national',
    });
    // Even with scopes inside the county, an auditor holds powers no region administrator can grant.
    const local = await createUser(t.database.db, t.pii, {
      role: 'auditor',
      regionCode: '441202',
      username: 'auditor-local',
    });
    const worker = await roleId(county.cookie, 'social_worker');
    for (const [target, status] of [
      [national, 404],
      [local, 403],
    ] as const) {
      for (const a of takeoverAttempts(target.id, [worker])) {
        const res = await t.app.inject({ ...a, headers: { cookie: county.cookie } });
        expect(res.statusCode, `${target.username} ${a.name}`).toBe(status);
      }
      expect(await stored(target.id)).toMatchObject({
        version: 1,
        status: 'active',
        mustChangePassword: false,
        passwordResetAt: null,
      });
      const login = await t.login(target.username);
      expect(login.status).toBe(200);
      expect(login.body.stage).not.toBe('change_password');
    }
    const list = (await t.app.inject({ url: '/api/v1/users?pageSize=100', headers: { cookie: county.cookie } })).json();
    const shown = list.rows.find((r: { id: string }) => r.id === local.id);
    expect(shown.abilities).toEqual({
      update: false,
      resetPassword: false,
      resetTotp: false,
      assignRole: false,
      revealPhone: false,
    });
  });

  it('a county administrator still manages the accounts of their county', async () => {
    const county = await t.loginAs({ role: 'region_admin', regionCode: '441202' });
    const u = await createUser(t.database.db, t.pii, { regionCode: '441202001', username: 'local-worker' });
    await t.database.db
      .update(users)
      .set({ failedLogins: 5, lockedUntil: new Date('2026-03-01T03:00:00Z') })
      .where(eq(users.id, u.id));
    const h = { cookie: county.cookie };
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/users/${u.id}/unlock`, headers: h })).statusCode).toBe(
      204,
    );
    const edit = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${u.id}`,
      headers: h,
      payload: { displayName: '改名', regionCode: '441202001', status: 'active', scopes: ['441202'], version: 2 },
    });
    expect(edit.json()).toMatchObject({ displayName: '改名', scopes: ['441202'], locked: false, version: 3 });
    const assign = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${u.id}/roles`,
      headers: h,
      payload: { roleIds: [await roleId(county.cookie, 'supervisor')], version: 3 },
    });
    expect(assign.json().roles.map((r: { code: string }) => r.code)).toEqual(['supervisor']);
    const disable = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${u.id}`,
      headers: h,
      payload: { displayName: '改名', regionCode: '441202001', status: 'disabled', version: 4 },
    });
    expect(disable.json().status).toBe('disabled');
  });

  it('of two concurrent role assignments for one version, the second answers 409', async () => {
    const sec = await t.loginAs({ role: 'secadmin', regionCode: '' });
    const u = await createUser(t.database.db, t.pii, { regionCode: '441202' });
    const assign = async (code: string) =>
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/users/${u.id}/roles`,
        headers: { cookie: sec.cookie },
        payload: { roleIds: [await roleId(sec.cookie, code)], version: 1 },
      });
    const results = await Promise.all([assign('supervisor'), assign('station_head')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await stored(u.id)).version).toBe(2);
  });
});

describe('三员分立 between the administrators', () => {
  it("the system administrator cannot widen a region administrator's scope, on edit or on create", async () => {
    const sys = await t.loginAs({ role: 'sysadmin', regionCode: '' });
    const ra = await createUser(t.database.db, t.pii, { role: 'region_admin', regionCode: '441202' });
    const body = { displayName: '区管', regionCode: '441202', status: 'active', version: 1 };
    const widen = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${ra.id}`,
      headers: { cookie: sys.cookie },
      payload: { ...body, scopes: [''] },
    });
    expect(widen.statusCode).toBe(403);
    expect(widen.json().errors).toMatchObject([{ path: 'scopes' }]);
    expect(
      (await t.app.inject({ url: `/api/v1/users/${ra.id}`, headers: { cookie: sys.cookie } })).json(),
    ).toMatchObject({ scopes: ['441202'], version: 1 });
    // The edit form sends the scopes back unchanged: that is no grant.
    const same = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${ra.id}`,
      headers: { cookie: sys.cookie },
      payload: { ...body, scopes: ['441202'] },
    });
    expect(same.json()).toMatchObject({ displayName: '区管', scopes: ['441202'] });
    const wide = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: sys.cookie },
      payload: newUser({ scopes: ['44'] }),
    });
    expect(wide.statusCode).toBe(403);
    const plain = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie: sys.cookie },
      payload: newUser({ scopes: ['441202001'] }),
    });
    expect(plain.json()).toMatchObject({ scopes: ['441202001'] });
    // Scopes are the security administrator's to set.
    const sec = await t.loginAs({ role: 'secadmin', regionCode: '' });
    const set = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${ra.id}/roles`,
      headers: { cookie: sec.cookie },
      payload: { roleIds: [await roleId(sec.cookie, 'region_admin')], scopes: ['4412'], version: 2 },
    });
    expect(set.json()).toMatchObject({ scopes: ['4412'], version: 3 });
  });

  it('a reset by the system administrator makes a region administrator change the password and enrol TOTP again', async () => {
    const sys = await t.loginAs({ role: 'sysadmin', regionCode: '' });
    const ra = await t.loginAs({ role: 'region_admin', regionCode: '441202' });
    await enableTotp(ra.id);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${ra.id}/reset-password`,
      headers: { cookie: sys.cookie },
      payload: { password: 'Reset#Pass2026' },
    });
    expect(res.statusCode).toBe(204);
    expect(await stored(ra.id)).toMatchObject({
      mustChangePassword: true,
      totpEnabled: false,
      totpSecretEnc: null,
      totpLastStep: null,
      passwordResetAt: t.clock.now(),
    });
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: ra.cookie } })).statusCode).toBe(401);
    expect((await t.login(ra.username, 'Reset#Pass2026')).body.stage).toBe('change_password');
    // An account without personal data keeps its authenticator; the reset is still shown to it.
    const volunteer = await createUser(t.database.db, t.pii, { role: 'volunteer', regionCode: '441202' });
    await enableTotp(volunteer.id);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${volunteer.id}/reset-password`,
      headers: { cookie: sys.cookie },
      payload: { password: 'Reset#Pass2026' },
    });
    expect(await stored(volunteer.id)).toMatchObject({ totpEnabled: true, passwordResetAt: t.clock.now() });
  });

  it("the system administrator manages ordinary accounts but not the security administrator's", async () => {
    const sys = await t.loginAs({ role: 'sysadmin', regionCode: '' });
    const sec = await createUser(t.database.db, t.pii, { role: 'secadmin', regionCode: '' });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${sec.id}/reset-password`,
      headers: { cookie: sys.cookie },
      payload: { password: 'Reset#Pass2026' },
    });
    expect(res.statusCode).toBe(403);
    expect((await stored(sec.id)).mustChangePassword).toBe(false);
  });

  it('the security administrator cannot give pii:read to the system administrator by a second role', async () => {
    const sec = await t.loginAs({ role: 'secadmin', regionCode: '' });
    const sys = await createUser(t.database.db, t.pii, { role: 'sysadmin', regionCode: '' });
    const res = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${sys.id}/roles`,
      headers: { cookie: sec.cookie },
      payload: {
        roleIds: [await roleId(sec.cookie, 'sysadmin'), await roleId(sec.cookie, 'social_worker')],
        version: 1,
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'SEPARATION_OF_DUTIES',
      errors: [{ path: 'roleIds', key: 'validation.role.userDutyAndData' }],
    });
    const after = (await t.app.inject({ url: `/api/v1/users/${sys.id}`, headers: { cookie: sec.cookie } })).json();
    expect(after).toMatchObject({ roles: [{ code: 'sysadmin' }], version: 1 });
  });

  it('the security administrator cannot give pii:read to the system administrator by editing a role they hold', async () => {
    const sec = await t.loginAs({ role: 'secadmin', regionCode: '' });
    const h = { cookie: sec.cookie };
    const sys = await createUser(t.database.db, t.pii, { role: 'sysadmin', regionCode: '' });
    const extra = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/roles',
        headers: h,
        payload: { code: 'dict_reader', name: '字典', permissions: ['system:dict:list'] },
      })
    ).json();
    const both = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/users/${sys.id}/roles`,
      headers: h,
      payload: { roleIds: [await roleId(sec.cookie, 'sysadmin'), extra.id], version: 1 },
    });
    expect(both.statusCode).toBe(200);
    const edit = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/roles/${extra.id}`,
      headers: h,
      payload: { name: '字典', permissions: ['system:dict:list', 'pii:read'], version: 1 },
    });
    expect(edit.statusCode).toBe(422);
    expect(edit.json()).toMatchObject({
      code: 'SEPARATION_OF_DUTIES',
      errors: [{ path: 'permissions', key: 'validation.role.userDutyAndData' }],
    });
    expect((await t.app.inject({ url: `/api/v1/roles/${extra.id}`, headers: h })).json()).toMatchObject({
      permissions: ['system:dict:list'],
      version: 1,
    });
  });

  it('a role edit and a role assignment at the same time cannot together give pii:read to the system administrator', async () => {
    const sec = await t.loginAs({ role: 'secadmin', regionCode: '' });
    const h = { cookie: sec.cookie };
    const sys = await createUser(t.database.db, t.pii, { role: 'sysadmin', regionCode: '' });
    const extra = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/roles',
        headers: h,
        payload: { code: 'dict_reader', name: '字典', permissions: ['system:dict:list'] },
      })
    ).json();
    const sysRole = await roleId(sec.cookie, 'sysadmin');
    const [assign, edit] = await Promise.all([
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/users/${sys.id}/roles`,
        headers: h,
        payload: { roleIds: [sysRole, extra.id], version: 1 },
      }),
      t.app.inject({
        method: 'PUT',
        url: `/api/v1/roles/${extra.id}`,
        headers: h,
        payload: { name: '字典', permissions: ['system:dict:list', 'pii:read'], version: 1 },
      }),
    ]);
    expect([assign.statusCode, edit.statusCode].sort()).toEqual([200, 422]);
    const held = await t.database.db
      .select({ permissions: roles.permissions })
      .from(userRoles)
      .innerJoin(roles, eq(roles.id, userRoles.roleId))
      .where(eq(userRoles.userId, sys.id));
    expect(held.flatMap((r) => r.permissions)).not.toContain('pii:read');
  });

  it('an administrator duty cannot be added to a role business users hold, nor mixed into one role', async () => {
    const sec = await t.loginAs({ role: 'secadmin', regionCode: '' });
    const h = { cookie: sec.cookie };
    const worker = await createUser(t.database.db, t.pii, { role: 'social_worker', regionCode: '441202' });
    const extra = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/roles',
        headers: h,
        payload: { code: 'dict_reader', name: '字典', permissions: ['system:dict:list'] },
      })
    ).json();
    await giveRole(worker.id, 'dict_reader');
    const edit = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/roles/${extra.id}`,
      headers: h,
      payload: { name: '字典', permissions: ['system:dict:list', 'system:dict:edit'], version: 1 },
    });
    expect(edit.json()).toMatchObject({ code: 'SEPARATION_OF_DUTIES', errors: [{ path: 'permissions' }] });
    const mixed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/roles',
      headers: h,
      payload: { code: 'mixed', name: '混合', permissions: ['log:operation:list', 'pii:read'] },
    });
    expect(mixed.json()).toMatchObject({
      code: 'SEPARATION_OF_DUTIES',
      errors: [{ path: 'permissions', key: 'validation.role.dutyAndData' }],
    });
  });
});

describe('editing a role is managing its holders', () => {
  it('a county administrator cannot widen a role held by a city-wide user', async () => {
    const county = await t.loginAs({ role: 'region_admin', regionCode: '441202' });
    const clerk = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/roles',
        headers: { cookie: county.cookie },
        payload: { code: 'clerk', name: '文员', permissions: ['system:dict:list'] },
      })
    ).json();
    const cityWide = await createUser(t.database.db, t.pii, {
      role: 'volunteer',
      regionCode: '441202',
      scopes: ['4412'],
    });
    await giveRole(cityWide.id, 'clerk');
    const edit = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/roles/${clerk.id}`,
      headers: { cookie: county.cookie },
      payload: { name: '文员', permissions: ['system:dict:list', 'talent:worker:list'], version: 1 },
    });
    expect(edit.statusCode).toBe(422);
    expect(edit.json()).toMatchObject({
      code: 'SCOPE_EXCEEDED',
      errors: [{ path: 'permissions', key: 'validation.role.heldBeyond' }],
    });
    expect(
      (await t.app.inject({ url: `/api/v1/roles/${clerk.id}`, headers: { cookie: county.cookie } })).json(),
    ).toMatchObject({ permissions: ['system:dict:list'], version: 1 });
  });
});

describe('second factor and personal data of accounts', () => {
  it('an administrator resets a lost TOTP: audited, sessions ended, never their own', async () => {
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '441202' });
    const victim = await t.loginAs({ regionCode: '441202' });
    await enableTotp(victim.id);
    const self = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${admin.id}/totp/reset`,
      headers: { cookie: admin.cookie },
    });
    expect(self.statusCode).toBe(403);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${victim.id}/totp/reset`,
      headers: { cookie: admin.cookie },
    });
    expect(res.statusCode).toBe(204);
    expect(await stored(victim.id)).toMatchObject({ totpEnabled: false, totpSecretEnc: null, totpLastStep: null });
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: victim.cookie } })).statusCode).toBe(401);
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'reset_totp'), eq(auditLog.actorId, admin.id)));
    expect(audit).toMatchObject([{ entity: 'user', entityIds: [victim.id], fields: ['totp'] }]);
  });

  it("a social worker (pii:read without user management) cannot reveal an account's phone", async () => {
    const worker = await t.loginAs({ role: 'social_worker', regionCode: '441202' });
    const u = await createUser(t.database.db, t.pii, { regionCode: '441202', phone: '13812345678' });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/users/${u.id}/reveal`,
      headers: { cookie: worker.cookie },
      payload: { field: 'phone' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).not.toContain('13812345678');
  });
});
