import { zPageQuery } from '@lianxin/shared';
import { z } from 'zod';
import { type App, versionFrom, zDay, zIdParam, zRegionCode } from '../../platform/http.ts';
import {
  createDeadline,
  deleteDeadline,
  getDeadline,
  listDeadlinesFor,
  updateDeadline,
} from './coverage-deadlines.service.ts';
import { getCoverage } from './coverage.service.ts';

const zFigures = {
  towns: z.number(),
  townsCovered: z.number().describe('towns with an operating town station'),
  townRatio: z.number().nullable(),
  villages: z.number(),
  villagesWithRoom: z.number().describe('villages with an operating community room'),
  villageRatio: z.number().nullable(),
};

const zDeadlineKind = z.enum(['town_station', 'community_room']);
const zDeadline = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  kind: zDeadlineKind,
  dueOn: z.string(),
  note: z.string(),
  covered: z.number(),
  total: z.number(),
  ratio: z.number().nullable(),
  daysLeft: z.number().describe('negative once overdue'),
  status: z.enum(['met', 'pending', 'at_risk', 'missed']).describe('at_risk: due within 90 days and not met'),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  abilities: z.object({ edit: z.boolean() }),
});
const zDeadlineBody = z.object({
  regionCode: zRegionCode,
  kind: zDeadlineKind,
  dueOn: zDay,
  note: z.string().trim().max(200).optional(),
});

const tags = ['coverage'];
const access = { fixture: 'deadline', param: 'id' } as const;

export async function coverageRoutes(app: App) {
  const db = app.deps.database.db;

  app.get('/coverage/:regionCode', {
    config: { permission: 'network:coverage:list', access: { fixture: 'region', param: 'regionCode' } },
    schema: {
      tags,
      description:
        "Coverage of a region ('root': the whole country) and of each child region; a county also lists its uncovered towns.",
      params: z.object({ regionCode: z.string().max(12) }),
      response: {
        200: z.object({
          region: z.object({ code: z.string(), name: z.string(), level: z.number(), ...zFigures }),
          children: z.array(
            z.object({ code: z.string(), name: z.string(), level: z.number(), kind: z.string(), ...zFigures }),
          ),
          uncoveredTowns: z.array(z.object({ code: z.string(), name: z.string() })),
        }),
      },
    },
    handler: async (req) => getCoverage(db, req.ctx(), req.params.regionCode),
  });

  app.get('/coverage-deadlines', {
    config: { permission: 'network:coverage:list' },
    schema: {
      tags,
      querystring: zPageQuery.extend({ regionCode: zRegionCode.optional(), kind: zDeadlineKind.optional() }),
      response: { 200: z.object({ rows: z.array(zDeadline), total: z.number() }) },
    },
    handler: async (req) => listDeadlinesFor(db, req.ctx(), req.query),
  });

  app.post('/coverage-deadlines', {
    config: { permission: 'network:deadline:edit' },
    schema: { tags, body: zDeadlineBody, response: { 201: zDeadline } },
    handler: async (req, reply) => reply.code(201).send(await createDeadline(db, req.ctx(), req.body)),
  });

  app.get('/coverage-deadlines/:id', {
    config: { permission: 'network:coverage:list', access },
    schema: { tags, params: zIdParam, response: { 200: zDeadline } },
    handler: async (req) => getDeadline(db, req.ctx(), req.params.id),
  });

  app.put('/coverage-deadlines/:id', {
    config: { permission: 'network:deadline:edit', access },
    schema: {
      tags,
      params: zIdParam,
      body: zDeadlineBody.extend({ version: z.number().int().optional() }),
      response: { 200: zDeadline },
    },
    handler: async (req) =>
      updateDeadline(db, req.ctx(), req.params.id, {
        ...req.body,
        version: versionFrom(req.headers, req.body.version),
      }),
  });

  app.delete('/coverage-deadlines/:id', {
    config: { permission: 'network:deadline:edit', access },
    schema: { tags, params: zIdParam, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await deleteDeadline(db, req.ctx(), req.params.id);
      return reply.code(204).send(null);
    },
  });
}
