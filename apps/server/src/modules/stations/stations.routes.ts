import { zPageQuery, zPhone } from '@lianxin/shared';
import { z } from 'zod';
import { type App, versionFrom, zDay, zIdParam, zRegionCode } from '../../platform/http.ts';
import { changeStationStatus } from './stations.lifecycle.ts';
import { STATION_KINDS, STATION_STATUSES } from './stations.rules.ts';
import { createStation, getStation, listStationsFor, updateStation } from './stations.service.ts';

const zKind = z.enum(STATION_KINDS);
const zStatus = z.enum(STATION_STATUSES);
const zDemonstrationLevel = z.enum(['national', 'provincial', 'city', 'county']);

export const zStation = z.object({
  id: z.string(),
  kind: zKind,
  regionCode: z.string(),
  regionName: z.string(),
  regionPath: z.string().describe('region names from the province down'),
  name: z.string(),
  organization: z.object({ id: z.string(), name: z.string() }).nullable(),
  address: z.string(),
  lng: z.number().nullable().describe('WGS-84'),
  lat: z.number().nullable().describe('WGS-84'),
  openingHours: z.string(),
  phone: z.string(),
  services: z.array(z.string()).describe('station_service dictionary values'),
  status: zStatus,
  openedOn: z.string().nullable(),
  suspendedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  demonstration: z.boolean(),
  demonstrationLevel: zDemonstrationLevel.nullable(),
  demonstrationYear: z.number().nullable(),
  hidden: z.boolean(),
  coordConfirmed: z.boolean(),
  needsReview: z.boolean(),
  coordReview: z.enum(['outside_china', 'far_from_region']).nullable(),
  overrideReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  abilities: z.object({ update: z.boolean(), lifecycle: z.boolean() }),
});

const zStationDetail = zStation.extend({
  history: z.array(
    z.object({
      fromStatus: zStatus.nullable(),
      toStatus: zStatus,
      on: z.string(),
      reason: z.string(),
      overrideReason: z.string().nullable(),
      actorName: z.string(),
      at: z.string(),
    }),
  ),
});

const zFields = z.object({
  kind: zKind,
  regionCode: zRegionCode,
  name: z.string().trim().min(1).max(80),
  organizationId: z.uuid().nullable().optional(),
  address: z.string().trim().max(200).optional(),
  lng: z.number().min(-180).max(180).nullable().optional(),
  lat: z.number().min(-90).max(90).nullable().optional(),
  openingHours: z.string().trim().max(200).optional(),
  phone: zPhone.nullable().optional(),
  services: z.array(z.string().max(40)).max(30).optional(),
  demonstration: z.boolean().optional(),
  demonstrationLevel: zDemonstrationLevel.nullable().optional(),
  demonstrationYear: z.number().int().min(2000).max(2100).nullable().optional(),
  hidden: z.boolean().optional(),
  coordConfirmed: z
    .boolean()
    .optional()
    .describe("accept coordinates outside China or far from the region's other stations"),
  overrideReason: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('why a second operating town station in the town is allowed'),
});

/** A point needs both halves; one alone is a typing slip, not a location. */
const bothOrNeither = (b: { lng?: number | null; lat?: number | null }) => (b.lng == null) === (b.lat == null);
const pairIssue = { path: ['lat'], message: 'validation.station.coordPair' };

const access = { fixture: 'station', param: 'id' } as const;
const tags = ['stations'];

export async function stationRoutes(app: App) {
  const { database, params } = app.deps;
  const db = database.db;

  app.get('/stations', {
    config: { permission: 'network:station:list' },
    schema: {
      tags,
      querystring: zPageQuery.extend({
        kind: zKind.optional(),
        status: zStatus.optional(),
        service: z.string().max(40).optional(),
        regionCode: zRegionCode.optional(),
        organizationId: z.uuid().optional(),
        q: z.string().trim().max(50).optional().describe('name or address'),
        needsReview: z
          .enum(['true', 'false'])
          .transform((v) => v === 'true')
          .optional()
          .describe('confirmed coordinates that look wrong'),
      }),
      response: { 200: z.object({ rows: z.array(zStation), total: z.number() }) },
    },
    handler: async (req) => listStationsFor(db, req.ctx(), req.query),
  });

  app.post('/stations', {
    config: { permission: 'network:station:create' },
    schema: {
      tags,
      body: zFields
        .extend({ status: z.enum(['planned', 'operating']).optional(), openedOn: zDay.nullable().optional() })
        .refine(bothOrNeither, pairIssue),
      response: { 201: zStationDetail },
    },
    handler: async (req, reply) => reply.code(201).send(await createStation(db, req.ctx(), params, req.body)),
  });

  app.get('/stations/:id', {
    config: { permission: 'network:station:list', access },
    schema: { tags, params: zIdParam, response: { 200: zStationDetail } },
    handler: async (req) => getStation(db, req.ctx(), req.params.id),
  });

  app.put('/stations/:id', {
    config: { permission: 'network:station:update', access },
    schema: {
      tags,
      description: 'Fields left out keep their values. The status changes through POST /stations/{id}/status.',
      params: zIdParam,
      body: zFields
        .extend({
          openedOn: zDay.nullable().optional(),
          suspendedOn: zDay.nullable().optional(),
          closedOn: zDay.nullable().optional(),
          version: z.number().int().optional(),
        })
        .refine(bothOrNeither, pairIssue),
      response: { 200: zStationDetail },
    },
    handler: async (req) =>
      updateStation(db, req.ctx(), params, req.params.id, {
        ...req.body,
        version: versionFrom(req.headers, req.body.version),
      }),
  });

  app.post('/stations/:id/status', {
    config: { permission: 'network:station:lifecycle', access, idempotent: false },
    schema: {
      tags,
      description: '筹建 planned → 运营 operating → 暂停 suspended ⇄ 运营 → 撤销 closed; recorded in the history.',
      params: zIdParam,
      body: z.object({
        status: z.enum(['operating', 'suspended', 'closed']),
        on: zDay,
        reason: z.string().trim().max(200).optional(),
        overrideReason: z.string().trim().min(1).max(200).optional(),
        version: z.number().int().optional(),
      }),
      response: { 200: zStationDetail },
    },
    handler: async (req) =>
      changeStationStatus(db, req.ctx(), req.params.id, {
        ...req.body,
        version: versionFrom(req.headers, req.body.version),
      }),
  });
}
