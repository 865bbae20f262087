import { zPageQuery } from '@lianxin/shared';
import { z } from 'zod';
import { type App, versionFrom, zDay, zIdParam, zRegionCode } from '../../platform/http.ts';
import { addDelivery, createPairing, getPairing, listPairingsFor, updatePairing } from './pairings.service.ts';

const zKind = z.enum(['region_region', 'org_community', 'school_org_community']);
const zAmounts = { supervisorsSent: z.number(), peopleTrained: z.number(), fundingFen: z.number().describe('分') };
const zParty = z.object({ id: z.string(), name: z.string() }).nullable();

export const zPairing = z.object({
  id: z.string(),
  kind: zKind,
  name: z.string(),
  regionCode: z.string().describe('the supported side'),
  regionName: z.string(),
  supporterRegionCode: z.string(),
  supporterRegionName: z.string(),
  organization: zParty,
  university: zParty,
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  planned: z.object(zAmounts),
  delivered: z.object({ ...zAmounts, deliveries: z.number() }),
  note: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  abilities: z.object({ edit: z.boolean() }),
});

const zPairingDetail = zPairing.extend({
  deliveries: z.array(
    z.object({
      id: z.string(),
      deliveredOn: z.string(),
      ...zAmounts,
      note: z.string(),
      actorName: z.string(),
      createdAt: z.string(),
    }),
  ),
});

const zCount = z.number().int().min(0).max(1_000_000);
const zFen = z.number().int().min(0).max(1e13).describe('分');

const zBody = z.object({
  kind: zKind,
  name: z.string().trim().min(1).max(100),
  regionCode: zRegionCode.describe('the supported region or community'),
  supporterRegionCode: zRegionCode.nullable().optional().describe('region_region only'),
  organizationId: z.uuid().nullable().optional(),
  universityId: z.uuid().nullable().optional().describe('school_org_community only'),
  startsOn: zDay,
  endsOn: zDay.nullable().optional(),
  supervisorsSent: zCount.optional(),
  peopleTrained: zCount.optional(),
  fundingFen: zFen.optional(),
  note: z.string().trim().max(500).optional(),
});

const access = { fixture: 'pairing', param: 'id' } as const;
const tags = ['pairings'];

export async function pairingRoutes(app: App) {
  const db = app.deps.database.db;

  app.get('/pairings', {
    config: { permission: 'network:pairing:list' },
    schema: {
      tags,
      description: "Pairings with either side in the caller's scope.",
      querystring: zPageQuery.extend({
        kind: zKind.optional(),
        regionCode: zRegionCode.optional(),
        q: z.string().trim().max(50).optional(),
      }),
      response: { 200: z.object({ rows: z.array(zPairing), total: z.number() }) },
    },
    handler: async (req) => listPairingsFor(db, req.ctx(), req.query),
  });

  app.post('/pairings', {
    config: { permission: 'network:pairing:edit' },
    schema: { tags, body: zBody, response: { 201: zPairingDetail } },
    handler: async (req, reply) => reply.code(201).send(await createPairing(db, req.ctx(), req.body)),
  });

  app.get('/pairings/:id', {
    config: { permission: 'network:pairing:list', access },
    schema: { tags, params: zIdParam, response: { 200: zPairingDetail } },
    handler: async (req) => getPairing(db, req.ctx(), req.params.id),
  });

  app.put('/pairings/:id', {
    config: { permission: 'network:pairing:edit', access },
    schema: {
      tags,
      description: 'Fields left out keep their values.',
      params: zIdParam,
      body: zBody.extend({ version: z.number().int().optional() }),
      response: { 200: zPairingDetail },
    },
    handler: async (req) =>
      updatePairing(db, req.ctx(), req.params.id, { ...req.body, version: versionFrom(req.headers, req.body.version) }),
  });

  app.post('/pairings/:id/deliveries', {
    config: { permission: 'network:pairing:edit', access },
    schema: {
      tags,
      params: zIdParam,
      body: z.object({
        deliveredOn: zDay,
        supervisorsSent: zCount.optional(),
        peopleTrained: zCount.optional(),
        fundingFen: zFen.optional(),
        note: z.string().trim().max(500).optional(),
      }),
      response: { 201: zPairingDetail },
    },
    handler: async (req, reply) => reply.code(201).send(await addDelivery(db, req.ctx(), req.params.id, req.body)),
  });
}
