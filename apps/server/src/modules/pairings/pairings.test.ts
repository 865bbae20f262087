import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createOrganization, createPairing } from '../../../test/factories.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';

const t = useTestApp();

async function admin(regionCode = '4412') {
  const a = await t.loginAs({ role: 'region_admin', regionCode });
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: a.cookie }, payload: payload as never });
  return { ...a, send };
}

const regional = (over: Record<string, unknown> = {}) => ({
  kind: 'region_region',
  name: '城东—坑口结对',
  regionCode: '441203001',
  supporterRegionCode: '441202001',
  startsOn: '2025-03-01',
  supervisorsSent: 2,
  peopleTrained: 40,
  fundingFen: 5_000_000,
  ...over,
});

describe('pairings', () => {
  it('pairs two regions, with the supporting region required and the dates in order', async () => {
    const a = await admin();
    const res = await a.send('POST', '/pairings', regional());
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      regionName: '坑口街道',
      supporterRegionName: '端州区城东街道',
      planned: { supervisorsSent: 2, peopleTrained: 40, fundingFen: 5_000_000 },
      delivered: { deliveries: 0, fundingFen: 0 },
      deliveries: [],
    });
    expect((await a.send('POST', '/pairings', regional({ supporterRegionCode: null }))).json().errors).toEqual([
      { path: 'supporterRegionCode', message: '请填写结对方', key: 'validation.pairing.partyRequired' },
    ]);
    expect((await a.send('POST', '/pairings', regional({ endsOn: '2025-02-28' }))).json().errors).toEqual([
      { path: 'endsOn', message: '结束日期不能早于开始日期', key: 'validation.pairing.endBeforeStart' },
    ]);
    expect((await a.send('POST', '/pairings', regional({ supporterRegionCode: '441202099' }))).json().errors).toEqual([
      { path: 'supporterRegionCode', message: '行政区划代码不存在', key: 'validation.region.unknown' },
    ]);
  });

  it('pairs an organization, or a university and an organization (一校两社), with a community', async () => {
    const a = await admin();
    const agency = await createOrganization(t.database.db, { regionCode: '441202', name: '端州区启航社工服务中心' });
    const school = await createOrganization(t.database.db, {
      regionCode: '4412',
      type: 'university',
      name: '肇庆社会工作职业学院',
    });
    const body = {
      kind: 'school_org_community',
      name: '一校两社·杏花社区',
      regionCode: '441202001002',
      organizationId: agency.id,
      universityId: school.id,
      startsOn: '2025-09-01',
    };
    const ok = await a.send('POST', '/pairings', body);
    expect(ok.json()).toMatchObject({
      organization: { name: '端州区启航社工服务中心' },
      university: { name: '肇庆社会工作职业学院' },
      supporterRegionCode: '441202',
    });
    const town = await a.send('POST', '/pairings', { ...body, regionCode: '441202001' });
    expect(town.json().errors).toEqual([
      { path: 'regionCode', message: '受援方应为村(社区)', key: 'validation.pairing.communityLevel' },
    ]);
    const notSchool = await a.send('POST', '/pairings', { ...body, universityId: agency.id });
    expect(notSchool.json().errors).toEqual([
      { path: 'universityId', message: '请选择高校类型的机构', key: 'validation.pairing.notUniversity' },
    ]);
    const noOrg = await a.send('POST', '/pairings', {
      kind: 'org_community',
      name: '机构结对',
      regionCode: '441202001002',
      startsOn: '2025-09-01',
    });
    expect(noOrg.json().errors).toEqual([
      { path: 'organizationId', message: '请填写结对方', key: 'validation.pairing.partyRequired' },
    ]);
  });

  it('keeps a running record of deliveries beside the agreed figures', async () => {
    const a = await admin();
    const { id } = (await a.send('POST', '/pairings', regional())).json();
    await a.send('POST', `/pairings/${id}/deliveries`, {
      deliveredOn: '2025-04-10',
      supervisorsSent: 1,
      peopleTrained: 25,
      note: '首期督导培训',
    });
    const res = await a.send('POST', `/pairings/${id}/deliveries`, {
      deliveredOn: '2025-06-20',
      fundingFen: 1_200_000,
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      planned: { supervisorsSent: 2, peopleTrained: 40, fundingFen: 5_000_000 },
      delivered: { deliveries: 2, supervisorsSent: 1, peopleTrained: 25, fundingFen: 1_200_000 },
    });
    expect(res.json().deliveries.map((d: { deliveredOn: string }) => d.deliveredOn)).toEqual([
      '2025-06-20',
      '2025-04-10',
    ]);
    const early = await a.send('POST', `/pairings/${id}/deliveries`, { deliveredOn: '2025-01-01' });
    expect(early.json().errors).toEqual([
      { path: 'deliveredOn', message: '落实日期不能早于结对开始日期', key: 'validation.pairing.deliveryBeforeStart' },
    ]);
    const audits = await t.database.db.select().from(auditLog).where(eq(auditLog.entity, 'pairing'));
    expect(audits.map((r) => r.action)).toEqual(['create', 'add_delivery', 'add_delivery']);
  });

  it("belongs to both sides: each side's administrator sees it, a third region does not", async () => {
    const p = await createPairing(t.database.db, {
      regionCode: '441203001',
      supporterRegionCode: '441202001',
      name: '跨区结对',
    });
    for (const region of ['441202', '441203']) {
      const a = await admin(region);
      expect((await a.send('GET', '/pairings')).json().rows.map((r: { name: string }) => r.name)).toEqual(['跨区结对']);
      expect((await a.send('GET', `/pairings/${p.id}`)).statusCode).toBe(200);
    }
    const third = await admin('440103');
    expect((await third.send('GET', '/pairings')).json().total).toBe(0);
    expect((await third.send('GET', `/pairings/${p.id}`)).statusCode).toBe(404);
    expect((await third.send('POST', `/pairings/${p.id}/deliveries`, { deliveredOn: '2026-01-01' })).statusCode).toBe(
      404,
    );
    const outsider = await third.send('POST', '/pairings', regional());
    expect(outsider.json()).toMatchObject({ code: 'SCOPE_EXCEEDED', errors: [{ path: 'regionCode' }] });
  });

  it('answers a stale version with 409; fields left out keep their values', async () => {
    const a = await admin();
    const { id } = (await a.send('POST', '/pairings', regional({ note: '三年协议' }))).json();
    const updated = await a.send('PUT', `/pairings/${id}`, {
      kind: 'region_region',
      name: '改名',
      regionCode: '441203001',
      startsOn: '2025-03-01',
      endsOn: '2027-12-31',
      version: 1,
    });
    expect(updated.json()).toMatchObject({
      name: '改名',
      endsOn: '2027-12-31',
      note: '三年协议',
      supporterRegionCode: '441202001',
      planned: { peopleTrained: 40 },
      version: 2,
    });
    const stale = await a.send('PUT', `/pairings/${id}`, { ...regional(), version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ name: '改名', version: 2 });
  });
});
