import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createOrganization, createStation, nextCreditCode } from '../../../test/factories.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { organizations } from './organizations.table.ts';

const t = useTestApp();

const org = (over: Record<string, unknown> = {}) => ({
  type: 'agency',
  name: '肇庆市阳光社会工作服务中心',
  regionCode: '4412',
  ...over,
});

async function admin(regionCode = '4412') {
  const a = await t.loginAs({ role: 'region_admin', regionCode });
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: a.cookie }, payload: payload as never });
  return { ...a, send };
}

describe('organizations and their credit codes', () => {
  it('registers an organization with a valid code, normalising full-width input', async () => {
    const a = await admin();
    const code = nextCreditCode('441200');
    const fullWidth = code.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const res = await a.send(
      'POST',
      '/organizations',
      org({ creditCode: fullWidth, domains: ['elderly', 'youth'], registeredOn: '2019-06-18' }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      creditCode: code,
      domains: ['elderly', 'youth'],
      regionName: '肇庆市',
      registeredOn: '2019-06-18',
      version: 1,
    });
  });

  it('refuses a bad check character or a letter among the division digits, naming the position', async () => {
    const a = await admin();
    const code = nextCreditCode('441200');
    const wrongCheck = code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
    const res = await a.send('POST', '/organizations', org({ creditCode: wrongCheck }));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { path: 'creditCode', message: '统一社会信用代码校验位错误（第18位）', key: 'validation.uscc.checksum' },
    ]);
    const letter = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      headers: { cookie: a.cookie, 'accept-language': 'en' },
      payload: org({ creditCode: `52A${code.slice(3)}` }),
    });
    expect(letter.json().errors).toEqual([
      { path: 'creditCode', message: expect.stringContaining('(character 3)'), key: 'validation.uscc.charset' },
    ]);
    expect(await t.database.db.select().from(organizations)).toEqual([]);
  });

  it('refuses a credit code already registered, even by an organization outside the scope', async () => {
    const code = nextCreditCode('440103');
    await createOrganization(t.database.db, { regionCode: '440103', creditCode: code, name: '广州某机构' });
    const a = await admin();
    const res = await a.send('POST', '/organizations', org({ creditCode: code }));
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'DUPLICATE',
      errors: [{ path: 'creditCode', message: '该统一社会信用代码已登记' }],
    });
    const mine = (await a.send('POST', '/organizations', org({ creditCode: nextCreditCode('441200') }))).json();
    const taken = await a.send('PUT', `/organizations/${mine.id}`, { ...org(), creditCode: code, version: 1 });
    expect(taken.statusCode).toBe(409);
    // Community organizations that are only filed have no code; several may lack one.
    expect((await a.send('POST', '/organizations', org({ type: 'social_org', name: '睦邻互助队' }))).statusCode).toBe(
      201,
    );
    expect((await a.send('POST', '/organizations', org({ type: 'social_org', name: '银发志愿队' }))).statusCode).toBe(
      201,
    );
  });

  it('accepts only service domains from the dictionary', async () => {
    const a = await admin();
    const res = await a.send('POST', '/organizations', org({ domains: ['youth', 'fishing'] }));
    expect(res.json().errors).toEqual([
      { path: 'domains.1', message: '服务领域不在服务领域字典中', key: 'validation.org.unknownDomain' },
    ]);
  });
});

