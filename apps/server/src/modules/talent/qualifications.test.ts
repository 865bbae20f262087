import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createQualification, createWorker } from '../../../test/factories.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { honors, qualifications } from './qualifications.table.ts';

const t = useTestApp(); // the test clock reads 2026-03-01

async function admin(regionCode = '4412') {
  const a = await t.loginAs({ role: 'region_admin', regionCode });
  const send = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: a.cookie }, payload: payload as never });
  return { ...a, send };
}

describe('certificates', () => {
  it('the current level is the highest certificate valid today', async () => {
    const w = await createWorker(t.database.db, t.pii);
    const a = await admin();
    const add = (body: Record<string, unknown>) => a.send('POST', `/workers/${w.id}/qualifications`, body);
    expect(
      (await add({ level: 'assistant', certificateNo: 'a-2015-001', obtainedOn: '2015-10-10', examYear: 2015 })).json()
        .currentLevel,
    ).toBe('assistant');
    const withSenior = await add({
      level: 'senior',
      certificateNo: 'S-2027-9',
      obtainedOn: '2026-01-05',
      examYear: 2025,
      revokedOn: '2026-02-01',
      revokeReason: '材料不实',
    });
    expect(withSenior.json().currentLevel).toBe('assistant');
    const inter = await add({
      level: 'intermediate',
      certificateNo: 'I-2020-7',
      obtainedOn: '2020-10-10',
      examYear: 2020,
      issuingBody: '人力资源和社会保障部',
    });
    expect(inter.json().currentLevel).toBe('intermediate');
    expect(
      inter.json().certificates.map((c: { certificateNo: string; valid: boolean }) => [c.certificateNo, c.valid]),
    ).toEqual([
      ['S-2027-9', false],
      ['I-2020-7', true],
      ['A-2015-001', true],
    ]);
    expect((await a.send('GET', `/workers/${w.id}`)).json().currentLevel).toBe('intermediate');
  });

  it('refuses a certificate before its exam year and a reused number (also with other spacing and case)', async () => {
    const db = t.database.db;
    const other = await createWorker(db, t.pii, { regionCode: '441203' });
    await createQualification(db, { workerId: other.id, certificateNo: 'ZQ2023001' });
    const w = await createWorker(db, t.pii);
    const a = await admin('441202');
    const early = await a.send('POST', `/workers/${w.id}/qualifications`, {
      level: 'assistant',
      obtainedOn: '2022-12-31',
      examYear: 2023,
    });
    expect(early.json()).toMatchObject({
      code: 'VALIDATION',
      errors: [
        {
          path: 'obtainedOn',
          key: 'validation.qualification.beforeExam',
          message: '取得证书的日期不能早于考试年度（2023年）',
        },
      ],
    });
    const reused = await a.send('POST', `/workers/${w.id}/qualifications`, {
      level: 'assistant',
      obtainedOn: '2023-10-01',
      examYear: 2023,
      certificateNo: ' zq2023001 ',
    });
    expect(reused.statusCode).toBe(409);
    expect(reused.json().errors).toEqual([
      { path: 'certificateNo', key: 'validation.qualification.numberTaken', message: '该证书编号已登记' },
    ]);
    expect(await db.select().from(qualifications).where(eq(qualifications.workerId, w.id))).toEqual([]);
  });

  it('many certificates may wait for their number; a confirmed number is checked like any other', async () => {
    const db = t.database.db;
    const [w1, w2] = [await createWorker(db, t.pii), await createWorker(db, t.pii)];
    const c1 = await createQualification(db, { workerId: w1.id, certificateNo: null });
    const c2 = await createQualification(db, { workerId: w2.id, certificateNo: null });
    const a = await admin();
    expect((await a.send('GET', `/workers/${w1.id}/qualifications`)).json().certificates[0]).toMatchObject({
      numberPending: true,
      certificateNo: null,
    });
    const confirmed = await a.send('PUT', `/qualifications/${c1.id}`, { certificateNo: 'A2025-0001', version: 1 });
    expect(confirmed.json().certificates[0]).toMatchObject({
      numberPending: false,
      certificateNo: 'A2025-0001',
      version: 2,
    });
    const again = await a.send('PUT', `/qualifications/${c2.id}`, { certificateNo: 'a2025-0001', version: 1 });
    expect(again.json().errors[0]).toMatchObject({
      path: 'certificateNo',
      key: 'validation.qualification.numberTaken',
    });
    const [audit] = await db.select().from(auditLog).where(eq(auditLog.action, 'confirm_number'));
    expect(audit).toMatchObject({ entity: 'qualification', fields: ['certificateNo'] });
  });
});

