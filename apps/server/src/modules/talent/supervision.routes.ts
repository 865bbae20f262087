import { zPageQuery } from '@lianxin/shared';
import { z } from 'zod';
import { type App, versionFrom, zDay, zIdParam, zRegionCode } from '../../platform/http.ts';
import { createSession, getSession, listSessionsFor, updateSession } from './supervision.service.ts';
import { SUPERVISION_MODES } from './talent.rules.ts';

const zMode = z.enum(SUPERVISION_MODES);
const zRef = z.object({ id: z.string(), name: z.string() });

const zSession = z.object({
  id: z.string(),
  regionCode: z.string().describe('where it was held'),
  regionName: z.string(),
  supervisor: z.object({ id: z.string().nullable().describe('null: an outside supervisor'), name: z.string() }),
  station: zRef.nullable(),
  heldOn: z.string(),
  hours: z.number(),
  mode: zMode,
  topics: z.array(z.string()),
  notes: z.string(),
  supervisees: z.array(zRef),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  abilities: z.object({ update: z.boolean() }),
});

const zFields = z.object({
  regionCode: zRegionCode
    .optional()
    .describe("default: the station's region, else the supervisor's, else the first supervisee's"),
  supervisorId: z.uuid().nullable().optional(),
  supervisorName: z.string().trim().max(40).optional().describe('required for an outside supervisor'),
  stationId: z.uuid().nullable().optional(),
  heldOn: zDay,
  hours: z.number(),
  mode: zMode,
  topics: z.array(z.string().trim().max(60)).max(20).optional(),
  notes: z.string().trim().max(2000).optional(),
  superviseeIds: z.array(z.uuid()).max(200),
});

const access = { fixture: 'supervisionSession', param: 'id' } as const;
const tags = ['talent'];

export async function supervisionRoutes(app: App) {
  const db = app.deps.database.db;

  app.get('/supervision-sessions', {
    config: { permission: 'talent:supervision:list' },
    schema: {
      tags,
      querystring: zPageQuery.extend({
        from: zDay.optional(),
        to: zDay.optional(),
        mode: zMode.optional(),
        supervisorId: z.uuid().optional(),
        workerId: z.uuid().optional().describe('sessions this worker attended as a supervisee'),
        stationId: z.uuid().optional(),
        regionCode: zRegionCode.optional(),
      }),
      response: { 200: z.object({ rows: z.array(zSession), total: z.number() }) },
    },
    handler: async (req) => listSessionsFor(db, req.ctx(), req.query),
  });

  app.post('/supervision-sessions', {
    config: { permission: 'talent:supervision:edit' },
    schema: {
      tags,
      description: 'Supervisor and supervisees differ; individual supervision has one supervisee; hours > 0 and ≤ 24.',
      body: zFields,
      response: { 201: zSession },
    },
    handler: async (req, reply) => reply.code(201).send(await createSession(db, req.ctx(), req.body)),
  });

  app.get('/supervision-sessions/:id', {
    config: { permission: 'talent:supervision:list', access },
    schema: { tags, params: zIdParam, response: { 200: zSession } },
    handler: async (req) => getSession(db, req.ctx(), req.params.id),
  });

  app.put('/supervision-sessions/:id', {
    config: { permission: 'talent:supervision:edit', access },
    schema: {
      tags,
      description: 'Fields left out keep their values; superviseeIds replaces the list.',
      params: zIdParam,
      body: zFields.partial().extend({ version: z.number().int().optional() }),
      response: { 200: zSession },
    },
    handler: async (req) =>
      updateSession(db, req.ctx(), req.params.id, { ...req.body, version: versionFrom(req.headers, req.body.version) }),
  });
}
