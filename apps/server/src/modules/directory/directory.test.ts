import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/app.ts';
import { createOrganization, createStation, nextCreditCode } from '../../../test/factories.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { organizations } from '../organizations/organizations.table.ts';
import { stationStatusHistory, stations } from '../stations/stations.table.ts';

const t = useTestApp();

/**
 * The official compiled schemas (`schema/compiled/` of HSDS 3.0), not our modular copy: a test
 * fixture, gzipped, checked against the SHA-256 the release publishes for each.
 */
const COMPILED = path.resolve(import.meta.dirname, '../../../test/fixtures/hsds-3.0-compiled');
const COMPILED_SUMS = new Map(
  readFileSync(path.join(COMPILED, 'SHA256SUMS'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split(/\s+/).reverse() as [string, string]),
);
function official(name: string) {
  const bytes = gunzipSync(readFileSync(path.join(COMPILED, `${name}.json.gz`)));
  const sum = createHash('sha256').update(bytes).digest('hex');
  if (sum !== COMPILED_SUMS.get(`${name}.json`)) throw new Error(`${name}.json is not the published HSDS 3.0 schema`);
  return JSON.parse(bytes.toString('utf8'));
}
let validators: Record<string, ReturnType<Ajv['compile']>> | undefined;
function officialValidators() {
  if (validators) return validators;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const sal = official('service_at_location');
  validators = {
    organizations: ajv.compile(official('organization')),
    services: ajv.compile(official('service')),
    locations: ajv.compile(sal.properties.location),
    service_at_locations: ajv.compile(sal),
  };
  return validators;
}

async function admin(regionCode = '4412') {
  const a = await t.loginAs({ role: 'region_admin', regionCode });
  const send = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: { cookie: a.cookie }, payload: payload as never });
  return {
    ...a,
    send,
    exportDoc: async () => (await send('GET', '/directory/hsds')).json(),
    importDoc: (doc: unknown, dryRun = false) => send('POST', `/directory/hsds${dryRun ? '?dryRun=true' : ''}`, doc),
  };
}

/** A small network: an agency with a contact phone, three stations of 端州区 (one hidden), one of 鼎湖区. */
async function network() {
  const db = t.database.db;
  const agency = await createOrganization(db, {
    name: '端州区启航社会工作服务中心',
    regionCode: '441202',
    registrationAuthority: '端州区民政局',
    registeredOn: '2018-05-02',
    domains: ['elderly', 'youth'],
    contactName: '陈敏',
    contactPhoneEnc: t.pii.encrypt('13800138000'),
    contactPhoneHash: t.pii.hash('13800138000'),
    address: '端州区康乐中路1号',
  });
  const cityOrg = await createOrganization(db, { name: '肇庆市慈善会', type: 'charity', regionCode: '4412' });
  const awayOrg = await createOrganization(db, { name: '鼎湖区某社工机构', regionCode: '441203' });
  const town = await createStation(db, {
    kind: 'town',
    regionCode: '441202001',
    name: '城东街道社工站',
    organizationId: agency.id,
    address: '城东街道正东路8号',
    lng: 112.47,
    lat: 23.05,
    openingHours: '周一至周五 8:30-12:00，14:30-17:30',
    phone: '0758-2281234',
    services: ['elderly', 'social_assistance'],
    status: 'operating',
    openedOn: '2021-06-01',
    demonstration: true,
    demonstrationLevel: 'provincial',
    demonstrationYear: 2023,
  });
  const room = await createStation(db, {
    kind: 'community',
    regionCode: '441202001002',
    name: '杏花社区社工室',
    organizationId: cityOrg.id,
    openingHours: '预约开放',
    services: ['youth'],
  });
  const shelter = await createStation(db, {
    kind: 'point',
    regionCode: '441202003',
    name: '城西临时庇护点',
    hidden: true,
    address: '保密地址',
  });
  const away = await createStation(db, {
    kind: 'town',
    regionCode: '441203001',
    name: '坑口街道社工站',
    organizationId: awayOrg.id,
  });
  return { agency, cityOrg, awayOrg, town, room, shelter, away };
}