describe('registration (登记) and honours', () => {
  it("registers for the parameter's period, flags renewal near the end, lapses after it", async () => {
    const db = t.database.db;
    const w = await createWorker(db, t.pii);
    const c = await createQualification(db, { workerId: w.id, obtainedOn: '2020-10-01', examYear: 2020 });
    const a = await admin();
    expect((await a.send('GET', `/workers/${w.id}/qualifications`)).json().certificates[0].registration).toEqual({
      status: 'unregistered',
      registeredOn: null,
      renewalDueOn: null,
    });
    const first = await a.send('POST', `/qualifications/${c.id}/registrations`, { registeredOn: '2021-03-01' });
    expect(first.json().certificates[0].registration).toEqual({
      status: 'lapsed',
      registeredOn: '2021-03-01',
      renewalDueOn: '2024-02-29',
    });
    const renewed = await a.send('POST', `/qualifications/${c.id}/registrations`, { registeredOn: '2023-05-01' });
    expect(renewed.json().certificates[0].registration).toEqual({
      status: 'renewal_due',
      registeredOn: '2023-05-01',
      renewalDueOn: '2026-04-30',
    });
    const backwards = await a.send('POST', `/qualifications/${c.id}/registrations`, { registeredOn: '2022-01-01' });
    expect(backwards.json().errors[0]).toMatchObject({
      path: 'registeredOn',
      key: 'validation.qualification.registrationOrder',
    });
  });

  it('records a leading-talent honour; an unknown kind is refused at kind', async () => {
    const w = await createWorker(t.database.db, t.pii);
    const a = await admin();
    const ok = await a.send('POST', `/workers/${w.id}/honors`, {
      kind: 'leading_talent',
      level: 'national',
      year: 2023,
      awardedBy: '民政部',
    });
    expect(ok.json().honors).toEqual([
      expect.objectContaining({ kind: 'leading_talent', level: 'national', year: 2023 }),
    ]);
    const bad = await a.send('POST', `/workers/${w.id}/honors`, { kind: 'hero', level: 'city', year: 2023 });
    expect(bad.json().errors).toEqual([
      { path: 'kind', key: 'validation.honor.unknownKind', message: '称号不在人才称号字典中' },
    ]);
  });
});

