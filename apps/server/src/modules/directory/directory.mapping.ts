import type { OrganizationRow, StationRecord } from './directory.repo.ts';
import { toSchedules } from './directory.schedules.ts';
import { attributes, derivedId } from './directory.terms.ts';

/** How the credit code is named in `organization_identifiers` (org-id.guide lists no Chinese scheme we could cite). */
export const USCC_IDENTIFIER_TYPE = '统一社会信用代码';

export type Labels = Map<string, { label: string; labelEn: string }>;

export interface ExportInput {
  organizations: OrganizationRow[];
  stations: StationRecord[];
  /** The station_service dictionary: value → labels, and whether it is enabled. */
  services: { value: string; label: string; labelEn: string; enabled: boolean }[];
  orgTypes: Labels;
  orgDomains: Labels;
  stationKinds: Labels;
  /** Region code → name, for every region and its ancestors. */
  regionNames: Map<string, string>;
}

export const serviceId = (value: string) => derivedId('station_service', value);
export const salId = (stationId: string, value: string) => derivedId(stationId, 'service_at_location', value);

const label = (labels: Labels, v: string) => labels.get(v)?.label ?? v;

function organization(o: OrganizationRow, x: ExportInput) {
  const domains = o.domains.map((d) => label(x.orgDomains, d));
  return {
    id: o.id,
    name: o.name,
    description: [label(x.orgTypes, o.type), domains.length ? `服务领域：${domains.join('、')}` : '']
      .filter(Boolean)
      .join('；'),
    ...(o.registeredOn ? { year_incorporated: Number(o.registeredOn.slice(0, 4)) } : {}),
    // The contact's phone number is personal data (stored encrypted) and never leaves in an export.
    contacts: o.contactName ? [{ id: derivedId(o.id, 'contact'), organization_id: o.id, name: o.contactName }] : [],
    organization_identifiers: o.creditCode
      ? [
          {
            id: derivedId(o.id, 'uscc'),
            organization_id: o.id,
            identifier_type: USCC_IDENTIFIER_TYPE,
            identifier: o.creditCode,
          },
        ]
      : [],
    attributes: attributes('organization', o.id, [
      ['region_code', o.regionCode],
      ['org_type', o.type],
      ['org_domain', o.domains],
      ['registration_authority', o.registrationAuthority],
      ['registered_on', o.registeredOn],
      ['org_address', o.address],
    ]),
  };
}

function service(s: ExportInput['services'][number]) {
  const id = serviceId(s.value);
  return {
    id,
    name: s.label,
    alternate_name: s.labelEn,
    description: `社工站服务项目：${s.label}（${s.labelEn}）`,
    status: s.enabled ? 'active' : 'inactive',
    // The language the service is delivered in; the English name is the alternate name.
    languages: [{ id: derivedId(id, 'language', 'zh'), service_id: id, name: '中文', code: 'zh' }],
    attributes: attributes('service', id, [['service_code', s.value]]),
  };
}

/** Region names from the province down to the record's own region (GLOSSARY: 2/4/6/9/12 digits). */
function regionPath(code: string, names: Map<string, string>) {
  return [2, 4, 6, 9, 12].filter((n) => n <= code.length).map((n) => names.get(code.slice(0, n)) ?? '');
}

function location(s: StationRecord, x: ExportInput) {
  const [province, city, county, town, village] = regionPath(s.regionCode, x.regionNames);
  const kind = label(x.stationKinds, s.kind);
  return {
    id: s.id,
    location_type: 'physical',
    name: s.name,
    ...(s.organizationId ? { organization_id: s.organizationId } : {}),
    description: [kind, s.openingHours ? `开放时间：${s.openingHours}` : ''].filter(Boolean).join('；'),
    ...(s.lat != null && s.lng != null ? { latitude: s.lat, longitude: s.lng } : {}),
    addresses: s.address
      ? [
          {
            id: derivedId(s.id, 'address'),
            location_id: s.id,
            address_1: s.address,
            address_2: [town, village].filter(Boolean).join(''),
            city: city || province,
            region: county,
            state_province: province,
            postal_code: '',
            country: 'CN',
            address_type: 'physical',
          },
        ]
      : [],
    phones: s.phone ? [{ id: derivedId(s.id, 'phone'), location_id: s.id, number: s.phone, type: 'voice' }] : [],
    schedules: toSchedules(s.id, s.openingHours),
    attributes: attributes('location', s.id, [
      ['region_code', s.regionCode],
      ['station_kind', s.kind],
      ['station_status', s.status],
      ['opened_on', s.openedOn],
      ['suspended_on', s.suspendedOn],
      ['closed_on', s.closedOn],
      ['demonstration', s.demonstration],
      ['demonstration_level', s.demonstration ? s.demonstrationLevel : null],
      ['demonstration_year', s.demonstration ? s.demonstrationYear : null],
      ['coord_confirmed', s.coordConfirmed],
      ['override_reason', s.overrideReason],
    ]),
  };
}

/** The four HSDS arrays for the records given (already filtered for scope and visibility). */
export function toHsds(x: ExportInput) {
  const labels = new Map(x.services.map((s) => [s.value, s.label]));
  return {
    organizations: x.organizations.map((o) => organization(o, x)),
    services: x.services.map(service),
    locations: x.stations.map((s) => location(s, x)),
    service_at_locations: x.stations.flatMap((s) =>
      s.services.map((v) => ({
        id: salId(s.id, v),
        service_id: serviceId(v),
        location_id: s.id,
        description: `${s.name}：${labels.get(v) ?? v}`,
      })),
    ),
  };
}