const dump = async () => ({
  organizations: await t.database.db.select().from(organizations).orderBy(organizations.id),
  stations: await t.database.db.select().from(stations).orderBy(stations.id),
});

describe('HSDS export', () => {
  it('validates against the official compiled schemas and leaves out hidden, out-of-scope and personal data', async () => {
    const n = await network();
    const a = await admin('441202');
    const res = await a.send('GET', '/directory/hsds');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="lianxin-hsds-20260301.json"');
    const doc = res.json();
    const v = officialValidators();
    for (const key of ['organizations', 'services', 'locations', 'service_at_locations'] as const) {
      expect(doc[key].length, key).toBeGreaterThan(0);
      for (const item of doc[key]) expect(v[key](item) ? [] : v[key].errors, `${key} ${item.id}`).toEqual([]);
    }
    expect(doc.locations.map((l: any) => l.name).sort()).toEqual(['城东街道社工站', '杏花社区社工室']);
    // The city charity operates a room in scope, so it travels with it; the neighbouring county's agency does not.
    expect(doc.organizations.map((o: any) => o.name).sort()).toEqual(['端州区启航社会工作服务中心', '肇庆市慈善会']);
    const text = res.body;
    for (const hidden of [
      '城西临时庇护点',
      '保密地址',
      n.shelter.id,
      '坑口街道社工站',
      '鼎湖区某社工机构',
      '13800138000',
      '138****8000',
    ])
      expect(text).not.toContain(hidden);

    const org = doc.organizations.find((o: any) => o.id === n.agency.id);
    expect(org.organization_identifiers).toEqual([
      expect.objectContaining({ identifier_type: '统一社会信用代码', identifier: n.agency.creditCode }),
    ]);
    expect(org.contacts).toEqual([expect.objectContaining({ name: '陈敏' })]);
    expect(org.contacts[0].phones).toBeUndefined();
    const town = doc.locations.find((l: any) => l.id === n.town.id);
    expect(town).toMatchObject({
      latitude: 23.05,
      longitude: 112.47,
      organization_id: n.agency.id,
      phones: [{ number: '0758-2281234' }],
    });
    expect(town.addresses[0]).toMatchObject({
      address_1: '城东街道正东路8号',
      city: '肇庆市',
      region: '端州区',
      state_province: '广东省',
      country: 'CN',
    });
    expect(town.schedules).toEqual([
      expect.objectContaining({ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opens_at: '08:30', closes_at: '12:00' }),
      expect.objectContaining({ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opens_at: '14:30', closes_at: '17:30' }),
    ]);
    const attr = (l: any, code: string) =>
      l.attributes.filter((x: any) => x.taxonomy_term.code === code).map((x: any) => x.value);
    expect(attr(town, 'region_code')).toEqual(['441202001']);
    expect(attr(town, 'station_kind')).toEqual(['town']);
    const room = doc.locations.find((l: any) => l.id === n.room.id);
    expect(room.schedules).toEqual([expect.objectContaining({ description: '预约开放' })]);
    expect(room.schedules[0].freq).toBeUndefined();
    const elderly = doc.services.find((s: any) => s.name === '养老服务');
    expect(elderly).toMatchObject({ alternate_name: 'Elderly care', status: 'active' });
    expect(doc.service_at_locations).toContainEqual(
      expect.objectContaining({ service_id: elderly.id, location_id: n.town.id }),
    );

    const audit = await t.database.db.select().from(auditLog).where(eq(auditLog.entity, 'directory'));
    expect(audit).toEqual([expect.objectContaining({ action: 'export', actorName: a.username })]);
  });

  it('export and import are refused to station staff', async () => {
    const staff = await t.loginAs({ role: 'station_head', regionCode: '441202' });
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/directory/hsds', headers: { cookie: staff.cookie } });
    expect(res.statusCode).toBe(403);
    const empty = { hsds_version: '3.0', organizations: [], services: [], locations: [], service_at_locations: [] };
    const post = await t.app.inject({
      method: 'POST',
      url: '/api/v1/directory/hsds',
      headers: { cookie: staff.cookie },
      payload: empty,
    });
    expect(post.statusCode).toBe(403);
  });
});

