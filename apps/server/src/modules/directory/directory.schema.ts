import { readdirSync, readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { FieldError } from '../../platform/errors.ts';

/** The four arrays of an HSDS exchange document; each item must satisfy the standard's schema for its record. */
export const HSDS_ARRAYS = ['organizations', 'services', 'locations', 'service_at_locations'] as const;
export type HsdsArray = (typeof HSDS_ARRAYS)[number];

export const HSDS_VERSION = '3.0' as const;
export const MAX_RECORDS = 20000;
/** A file broken throughout would list an error per field; the first thousand are enough to act on. */
export const MAX_ERRORS = 1000;

/**
 * The standard's modular schemas name each other by file ("schedule.json"); added under one base
 * (the address the standard publishes them at, never fetched) those relative $refs resolve.
 */
const BASE = 'https://raw.githubusercontent.com/openreferral/specification/3.0/schema/';
const VENDORED = new URL('./hsds-3.0/', import.meta.url);

function vendoredSchemas(): [file: string, schema: Record<string, unknown>][] {
  return readdirSync(VENDORED)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f, JSON.parse(readFileSync(new URL(f, VENDORED), 'utf8'))]);
}

/** Our envelope around the four arrays; the items themselves are checked against the standard. */
const ENVELOPE = {
  type: 'object',
  required: ['hsds_version', ...HSDS_ARRAYS],
  properties: {
    hsds_version: { type: 'string', const: HSDS_VERSION },
    generator: { type: 'string' },
    generated_at: { type: 'string', format: 'date-time' },
    region_scopes: { type: 'array', items: { type: 'string' } },
    ...Object.fromEntries(
      HSDS_ARRAYS.map((k) => [k, { type: 'array', maxItems: MAX_RECORDS, items: { type: 'object' } }]),
    ),
  },
};

type Validators = { envelope: ValidateFunction } & Record<HsdsArray, ValidateFunction>;
let compiled: Validators | undefined;

const ref = (file: string) => ({ $ref: `${BASE}${file}` });

/**
 * What each array's items must satisfy. The compiled schemas (what the standard calls the
 * validation of a record) add one property the modular files leave out: an organization's
 * `services` and a service at location's `service`. Without them a document whose nested
 * services break the standard would pass here and fail the compiled schemas, so they are added
 * back. (The compiled nested `service` stops before `service_at_locations`; ours checks those too,
 * which can only reject a document that nests a service at location inside itself twice.)
 */
const ITEMS: Record<HsdsArray, object> = {
  organizations: {
    allOf: [ref('organization.json')],
    properties: { services: { type: 'array', items: ref('service.json') } },
  },
  services: ref('service.json'),
  locations: ref('location.json'),
  service_at_locations: { allOf: [ref('service_at_location.json')], properties: { service: ref('service.json') } },
};

/**
 * Compiled once, on first use, and kept: the validators are pure functions of the vendored files.
 * The schemas carry table-schema keywords (`constraints`, `core`, …): strict mode is off.
 */
function validators(): Validators {
  if (compiled) return compiled;
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  for (const [file, schema] of vendoredSchemas()) ajv.addSchema(schema, `${BASE}${file}`);
  compiled = {
    envelope: ajv.compile(ENVELOPE),
    ...(Object.fromEntries(HSDS_ARRAYS.map((k) => [k, ajv.compile(ITEMS[k])])) as Record<HsdsArray, ValidateFunction>),
  };
  return compiled;
}

function readable(e: ErrorObject): string {
  switch (e.keyword) {
    case 'required':
      return `must have required property '${(e.params as { missingProperty: string }).missingProperty}'`;
    case 'enum':
      return `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'additionalProperties':
      return `must not have property '${(e.params as { additionalProperty: string }).additionalProperty}'`;
    default:
      return e.message ?? e.keyword;
  }
}

/** Where a required property is missing, the path names the property itself, as a form would. */
function pathOf(prefix: string, e: ErrorObject): string {
  const missing = e.keyword === 'required' ? `/${(e.params as { missingProperty: string }).missingProperty}` : '';
  return `${prefix}${e.instancePath}${missing}`;
}

function toFieldErrors(prefix: string, errors: ErrorObject[] | null | undefined): FieldError[] {
  return (errors ?? []).map((e) => ({ path: pathOf(prefix, e), message: readable(e) }));
}

/**
 * Checks a document's shape: the envelope, then every item of the four arrays against the
 * standard's schema for its record. Returns every error with its JSON pointer (`/locations/3/latitude`).
 */
export function schemaErrors(doc: unknown): FieldError[] {
  const v = validators();
  if (!v.envelope(doc)) return toFieldErrors('', v.envelope.errors);
  const errors: FieldError[] = [];
  const body = doc as Record<HsdsArray, unknown[]>;
  for (const key of HSDS_ARRAYS) {
    for (const [i, item] of body[key].entries()) {
      if (!v[key](item)) errors.push(...toFieldErrors(`/${key}/${i}`, v[key].errors));
      if (errors.length >= MAX_ERRORS) return errors.slice(0, MAX_ERRORS);
    }
  }
  return errors;
}
