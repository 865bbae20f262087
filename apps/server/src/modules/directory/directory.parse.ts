import { REGION_CODE, validatePhone, validateUscc } from '@lianxin/shared';
import type { FieldError } from '../../platform/errors.ts';
import type { OrganizationType } from '../organizations/organizations.presenter.ts';
import type { DemonstrationLevel } from '../stations/stations.presenter.ts';
import { STATION_KINDS, STATION_STATUSES, type StationKind, type StationStatus } from '../stations/stations.rules.ts';
import { USCC_IDENTIFIER_TYPE } from './directory.mapping.ts';
import { fromSchedules } from './directory.schedules.ts';
import { type TermCode, termValues } from './directory.terms.ts';

const ORG_TYPES = ['agency', 'social_org', 'university', 'enterprise', 'charity', 'government'] as const;
const DEMONSTRATION_LEVELS = ['national', 'provincial', 'city', 'county'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A field of one record and where it came from in the document, for error paths. */
export type Paths = Record<string, string>;

export interface ParsedOrganization {
  index: number;
  id: string;
  root: string;
  paths: Paths;
  input: {
    type: OrganizationType;
    name: string;
    creditCode: string | null;
    registrationAuthority: string;
    registeredOn: string | null;
    domains: string[];
    contactName: string;
    address: string;
    regionCode: string;
  };
}

export interface ParsedStation {
  index: number;
  id: string;
  root: string;
  paths: Paths;
  input: {
    kind: StationKind;
    regionCode: string;
    name: string;
    organizationId: string | null;
    address: string;
    lng: number | null;
    lat: number | null;
    openingHours: string;
    phone: string;
    status: StationStatus;
    openedOn: string | null;
    suspendedOn: string | null;
    closedOn: string | null;
    demonstration: boolean;
    demonstrationLevel: DemonstrationLevel | null;
    demonstrationYear: number | null;
    coordConfirmed: boolean;
    overrideReason: string | null;
  };
}

export interface ParsedService {
  index: number;
  id: string;
  root: string;
  name: string;
  code: string | null;
}

export interface ParsedLink {
  index: number;
  id: string;
  root: string;
  serviceId: string;
  locationId: string;
}

type Rec = Record<string, any>;

/** Reads our attributes off one record, collecting errors for values that are not what the term allows. */
class Reader {
  readonly paths: Paths = {};
  constructor(
    private readonly rec: Rec,
    readonly root: string,
    private readonly errors: FieldError[],
  ) {}

  all(code: TermCode, field: string): string[] {
    const found = termValues(this.rec.attributes, this.root, code);
    found.forEach((f, i) => {
      this.paths[`${field}.${i}`] = f.path;
    });
    if (found[0]) this.paths[field] = found[0].path;
    return found.map((f) => f.value.trim());
  }

  one(code: TermCode, field: string): string | null {
    return this.all(code, field)[0] || null;
  }

  /** A value the record cannot do without: reported at the attribute list when missing. */
  required(code: TermCode, field: string): string | null {
    const v = this.one(code, field);
    if (v === null)
      this.errors.push({
        path: `${this.root}/attributes`,
        message: 'validation.hsds.attributeRequired',
        params: { term: code },
      });
    return v;
  }

  check<T extends string>(v: string | null, field: string, ok: (v: string) => boolean, message: string): T | null {
    if (v !== null && !ok(v)) {
      this.errors.push({ path: this.paths[field] ?? this.root, message });
      return null;
    }
    return v as T | null;
  }
}

const isOneOf = (xs: readonly string[]) => (v: string) => xs.includes(v);
const isDay = (v: string) => DAY.test(v) && !Number.isNaN(Date.parse(v));
const isRegion = (v: string) => REGION_CODE.test(v);

function organization(rec: Rec, index: number, errors: FieldError[]): ParsedOrganization {
  const root = `/organizations/${index}`;
  const r = new Reader(rec, root, errors);
  const regionCode =
    r.check(r.required('region_code', 'regionCode'), 'regionCode', isRegion, 'validation.region.unknown') ?? '';
  const type =
    r.check<OrganizationType>(r.one('org_type', 'type'), 'type', isOneOf(ORG_TYPES), 'validation.hsds.badValue') ??
    'social_org';
  const registeredOn = r.check(
    r.one('registered_on', 'registeredOn'),
    'registeredOn',
    isDay,
    'validation.hsds.badDate',
  );
  const ids: Rec[] = rec.organization_identifiers ?? [];
  const usccAt = ids.findIndex(
    (x) =>
      typeof x.identifier_type === 'string' &&
      (x.identifier_type === USCC_IDENTIFIER_TYPE || /uscc|unified social credit/i.test(x.identifier_type)),
  );
  if (usccAt >= 0) r.paths.creditCode = `${root}/organization_identifiers/${usccAt}/identifier`;
  const contacts: Rec[] = rec.contacts ?? [];
  let creditCode: string | null = null;
  if (usccAt >= 0) {
    const v = validateUscc(String(ids[usccAt].identifier));
    if (v.ok) creditCode = v.value;
    else
      errors.push({
        path: r.paths.creditCode,
        message: `validation.uscc.${v.reason}`,
        params: { position: v.position },
      });
  }
  if (!String(rec.name).trim()) errors.push({ path: `${root}/name`, message: 'validation.hsds.nameRequired' });
  return {
    index,
    id: rec.id,
    root,
    paths: { ...r.paths, name: `${root}/name`, contactName: `${root}/contacts/0/name` },
    input: {
      type,
      name: String(rec.name).trim(),
      regionCode,
      registeredOn,
      creditCode,
      registrationAuthority: r.one('registration_authority', 'registrationAuthority') ?? '',
      domains: r.all('org_domain', 'domains'),
      contactName: typeof contacts[0]?.name === 'string' ? contacts[0].name.trim() : '',
      address: r.one('org_address', 'address') ?? '',
    },
  };
}

function station(rec: Rec, index: number, errors: FieldError[]): ParsedStation {
  const root = `/locations/${index}`;
  const r = new Reader(rec, root, errors);
  const regionCode =
    r.check(r.required('region_code', 'regionCode'), 'regionCode', isRegion, 'validation.region.unknown') ?? '';
  const kind =
    r.check<StationKind>(
      r.required('station_kind', 'kind'),
      'kind',
      isOneOf(STATION_KINDS),
      'validation.hsds.badValue',
    ) ?? 'point';
  const status =
    r.check<StationStatus>(
      r.one('station_status', 'status'),
      'status',
      isOneOf(STATION_STATUSES),
      'validation.hsds.badValue',
    ) ?? 'operating';
  const day = (code: TermCode, field: string) => r.check(r.one(code, field), field, isDay, 'validation.hsds.badDate');
  const level = r.check<DemonstrationLevel>(
    r.one('demonstration_level', 'demonstrationLevel'),
    'demonstrationLevel',
    isOneOf(DEMONSTRATION_LEVELS),
    'validation.hsds.badValue',
  );
  const year = r.check(
    r.one('demonstration_year', 'demonstrationYear'),
    'demonstrationYear',
    (v) => /^(19|20)\d{2}$/.test(v),
    'validation.hsds.badValue',
  );
  const address: Rec | undefined =
    (rec.addresses ?? []).find((a: Rec) => a.address_type !== 'postal') ?? rec.addresses?.[0];
  const phones: Rec[] = rec.phones ?? [];
  const hasPoint = typeof rec.latitude === 'number' && typeof rec.longitude === 'number';
  let phone = typeof phones[0]?.number === 'string' ? phones[0].number.trim() : '';
  if (phone) {
    const v = validatePhone(phone);
    if (v.ok) phone = v.value;
    else errors.push({ path: `${root}/phones/0/number`, message: `validation.phone.${v.reason}` });
  }
  if (typeof rec.name !== 'string' || !rec.name.trim())
    errors.push({ path: `${root}/name`, message: 'validation.hsds.nameRequired' });
  if ((typeof rec.latitude === 'number') !== (typeof rec.longitude === 'number')) {
    errors.push({
      path: `${root}/${typeof rec.latitude === 'number' ? 'longitude' : 'latitude'}`,
      message: 'validation.station.coordPair',
    });
  }
  return {
    index,
    id: rec.id,
    root,
    paths: {
      ...r.paths,
      name: `${root}/name`,
      organizationId: `${root}/organization_id`,
      lng: `${root}/longitude`,
      lat: `${root}/latitude`,
      phone: `${root}/phones/0/number`,
      address: `${root}/addresses/0/address_1`,
      openingHours: `${root}/schedules`,
    },
    input: {
      kind,
      regionCode,
      status,
      name: String(rec.name ?? '').trim(),
      organizationId: typeof rec.organization_id === 'string' ? rec.organization_id : null,
      address: typeof address?.address_1 === 'string' ? address.address_1.trim() : '',
      lng: hasPoint ? rec.longitude : null,
      lat: hasPoint ? rec.latitude : null,
      openingHours: fromSchedules(rec.schedules),
      phone,
      openedOn: day('opened_on', 'openedOn'),
      suspendedOn: day('suspended_on', 'suspendedOn'),
      closedOn: day('closed_on', 'closedOn'),
      demonstration: r.one('demonstration', 'demonstration') === 'true',
      demonstrationLevel: level,
      demonstrationYear: year ? Number(year) : null,
      coordConfirmed: r.one('coord_confirmed', 'coordConfirmed') === 'true',
      overrideReason: r.one('override_reason', 'overrideReason'),
    },
  };
}

export interface ParsedDocument {
  organizations: ParsedOrganization[];
  services: ParsedService[];
  stations: ParsedStation[];
  links: ParsedLink[];
}

function tooLong(
  rec: { input: Record<string, unknown>; paths: Paths; root: string },
  limits: Record<string, number>,
  errors: FieldError[],
) {
  for (const [field, max] of Object.entries(limits)) {
    const v = rec.input[field];
    if (typeof v === 'string' && v.length > max)
      errors.push({ path: rec.paths[field] ?? rec.root, message: 'validation.hsds.tooLong', params: { max } });
  }
}

/** Duplicate ids within one array would make "the record with this id" ambiguous. */
function duplicates(items: { id: string; root: string }[], errors: FieldError[]) {
  const seen = new Set<string>();
  for (const x of items) {
    if (seen.has(x.id)) errors.push({ path: `${x.root}/id`, message: 'validation.hsds.duplicateId' });
    seen.add(x.id);
  }
}

/**
 * Turns a schema-valid document into our records' fields, with the JSON path of each field so the
 * rules' errors can point into the document. Errors of form (a bad date, an unknown kind) are
 * collected; the caller refuses the document when there are any.
 */
export function parseDocument(doc: Record<string, Rec[]>): { parsed: ParsedDocument; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const parsed: ParsedDocument = {
    organizations: doc.organizations.map((o, i) => organization(o, i, errors)),
    services: doc.services.map((s, i) => {
      const code = termValues(s.attributes, `/services/${i}`, 'service_code')[0]?.value ?? null;
      return { index: i, id: s.id, root: `/services/${i}`, name: String(s.name), code };
    }),
    stations: doc.locations.map((l, i) => station(l, i, errors)),
    links: doc.service_at_locations.map((l, i) => ({
      index: i,
      id: l.id,
      root: `/service_at_locations/${i}`,
      serviceId: l.service_id,
      locationId: l.location_id,
    })),
  };
  // The same limits as the registers' forms (organizations.routes.ts, stations.routes.ts).
  for (const o of parsed.organizations)
    tooLong(o, { name: 100, registrationAuthority: 100, contactName: 40, address: 200 }, errors);
  for (const st of parsed.stations)
    tooLong(st, { name: 80, address: 200, openingHours: 200, overrideReason: 200 }, errors);
  duplicates(parsed.organizations, errors);
  duplicates(parsed.services, errors);
  duplicates(parsed.stations, errors);
  duplicates(parsed.links, errors);
  parsed.links.forEach((l) => {
    if (typeof l.serviceId !== 'string')
      errors.push({ path: `${l.root}/service_id`, message: 'validation.hsds.linkRequired' });
    if (typeof l.locationId !== 'string')
      errors.push({ path: `${l.root}/location_id`, message: 'validation.hsds.linkRequired' });
  });
  return { parsed, errors };
}