describe('HSDS import', () => {
  it('round-trips: export, empty the tables, import — the same records; importing again changes nothing', async () => {
    await network();
    const a = await admin('4412');
    const doc = await a.exportDoc();
    const before = await dump();
    // The contact's phone does not travel (personal data); the hidden shelter stays behind.
    const ours = (d: Awaited<ReturnType<typeof dump>>) => ({
      organizations: d.organizations.map(({ createdAt, updatedAt, contactPhoneEnc, contactPhoneHash, ...o }) => o),
      stations: d.stations.filter((s) => !s.hidden).map(({ createdAt, updatedAt, ...s }) => s),
    });

    await t.database.db.delete(stationStatusHistory);
    await t.database.db.delete(stations);
    await t.database.db.delete(organizations);

    const dry = await a.importDoc(doc, true);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toEqual({
      dryRun: true,
      organizations: { created: 3, updated: 0, unchanged: 0 },
      services: { created: 0, updated: 0, unchanged: doc.services.length },
      locations: { created: 3, updated: 0, unchanged: 0 },
      service_at_locations: { created: 3, updated: 0, unchanged: 0 },
    });
    expect(await t.database.db.select().from(stations)).toEqual([]);

    const res = await a.importDoc(doc);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().locations).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect(ours(await dump())).toEqual(ours(before));

    const again = await a.importDoc(doc);
    expect(again.json()).toEqual({
      dryRun: false,
      organizations: { created: 0, updated: 0, unchanged: 3 },
      services: { created: 0, updated: 0, unchanged: doc.services.length },
      locations: { created: 0, updated: 0, unchanged: 3 },
      service_at_locations: { created: 0, updated: 0, unchanged: 3 },
    });
    const creates = await t.database.db.select().from(auditLog).where(eq(auditLog.action, 'create'));
    expect(creates.map((r) => r.entity).sort()).toEqual([
      'organization',
      'organization',
      'organization',
      'station',
      'station',
      'station',
    ]);
  });

  it('re-importing an untouched export changes nothing and an edited one updates only what changed', async () => {
    const n = await network();
    const a = await admin('441202');
    const doc = await a.exportDoc();
    expect((await a.importDoc(doc)).json().locations).toEqual({ created: 0, updated: 0, unchanged: 2 });
    const town = doc.locations.find((l: any) => l.id === n.town.id);
    town.name = '城东街道社会工作服务站';
    const res = await a.importDoc(doc);
    expect(res.json().locations).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const [row] = await t.database.db.select().from(stations).where(eq(stations.id, n.town.id));
    expect(row).toMatchObject({ name: '城东街道社会工作服务站', version: 2, hidden: false });
    // The hidden shelter was never in the document and is untouched.
    const [shelter] = await t.database.db.select().from(stations).where(eq(stations.id, n.shelter.id));
    expect(shelter).toMatchObject({ hidden: true, version: 1 });
  });

  it('lists every schema error with its JSON path and writes nothing', async () => {
    await network();
    const a = await admin('441202');
    const doc = await a.exportDoc();
    doc.locations[1].latitude = '23.05';
    doc.locations[0].location_type = 'building';
    delete doc.organizations[0].name;
    doc.service_at_locations[0].id = 'not-a-uuid';
    const before = await dump();
    const res = await a.importDoc(doc);
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.code).toBe('VALIDATION');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { path: '/locations/1/latitude', message: 'must be number' },
        { path: '/locations/0/location_type', message: 'must be one of "physical", "postal", "virtual"' },
        { path: '/organizations/0/name', message: "must have required property 'name'" },
        { path: '/service_at_locations/0/id', message: 'must match format "uuid"' },
      ]),
    );
    expect(await dump()).toEqual(before);
    const notADoc = await a.importDoc({ organizations: [] });
    expect(notADoc.json().errors).toContainEqual({
      path: '/hsds_version',
      message: "must have required property 'hsds_version'",
    });
  });

  it("lists the rules' errors with JSON paths: unknown region, kind/level, bad and duplicate credit codes", async () => {
    await network();
    const a = await admin('441202');
    const doc = await a.exportDoc();
    const attrAt = (rec: any, code: string) => rec.attributes.findIndex((x: any) => x.taxonomy_term.code === code);
    const town = doc.locations.findIndex((l: any) => l.name === '城东街道社工站');
    const room = doc.locations.findIndex((l: any) => l.name === '杏花社区社工室');
    doc.locations[town].attributes[attrAt(doc.locations[town], 'region_code')].value = '441202009';
    doc.locations[room].attributes[attrAt(doc.locations[room], 'station_kind')].value = 'town';
    const bad = doc.organizations[0].organization_identifiers[0];
    bad.identifier = `${bad.identifier.slice(0, 17)}${bad.identifier[17] === '0' ? '1' : '0'}`;
    const copy = structuredClone(doc.organizations[1]);
    copy.id = '0190d0a0-0000-7000-8000-0000000000aa';
    copy.organization_identifiers[0].identifier = doc.organizations[1].organization_identifiers[0].identifier;
    doc.organizations.push(copy);
    doc.locations[room].name = '长'.repeat(81);
    const before = await dump();
    const res = await a.importDoc(doc);
    expect(res.statusCode).toBe(400);
    const errors = res.json().errors.map((e: any) => [e.path, e.key]);
    expect(errors).toEqual(
      expect.arrayContaining([
        ['/organizations/0/organization_identifiers/0/identifier', 'validation.uscc.checksum'],
        [`/locations/${room}/name`, 'validation.hsds.tooLong'],
      ]),
    );
    doc.locations[room].name = '杏花社区社工室';
    // Form errors stop the import before the rules run; fix the code and the rules speak.
    bad.identifier = (
      await t.database.db.select().from(organizations).where(eq(organizations.id, doc.organizations[0].id))
    )[0].creditCode;
    const res2 = await a.importDoc(doc);
    expect(res2.json().errors.map((e: any) => [e.path, e.key])).toEqual(
      expect.arrayContaining([
        [
          `/locations/${town}/attributes/${attrAt(doc.locations[town], 'region_code')}/value`,
          'validation.region.unknown',
        ],
        [
          `/locations/${room}/attributes/${attrAt(doc.locations[room], 'region_code')}/value`,
          'validation.station.townLevel',
        ],
        ['/organizations/2/organization_identifiers/0/identifier', 'validation.hsds.duplicateCreditCode'],
      ]),
    );
    expect(await dump()).toEqual(before);
  });

  it("refuses to overwrite a record that exists outside the caller's scope", async () => {
    const n = await network();
    const city = await admin('4412');
    const doc = await city.exportDoc();
    const a = await admin('441202');
    // The neighbouring county's station, relabelled as if it were one of ours.
    const away = doc.locations.find((l: any) => l.id === n.away.id);
    away.attributes.find((x: any) => x.taxonomy_term.code === 'region_code').value = '441202003';
    const onlyAway = { ...doc, organizations: [], locations: [away], service_at_locations: [] };
    const res = await a.importDoc(onlyAway);
    expect(res.statusCode).toBe(400);
    const i = 0;
    expect(res.json().errors).toEqual([
      expect.objectContaining({ path: `/locations/${i}/id`, key: 'validation.hsds.outOfScope' }),
    ]);
    const [row] = await t.database.db.select().from(stations).where(eq(stations.id, n.away.id));
    expect(row).toMatchObject({ regionCode: '441203001', version: 1 });
    // A new station placed outside the scope is refused at its region code.
    const fresh = structuredClone(away);
    fresh.id = '0190d0a0-0000-7000-8000-0000000000bb';
    fresh.attributes.find((x: any) => x.taxonomy_term.code === 'region_code').value = '441203001';
    delete fresh.organization_id;
    const res2 = await a.importDoc({ ...onlyAway, locations: [fresh] });
    // The city charity runs a room in the county, so the county's export names it; changing it is the city's business.
    const county = await a.exportDoc();
    county.organizations.find((o: any) => o.id === n.cityOrg.id).name = '改名';
    const res3 = await a.importDoc(county);
    expect(res3.json().errors).toEqual([
      expect.objectContaining({
        path: `/organizations/${county.organizations.findIndex((o: any) => o.id === n.cityOrg.id)}/id`,
        key: 'validation.hsds.outOfScope',
      }),
    ]);
    expect(res2.json().errors).toEqual([
      expect.objectContaining({
        path: expect.stringMatching(/^\/locations\/0\/attributes\/\d+\/value$/),
        key: 'validation.scope.outside',
      }),
    ]);
  });

  it('matches an organization by its credit code when the id differs', async () => {
    const n = await network();
    const a = await admin('441202');
    const doc = await a.exportDoc();
    const org = doc.organizations.find((o: any) => o.id === n.agency.id);
    org.id = '0190d0a0-0000-7000-8000-0000000000cc';
    for (const l of doc.locations) if (l.organization_id === n.agency.id) l.organization_id = org.id;
    const res = await a.importDoc(doc);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().organizations).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(res.json().locations).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(
      await t.database.db.select().from(organizations).where(eq(organizations.creditCode, n.agency.creditCode!)),
    ).toHaveLength(1);
  });

  it('creates a station from a foreign document with a new organization and writes its history', async () => {
    const a = await admin('441202');
    const orgId = '0190d0a0-0000-7000-8000-0000000000dd';
    const locId = '0190d0a0-0000-7000-8000-0000000000ee';
    const term = (code: string, value: string) => ({
      id: crypto.randomUUID(),
      value,
      taxonomy_term: { id: crypto.randomUUID(), code, name: code, description: code, taxonomy: 'lianxin' },
    });
    const doc = {
      hsds_version: '3.0',
      organizations: [
        {
          id: orgId,
          name: '新机构',
          description: '社工机构',
          organization_identifiers: [
            { id: crypto.randomUUID(), identifier_type: '统一社会信用代码', identifier: nextCreditCode() },
          ],
          attributes: [term('region_code', '441202')],
        },
      ],
      services: [],
      locations: [
        {
          id: locId,
          location_type: 'physical',
          name: '城西街道社工站',
          organization_id: orgId,
          latitude: 23.06,
          longitude: 112.45,
          schedules: [
            { id: crypto.randomUUID(), freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00' },
          ],
          attributes: [
            term('region_code', '441202003'),
            term('station_kind', 'town'),
            term('station_status', 'operating'),
            term('opened_on', '2024-01-02'),
          ],
        },
      ],
      service_at_locations: [
        { id: crypto.randomUUID(), service_id: '00000000-0000-4000-8000-000000000000', location_id: locId },
      ],
    };
    const bad = await a.importDoc(doc);
    expect(bad.json().errors).toEqual([
      expect.objectContaining({ path: '/service_at_locations/0/service_id', key: 'validation.station.unknownService' }),
    ]);
    doc.service_at_locations = [];
    const res = await a.importDoc(doc);
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await t.database.db.select().from(stations).where(eq(stations.id, locId));
    expect(row).toMatchObject({
      kind: 'town',
      status: 'operating',
      openedOn: '2024-01-02',
      organizationId: orgId,
      openingHours: '周一至周五 09:00-17:00',
    });
    expect(
      await t.database.db.select().from(stationStatusHistory).where(eq(stationStatusHistory.stationId, locId)),
    ).toEqual([expect.objectContaining({ toStatus: 'operating', on: '2024-01-02' })]);
  });
});
