import { describe, expect, it } from 'vitest';
import { schemaErrors } from './directory.schema.ts';

const ID = '3a19ff88-4620-4d17-9830-ac1d859eb5d5';
const doc = (arrays: Record<string, unknown[]>) => ({
  hsds_version: '3.0',
  organizations: [],
  services: [],
  locations: [],
  service_at_locations: [],
  ...arrays,
});
const paths = (d: unknown) => schemaErrors(d).map((e) => e.path);

/**
 * The compiled schemas check what the modular files leave out: services nested in an
 * organization and the service nested in a service at location. So does the import.
 */
describe('HSDS item schemas', () => {
  it('check the services nested in an organization', () => {
    const org = {
      id: ID,
      name: '启航社工',
      description: '社会工作服务机构',
      services: [{ id: ID, name: '长者服务', status: 'bogus' }],
    };
    expect(paths(doc({ organizations: [org] }))).toEqual(['/organizations/0/services/0/status']);
  });

  it('check the service nested in a service at location, and the location', () => {
    const sal = {
      id: ID,
      service: { id: ID, status: 'active' },
      location: { id: ID, location_type: 'physical', latitude: '北纬' },
    };
    expect(paths(doc({ service_at_locations: [sal] })).sort()).toEqual([
      '/service_at_locations/0/location/latitude',
      '/service_at_locations/0/service/name',
    ]);
  });

  it('follow references across files down to a schedule of a location', () => {
    const loc = { id: ID, location_type: 'physical', schedules: [{ id: ID, freq: 'HOURLY' }] };
    expect(schemaErrors(doc({ locations: [loc] }))).toEqual([
      { path: '/locations/0/schedules/0/freq', message: 'must be one of "WEEKLY", "MONTHLY"' },
    ]);
  });
});
