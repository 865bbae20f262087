import { idCardCheckChar } from '@lianxin/shared';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createUser, createWorker, makeIdNumber } from '../../../test/factories.ts';
import { sheetRows } from '../../../test/upload.ts';
import { roles } from '../roles/roles.table.ts';
import { userRoles } from '../users/users.table.ts';

const t = useTestApp();

/** What a viewer without pii:read sees of one person, wherever it is shown. */
interface Seen {
  idNumber: string;
  birthDate?: string | null;
  birthYear?: number | null;
  sex?: string | null;
  regionCode: string;
}

const days = (year: number) => {
  const out: string[] = [];
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1))
    out.push(d.toISOString().slice(0, 10));
  return out;
};

/**
 * The attacker's count: every 18-digit ID number that agrees with all they see — the characters the
 * mask leaves, the birth date or year, the sex (the sequence number's parity), the check digit — with
 * the address code guessed as the record's own county (the strongest guess they have).
 */
function candidates(seen: Seen[]): { count: number; ids: Set<string> } {
  const masked = seen[0].idNumber;
  const fixed = [...masked].map((c) => (c === '*' ? null : c));
  const date = seen.map((s) => s.birthDate).find(Boolean);
  const year = seen.map((s) => s.birthYear).find((y) => y != null) ?? Number(date?.slice(0, 4));
  const sex = seen.map((s) => s.sex).find(Boolean);
  const address = seen[0].regionCode.slice(0, 6);
  const dates = date ? [date] : year ? days(year) : [];
  const ids = new Set<string>();
  for (const d of dates) {
    for (let seq = 0; seq < 1000; seq++) {
      if (sex && (seq % 2 === 1 ? '1' : '2') !== sex) continue;
      const body = `${address}${d.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
      const id = body + idCardCheckChar(body);
      if (fixed.every((c, i) => c === null || c === id[i])) ids.add(id);
    }
  }
  return { count: ids.size, ids };
}

describe('masked ID numbers cannot be narrowed down', () => {
  const ID = makeIdNumber({ region: '441202', birth: '1990-05-17', seq: 123 });

  it('a supervisor without pii:read sees the first and last character and the birth year: over ten thousand candidates remain', async () => {
    const w = await createWorker(t.database.db, t.pii, {
      name: '李芳',
      idNumber: ID,
      sex: '1',
      birthDate: '1990-05-17',
      regionCode: '441202001',
    });
    const sup = await t.loginAs({ role: 'supervisor', regionCode: '441202' });
    const get = (url: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: sup.cookie } }).then((r) => r.json());
    const [listed] = (await get('/workers')).rows;
    const detail = await get(`/workers/${w.id}`);

    const { count, ids } = candidates([listed, detail]);
    expect(ids.has(ID)).toBe(true); // the attacker's model is right: the true number is among them
    expect(count).toBeGreaterThanOrEqual(10_000);
    expect(detail).toMatchObject({
      idNumber: `4${'*'.repeat(16)}${ID.slice(-1)}`,
      birthDate: null,
      birthYear: 1990,
      sex: '1',
    });
    expect(listed).toMatchObject({ birthDate: null, birthYear: 1990 });
  });

  it('the roster export for a role without pii:read leaves the birth date out, and over ten thousand candidates remain', async () => {
    await createWorker(t.database.db, t.pii, {
      name: '李芳',
      idNumber: ID,
      sex: '1',
      birthDate: '1990-05-17',
      regionCode: '441202001',
    });
    const u = await createUser(t.database.db, t.pii, { role: 'supervisor', regionCode: '441202' });
    const [exporter] = await t.database.db
      .insert(roles)
      .values({
        code: 'roster_exporter',
        name: '花名册导出',
        permissions: ['talent:worker:export'],
        regionCode: '441202',
      })
      .returning();
    await t.database.db.insert(userRoles).values({ userId: u.id, roleId: exporter.id });
    const { cookie } = await t.login(u.username);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/workers/export', headers: { cookie } });
    expect(res.statusCode).toBe(200);
    const [row] = await sheetRows(res.rawPayload);
    const birth = row['出生日期'] instanceof Date ? row['出生日期'].toISOString().slice(0, 10) : null;
    const { count, ids } = candidates([
      {
        idNumber: String(row['证件号码']),
        sex: row['性别'] === '男' ? '1' : '2',
        birthDate: birth,
        birthYear: 1990,
        regionCode: '441202',
      },
    ]);
    expect(ids.has(ID)).toBe(true);
    expect(count).toBeGreaterThanOrEqual(10_000);
    expect(birth).toBeNull();
  });

  it('a region administrator, who may reveal the number, still sees the full birth date', async () => {
    const w = await createWorker(t.database.db, t.pii, {
      name: '李芳',
      idNumber: ID,
      sex: '1',
      birthDate: '1990-05-17',
      regionCode: '441202001',
    });
    const admin = await t.loginAs({ role: 'region_admin', regionCode: '441202' });
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/workers/${w.id}`,
      headers: { cookie: admin.cookie },
    });
    expect(res.json()).toMatchObject({ birthDate: '1990-05-17', birthYear: 1990, abilities: { revealIdNumber: true } });
  });
});
