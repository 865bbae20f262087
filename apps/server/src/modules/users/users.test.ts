import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createUser, TEST_PASSWORD } from '../../../test/factories.ts';

const t = useTestApp();

const newUser = (over: Record<string, unknown> = {}) => ({
  username: 'new-worker', displayName: '新社工', regionCode: '441202001', password: 'Init#Pass2026', ...over,
});

async function roleId(cookie: string, code: string) {
  const res = await t.app.inject({ url: '/api/v1/roles?pageSize=100', headers: { cookie } });
  return res.json().rows.find((r: { code: string }) => r.code === code).id as string;
}

describe('users within the data scope', () => {
  it('a city administrator creates a user inside the city but not in another city', async () => {
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: admin.cookie }, payload: newUser() });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ username: 'new-worker', regionName: '端州区城东街道', scopes: ['441202001'], status: 'active' });
    const outside = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: admin.cookie }, payload: newUser({ username: 'gz-worker', regionCode: '440103' }) });
    expect(outside.statusCode).toBe(422);
    expect(outside.json()).toMatchObject({ code: 'SCOPE_EXCEEDED', errors: [{ path: 'regionCode' }] });
    const wideScope = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: admin.cookie }, payload: newUser({ username: 'wide', scopes: ['4412', '44'] }) });
    expect(wideScope.json().errors).toEqual([{ path: 'scopes.1', message: expect.any(String), key: 'validation.scope.outside' }]);
  });

  it('new users must change the initial password at first login', async () => {
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: admin.cookie }, payload: newUser() });
    expect((await t.login('new-worker', 'Init#Pass2026')).body.stage).toBe('change_password');
  });

  it('refuses a duplicate username, a weak password and a bad phone with field paths, writing nothing', async () => {
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: admin.cookie }, payload: newUser() });
    const dup = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: admin.cookie }, payload: newUser() });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().errors[0].path).toBe('username');
    const weak = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: admin.cookie }, payload: newUser({ username: 'weak', password: 'password' }) });
    expect(weak.json()).toMatchObject({ code: 'PASSWORD_POLICY', errors: [{ path: 'password' }] });
    const phone = await t.app.inject({ method: 'POST', url: '/api/v1/users', headers: { cookie: admin.cookie }, payload: newUser({ username: 'phone', phone: '12345' }) });
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
    expect((await t.app.inject({ url: `/api/v1/users/${mine.id}`, headers: { cookie: admin.cookie } })).statusCode).toBe(200);
    expect((await t.app.inject({ url: `/api/v1/users/${theirs.id}`, headers: { cookie: admin.cookie } })).statusCode).toBe(404);
  });

  it('answers a stale version with 409 and the current record', async () => {
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    const u = await createUser(t.database.db, t.pii, { regionCode: '441202' });
    const body = { displayName: '改名', regionCode: '441202', status: 'active', version: 1 };
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/users/${u.id}`, headers: { cookie: admin.cookie }, payload: body })).statusCode).toBe(200);
    const stale = await t.app.inject({ method: 'PUT', url: `/api/v1/users/${u.id}`, headers: { cookie: admin.cookie }, payload: { ...body, displayName: '再改' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ displayName: '改名', version: 2 });
    const noVersion = await t.app.inject({ method: 'PUT', url: `/api/v1/users/${u.id}`, headers: { cookie: admin.cookie }, payload: { displayName: 'x', regionCode: '441202', status: 'active' } });
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
    const reveal = await t.app.inject({ method: 'POST', url: `/api/v1/users/${u.id}/reveal`, headers: { cookie: admin.cookie }, payload: { field: 'phone' } });
    expect(reveal.json()).toEqual({ value: '13812345678' });
    const auditor = await t.loginAs({ role: 'auditor', regionCode: '' });
    const log = await t.app.inject({ url: '/api/v1/audit-logs?action=reveal', headers: { cookie: auditor.cookie } });
    expect(log.json().rows[0]).toMatchObject({ entity: 'user', entityIds: [u.id], fields: ['phone'], actorName: admin.username });
  });

  it('the system administrator manages accounts but cannot reveal personal data', async () => {
    const sys = await t.loginAs({ role: 'sysadmin', regionCode: '' });
    const u = await createUser(t.database.db, t.pii, { regionCode: '441202', phone: '13812345678' });
    const reveal = await t.app.inject({ method: 'POST', url: `/api/v1/users/${u.id}/reveal`, headers: { cookie: sys.cookie }, payload: { field: 'phone' } });
    expect(reveal.statusCode).toBe(403);
  });
});

describe('roles and the separation of duties', () => {
  it('a region administrator cannot grant a role with powers they do not hold', async () => {
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    const u = await createUser(t.database.db, t.pii, { regionCode: '441202' });
    const sysRole = await roleId(admin.cookie, 'sysadmin');
    const res = await t.app.inject({ method: 'PUT', url: `/api/v1/users/${u.id}/roles`, headers: { cookie: admin.cookie }, payload: { roleIds: [sysRole], version: 1 } });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('SCOPE_EXCEEDED');
    const worker = await roleId(admin.cookie, 'social_worker');
    const ok = await t.app.inject({ method: 'PUT', url: `/api/v1/users/${u.id}/roles`, headers: { cookie: admin.cookie }, payload: { roleIds: [worker], version: 1 } });
    expect(ok.json().roles.map((r: { code: string }) => r.code)).toEqual(['social_worker']);
  });

  it('nobody changes their own roles; no user holds two administrator duties', async () => {
    const sec = await t.loginAs({ role: 'secadmin', regionCode: '' });
    const self = await t.app.inject({ method: 'PUT', url: `/api/v1/users/${sec.id}/roles`, headers: { cookie: sec.cookie }, payload: { roleIds: [await roleId(sec.cookie, 'auditor')], version: 1 } });
    expect(self.json().code).toBe('SEPARATION_OF_DUTIES');
    const u = await createUser(t.database.db, t.pii, { regionCode: '' });
    const both = await t.app.inject({
      method: 'PUT', url: `/api/v1/users/${u.id}/roles`, headers: { cookie: sec.cookie },
      payload: { roleIds: [await roleId(sec.cookie, 'sysadmin'), await roleId(sec.cookie, 'auditor')], version: 1 },
    });
    expect(both.json()).toMatchObject({ code: 'SEPARATION_OF_DUTIES', errors: [{ path: 'roleIds' }] });
  });

  it('a custom role cannot mix administrator duties, and a region admin cannot make one broader than themselves', async () => {
    const sec = await t.loginAs({ role: 'secadmin', regionCode: '' });
    const mixed = await t.app.inject({ method: 'POST', url: '/api/v1/roles', headers: { cookie: sec.cookie }, payload: { code: 'super', name: '超级', permissions: ['system:dict:edit', 'log:operation:list'] } });
    expect(mixed.json().code).toBe('SEPARATION_OF_DUTIES');
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    const broad = await t.app.inject({ method: 'POST', url: '/api/v1/roles', headers: { cookie: admin.cookie }, payload: { code: 'broad', name: '宽', permissions: ['system:user:list', 'system:param:edit'] } });
    expect(broad.json().code).toBe('SCOPE_EXCEEDED');
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/roles', headers: { cookie: admin.cookie }, payload: { code: 'clerk', name: '文员', permissions: ['system:user:list'] } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ regionCode: '4412', builtin: false });
    const county = await t.loginAs({ role: 'region_admin', regionCode: '441203' });
    const list = await t.app.inject({ url: '/api/v1/roles?pageSize=100', headers: { cookie: county.cookie } });
    expect(list.json().rows.map((r: { code: string }) => r.code)).not.toContain('clerk');
  });

  it('an edit of a custom role answers the new permissions and version; a stale version answers 409', async () => {
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    const role = (await t.app.inject({ method: 'POST', url: '/api/v1/roles', headers: { cookie: admin.cookie }, payload: { code: 'clerk', name: '文员', permissions: ['system:user:list'] } })).json();
    const edit = (name: string) => ({ method: 'PUT' as const, url: `/api/v1/roles/${role.id}`, headers: { cookie: admin.cookie }, payload: { name, permissions: ['system:user:list', 'system:role:list'], version: 1 } });
    const ok = await t.app.inject(edit('文书'));
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: '文书', permissions: ['system:user:list', 'system:role:list'], version: 2 });
    const stale = await t.app.inject(edit('迟到'));
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', current: { name: '文书', version: 2 } });
  });

  it('an admin password reset forces a change and ends the sessions', async () => {
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '4412' });
    const victim = await t.loginAs({ regionCode: '441202' });
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/users/${victim.id}/reset-password`, headers: { cookie: admin.cookie }, payload: { password: 'Reset#Pass2026' } });
    expect(res.statusCode).toBe(204);
    expect((await t.app.inject({ url: '/api/v1/me', headers: { cookie: victim.cookie } })).statusCode).toBe(401);
    expect((await t.login(victim.username, TEST_PASSWORD)).status).toBe(401);
    expect((await t.login(victim.username, 'Reset#Pass2026')).body.stage).toBe('change_password');
  });
});
