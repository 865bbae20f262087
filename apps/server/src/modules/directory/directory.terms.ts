import { v5 as uuidv5 } from 'uuid';

/** Namespace of the name-based (v5) ids we give to parts that have no row of their own. */
const NAMESPACE = '6f1d3c52-9a4e-5b7d-8c21-4e0f7a9b2d31';

/**
 * Ids for an export's sub-records (a phone, a schedule, an attribute, a service): derived from the
 * owning record, so exporting twice gives the same document and re-importing matches it.
 */
export const derivedId = (...parts: string[]) => uuidv5(parts.join(':'), NAMESPACE);

/** The taxonomy our attributes belong to: the fields HSDS has no place for. */
export const TAXONOMY = 'lianxin';

/**
 * One taxonomy term per field; an attribute links a record to the term and carries the value.
 * `region_code` is the statistical division code (GB/T 2260 down to the county, extended to the
 * town and village by the National Bureau of Statistics).
 */
export const TERMS = {
  region_code: ['行政区划代码', 'Statistical division code (GB/T 2260) of the region the record belongs to'],
  station_kind: ['站点类型', 'Kind of station: hub, town, community, point, mental_health, outpost'],
  station_status: ['站点状态', 'Lifecycle status: planned, operating, suspended, closed'],
  opened_on: ['启用日期', 'Day the station opened (YYYY-MM-DD)'],
  suspended_on: ['暂停日期', 'Day the current suspension began (YYYY-MM-DD)'],
  closed_on: ['撤销日期', 'Day the station closed (YYYY-MM-DD)'],
  demonstration: ['示范点', 'The station is a demonstration site (true)'],
  demonstration_level: ['示范点级别', 'Demonstration site level: national, provincial, city, county'],
  demonstration_year: ['示范点年度', 'Year the station became a demonstration site'],
  coord_confirmed: ['坐标已核实', 'The administrator confirmed unusual coordinates (true)'],
  override_reason: ['例外原因', 'Why a second operating town station in one town is allowed'],
  org_type: ['机构类型', 'Type of organization: agency, social_org, university, enterprise, charity, government'],
  org_domain: ['服务领域', 'A service domain of the organization (org_domain dictionary value)'],
  registration_authority: ['登记管理机关', 'Registration authority'],
  registered_on: ['登记日期', 'Day of registration (YYYY-MM-DD)'],
  org_address: ['机构地址', 'Address of the organization'],
  service_code: ['服务项目代码', 'Value of the station_service dictionary'],
} as const satisfies Record<string, readonly [string, string]>;

export type TermCode = keyof typeof TERMS;

export const termId = (code: TermCode) => derivedId('term', TAXONOMY, code);

export interface HsdsAttribute {
  id: string;
  link_id: string;
  link_entity: string;
  taxonomy_term_id: string;
  value: string;
  taxonomy_term: { id: string; code: string; name: string; description: string; taxonomy: string; language: string };
}

export function attribute(
  entity: 'organization' | 'location' | 'service',
  linkId: string,
  code: TermCode,
  value: string,
  n = 0,
): HsdsAttribute {
  const [name, description] = TERMS[code];
  return {
    id: derivedId(linkId, 'attribute', code, String(n)),
    link_id: linkId,
    link_entity: entity,
    taxonomy_term_id: termId(code),
    value,
    taxonomy_term: { id: termId(code), code, name, description, taxonomy: TAXONOMY, language: 'zh' },
  };
}

/** Attributes for the values that are set; a list gives one attribute per value. */
export function attributes(
  entity: 'organization' | 'location' | 'service',
  linkId: string,
  values: [TermCode, string | number | boolean | null | undefined | string[]][],
): HsdsAttribute[] {
  const out: HsdsAttribute[] = [];
  for (const [code, v] of values) {
    if (v == null || v === '' || v === false) continue;
    const list = Array.isArray(v) ? v : [String(v)];
    list.forEach((x, n) => {
      out.push(attribute(entity, linkId, code, x, n));
    });
  }
  return out;
}

interface AttributeLike {
  value?: unknown;
  taxonomy_term_id?: unknown;
  taxonomy_term?: { code?: unknown; taxonomy?: unknown };
}

/** The values of one of our terms on a record, each with the JSON path of its `value`. */
export function termValues(
  attrs: AttributeLike[] | undefined,
  base: string,
  code: TermCode,
): { value: string; path: string }[] {
  const out: { value: string; path: string }[] = [];
  (attrs ?? []).forEach((a, i) => {
    const ours =
      a.taxonomy_term_id === termId(code) ||
      (a.taxonomy_term?.code === code && (a.taxonomy_term.taxonomy ?? TAXONOMY) === TAXONOMY);
    if (ours && typeof a.value === 'string') out.push({ value: a.value, path: `${base}/attributes/${i}/value` });
  });
  return out;
}