describe("the contact person's phone", () => {
  it('is stored encrypted, shown masked, revealed on request and the reveal is audited', async () => {
    const a = await admin();
    const { id } = (
      await a.send('POST', '/organizations', org({ contactName: '陈主任', contactPhone: '13912345678' }))
    ).json();
    const [row] = await t.database.db.select().from(organizations).where(eq(organizations.id, id));
    expect(row.contactPhoneEnc).not.toContain('13912345678');
    expect(row.contactPhoneHash).toBe(t.pii.hash('13912345678'));
    const list = await a.send('GET', '/organizations');
    expect(list.json().rows[0]).toMatchObject({
      contactName: '陈主任',
      contactPhone: '139****5678',
      abilities: { revealPhone: true },
    });
    expect(list.body).not.toContain('13912345678');
    const reveal = await a.send('POST', `/organizations/${id}/reveal`, { field: 'contactPhone' });
    expect(reveal.json()).toEqual({ value: '13912345678' });
    const [audit] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'reveal'));
    expect(audit).toMatchObject({ entity: 'organization', entityIds: [id], fields: ['contactPhone'] });
    // Leaving the phone out keeps it; null removes it.
    const kept = await a.send('PUT', `/organizations/${id}`, { ...org(), name: '新名称', version: 1 });
    expect(kept.json()).toMatchObject({ contactPhone: '139****5678', contactName: '陈主任' });
    const removed = await a.send('PUT', `/organizations/${id}`, { ...org(), contactPhone: null, version: 2 });
    expect(removed.json().contactPhone).toBeNull();
  });
});

describe('organizations within the data scope', () => {
  it("a county sees the city's organizations but changes only its own; a sibling county's are not found", async () => {
    const city = await createOrganization(t.database.db, { regionCode: '4412', name: '市级机构' });
    const mine = await createOrganization(t.database.db, { regionCode: '441202', name: '区级机构' });
    const sibling = await createOrganization(t.database.db, { regionCode: '441203', name: '邻区机构' });
    await createStation(t.database.db, { regionCode: '441202001', organizationId: city.id });
    await createStation(t.database.db, { regionCode: '441203001', organizationId: city.id });
    const a = await admin('441202');
    const list = (await a.send('GET', '/organizations')).json();
    expect(list.rows.map((r: { name: string }) => r.name)).toEqual(['市级机构', '区级机构']);
    // Only the station in the viewer's scope counts.
    expect(list.rows[0]).toMatchObject({ stationCount: 1, abilities: { update: false } });
    expect((await a.send('GET', `/organizations/${sibling.id}`)).statusCode).toBe(404);
    expect((await a.send('PUT', `/organizations/${city.id}`, { ...org(), version: 1 })).statusCode).toBe(404);
    expect(
      (await a.send('PUT', `/organizations/${mine.id}`, { ...org({ regionCode: '441202' }), version: 1 })).statusCode,
    ).toBe(200);
  });

  it('answers a stale version with 409 and the current record, and audits the update', async () => {
    const a = await admin();
    const o = await createOrganization(t.database.db, { regionCode: '4412' });
    const body = { ...org(), address: '端州区信安大道', version: 1 };
    expect((await a.send('PUT', `/organizations/${o.id}`, body)).statusCode).toBe(200);
    const stale = await a.send('PUT', `/organizations/${o.id}`, { ...body, address: '别处' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ address: '端州区信安大道', version: 2 });
    const [audit] = await t.database.db.select().from(auditLog).where(eq(auditLog.entity, 'organization'));
    expect(audit).toMatchObject({ action: 'update', entityIds: [o.id], fields: ['name', 'address'] });
  });

  it('filters by type, domain and name or credit code', async () => {
    const code = nextCreditCode('441202');
    await createOrganization(t.database.db, { type: 'university', name: '肇庆社会工作职业学院', domains: ['youth'] });
    await createOrganization(t.database.db, {
      type: 'agency',
      name: '启航社工',
      domains: ['elderly'],
      creditCode: code,
    });
    const a = await admin();
    const names = async (q: string) =>
      (await a.send('GET', `/organizations?${q}`)).json().rows.map((r: { name: string }) => r.name);
    expect(await names('type=university')).toEqual(['肇庆社会工作职业学院']);
    expect(await names('domain=elderly')).toEqual(['启航社工']);
    expect(await names(`q=${encodeURIComponent('学院')}`)).toEqual(['肇庆社会工作职业学院']);
    expect(await names(`q=${code.toLowerCase()}`)).toEqual(['启航社工']);
  });
});
