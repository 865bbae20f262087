import { zPageQuery, zPersonalPhone, zUscc } from '@lianxin/shared';
import { z } from 'zod';
import { type App, versionFrom, zDay, zIdParam, zRegionCode } from '../../platform/http.ts';
import {
  createOrganization,
  getOrganization,
  listOrganizationsFor,
  revealOrganizationField,
  updateOrganization,
} from './organizations.service.ts';

const zType = z.enum(['agency', 'social_org', 'university', 'enterprise', 'charity', 'government']);

export const zOrganization = z.object({
  id: z.string(),
  type: zType,
  name: z.string(),
  creditCode: z.string().nullable(),
  registrationAuthority: z.string(),
  registeredOn: z.string().nullable(),
  domains: z.array(z.string()),
  contactName: z.string(),
  contactPhone: z.string().nullable().describe('masked'),
  address: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  stationCount: z.number().describe("stations in the viewer's scope that the organization operates"),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  abilities: z.object({ update: z.boolean(), revealPhone: z.boolean() }),
});

const zBody = z.object({
  type: zType,
  name: z.string().trim().min(1).max(100),
  creditCode: zUscc.nullable().optional(),
  registrationAuthority: z.string().trim().max(100).optional(),
  registeredOn: zDay.nullable().optional(),
  domains: z.array(z.string().max(40)).max(20).optional(),
  contactName: z.string().trim().max(40).optional(),
  contactPhone: zPersonalPhone.nullable().optional(),
  address: z.string().trim().max(200).optional(),
  regionCode: zRegionCode,
});

const access = { fixture: 'organization', param: 'id' } as const;
const tags = ['organizations'];

export async function organizationRoutes(app: App) {
  const { database, pii } = app.deps;
  const db = database.db;

  app.get('/organizations', {
    config: { permission: 'network:org:list' },
    schema: {
      tags,
      description: "Organizations registered in the caller's scope or above it (a city agency is visible to a town).",
      querystring: zPageQuery.extend({
        q: z.string().trim().max(50).optional(),
        type: zType.optional(),
        domain: z.string().max(40).optional(),
        regionCode: zRegionCode.optional(),
      }),
      response: { 200: z.object({ rows: z.array(zOrganization), total: z.number() }) },
    },
    handler: async (req) => listOrganizationsFor(db, req.ctx(), pii, req.query),
  });

  app.post('/organizations', {
    config: { permission: 'network:org:create' },
    schema: { tags, body: zBody, response: { 201: zOrganization } },
    handler: async (req, reply) => reply.code(201).send(await createOrganization(db, req.ctx(), pii, req.body)),
  });

  app.get('/organizations/:id', {
    config: { permission: 'network:org:list', access },
    schema: { tags, params: zIdParam, response: { 200: zOrganization } },
    handler: async (req) => getOrganization(db, req.ctx(), pii, req.params.id),
  });

  app.put('/organizations/:id', {
    config: { permission: 'network:org:update', access },
    schema: {
      tags,
      description: 'Fields left out keep their values; contactPhone null removes the number.',
      params: zIdParam,
      body: zBody.extend({ version: z.number().int().optional() }),
      response: { 200: zOrganization },
    },
    handler: async (req) =>
      updateOrganization(db, req.ctx(), pii, req.params.id, {
        ...req.body,
        version: versionFrom(req.headers, req.body.version),
      }),
  });

  app.post('/organizations/:id/reveal', {
    config: { permission: 'pii:read', access, idempotent: false },
    schema: {
      tags,
      params: zIdParam,
      body: z.object({ field: z.enum(['contactPhone']) }),
      response: { 200: z.object({ value: z.string().nullable() }) },
    },
    handler: async (req) => revealOrganizationField(db, req.ctx(), pii, req.params.id, req.body.field),
  });
}