describe('correcting and removing honours', () => {
  async function withHonor() {
    const w = await createWorker(t.database.db, t.pii, { regionCode: '441202001' });
    const a = await admin('441202');
    const added = await a.send('POST', `/workers/${w.id}/honors`, {
      kind: 'leading_talent',
      level: 'city',
      year: 2022,
      awardedBy: '肇庆市民政局',
      note: '首批',
    });
    const [h] = added.json().honors;
    return { w, a, h };
  }
  const auditOf = (action: string, id: string) =>
    t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entity, 'honor'))
      .then((rows) => rows.filter((r) => r.action === action && r.entityIds.includes(id)));

  it('an edit shows in the qualifications and is audited with the fields it changed', async () => {
    const { w, a, h } = await withHonor();
    expect(h).toMatchObject({ level: 'city', year: 2022, version: 1 });
    const res = await a.send('PUT', `/honors/${h.id}`, {
      kind: 'leading_talent',
      level: 'provincial',
      year: 2023,
      awardedBy: '广东省民政厅',
      version: 1,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().honors).toEqual([
      {
        id: h.id,
        kind: 'leading_talent',
        level: 'provincial',
        year: 2023,
        awardedBy: '广东省民政厅',
        note: '首批',
        version: 2,
      },
    ]);
    expect((await a.send('GET', `/workers/${w.id}/qualifications`)).json().honors[0]).toMatchObject({
      level: 'provincial',
      year: 2023,
      note: '首批',
      version: 2,
    });
    const [audit] = await auditOf('update', h.id);
    expect(audit).toMatchObject({ entityIds: [h.id, w.id], regionCode: '441202001' });
    expect([...audit.fields].sort()).toEqual(['awardedBy', 'level', 'year']);
  });

  it('a stale version answers 409 with the current honours and changes nothing', async () => {
    const { w, a, h } = await withHonor();
    expect(
      (await a.send('PUT', `/honors/${h.id}`, { kind: 'leading_talent', level: 'national', year: 2022, version: 1 }))
        .statusCode,
    ).toBe(200);
    const stale = await a.send('PUT', `/honors/${h.id}`, {
      kind: 'leading_talent',
      level: 'city',
      year: 2021,
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'VERSION_CONFLICT',
      current: { honors: [{ id: h.id, level: 'national', year: 2022, version: 2 }] },
    });
    const staleDelete = await a.send('DELETE', `/honors/${h.id}?version=1`);
    expect(staleDelete.statusCode).toBe(409);
    expect((await a.send('GET', `/workers/${w.id}/qualifications`)).json().honors).toEqual([
      expect.objectContaining({ id: h.id, level: 'national', year: 2022, version: 2 }),
    ]);
    expect(await auditOf('update', h.id)).toHaveLength(1);
    expect(await auditOf('delete', h.id)).toEqual([]);
  });

  it('an edit is validated like a new honour: unknown kind at kind, future year at year, no version 428', async () => {
    const { a, h } = await withHonor();
    const bad = await a.send('PUT', `/honors/${h.id}`, { kind: 'hero', level: 'city', year: 2022, version: 1 });
    expect(bad.statusCode).toBe(400); // VALIDATION answers 400 here (packages/shared ERROR_STATUS)
    expect(bad.json().code).toBe('VALIDATION');
    expect(bad.json().errors).toEqual([
      { path: 'kind', key: 'validation.honor.unknownKind', message: '称号不在人才称号字典中' },
    ]);
    const future = await a.send('PUT', `/honors/${h.id}`, {
      kind: 'leading_talent',
      level: 'city',
      year: 2027,
      version: 1,
    });
    expect(future.json().errors[0]).toMatchObject({ path: 'year' });
    expect(
      (await a.send('PUT', `/honors/${h.id}`, { kind: 'leading_talent', level: 'city', year: 2022 })).statusCode,
    ).toBe(428);
    const [row] = await t.database.db.select().from(honors).where(eq(honors.id, h.id));
    expect(row).toMatchObject({ kind: 'leading_talent', year: 2022, version: 1 });
  });

  it('a delete removes the honour and keeps what it said in the audit', async () => {
    const { w, a, h } = await withHonor();
    expect((await a.send('DELETE', `/honors/${h.id}`)).statusCode).toBe(428);
    const res = await a.send('DELETE', `/honors/${h.id}?version=1`);
    expect(res.statusCode).toBe(200);
    expect(res.json().honors).toEqual([]);
    expect((await a.send('GET', `/workers/${w.id}/qualifications`)).json().honors).toEqual([]);
    const [audit] = await auditOf('delete', h.id);
    expect(audit).toMatchObject({
      entityIds: [h.id, w.id],
      detail: { kind: 'leading_talent', level: 'city', year: 2022 },
    });
    expect((await a.send('DELETE', `/honors/${h.id}?version=1`)).statusCode).toBe(404);
  });

  it('a user of another town reads an honour as missing and cannot change it', async () => {
    const { h } = await withHonor();
    const other = await admin('441202002');
    const edit = await other.send('PUT', `/honors/${h.id}`, {
      kind: 'leading_talent',
      level: 'national',
      year: 2022,
      version: 1,
    });
    expect(edit.statusCode).toBe(404);
    expect((await other.send('DELETE', `/honors/${h.id}?version=1`)).statusCode).toBe(404);
    const [row] = await t.database.db.select().from(honors).where(eq(honors.id, h.id));
    expect(row).toMatchObject({ level: 'city', version: 1 });
  });
});
