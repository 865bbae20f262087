import { zPageQuery } from '@lianxin/shared';
import { z } from 'zod';
import { type App, versionFrom, zDay, zIdParam, zRegionCode } from '../../platform/http.ts';
import {
  createPosition,
  getPosition,
  listPositionsFor,
  setPositionHolder,
  updatePosition,
} from './positions.service.ts';

const zRef = z.object({ id: z.string(), name: z.string() });
const zBool = z.enum(['true', 'false']).transform((v) => v === 'true');

const zPosition = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  organization: zRef.nullable(),
  station: zRef.nullable(),
  title: z.string(),
  level: z.string().describe('position_level dictionary'),
  fundedBy: z.string().describe('position_funder dictionary'),
  fundingNote: z.string(),
  establishedOn: z.string(),
  abolishedOn: z.string().nullable(),
  note: z.string(),
  filled: z.boolean(),
  holder: z.object({ id: z.string(), name: z.string(), startedOn: z.string() }).nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  abilities: z.object({ update: z.boolean() }),
});

const zPositionDetail = zPosition.extend({
  holders: z.array(
    z.object({ id: z.string(), name: z.string(), startedOn: z.string(), endedOn: z.string().nullable() }),
  ),
});

const zFields = z.object({
  regionCode: zRegionCode.optional().describe("default: the station's region, else the organization's"),
  organizationId: z.uuid().nullable().optional(),
  stationId: z.uuid().nullable().optional(),
  title: z.string().trim().min(1).max(60),
  level: z.string().max(20),
  fundedBy: z.string().max(20),
  fundingNote: z.string().trim().max(200).optional(),
  establishedOn: zDay,
  note: z.string().trim().max(500).optional(),
});

const access = { fixture: 'position', param: 'id' } as const;
const tags = ['talent'];

export async function positionRoutes(app: App) {
  const db = app.deps.database.db;

  app.get('/positions', {
    config: { permission: 'talent:position:list' },
    schema: {
      tags,
      querystring: zPageQuery.extend({
        regionCode: zRegionCode.optional(),
        organizationId: z.uuid().optional(),
        stationId: z.uuid().optional(),
        level: z.string().max(20).optional(),
        fundedBy: z.string().max(20).optional(),
        filled: zBool.optional(),
        abolished: zBool.optional().describe('true: only abolished posts (left out otherwise)'),
      }),
      response: { 200: z.object({ rows: z.array(zPosition), total: z.number() }) },
    },
    handler: async (req) => listPositionsFor(db, req.ctx(), req.query),
  });

  app.post('/positions', {
    config: { permission: 'talent:position:edit' },
    schema: { tags, body: zFields, response: { 201: zPositionDetail } },
    handler: async (req, reply) => reply.code(201).send(await createPosition(db, req.ctx(), req.body)),
  });

  app.get('/positions/:id', {
    config: { permission: 'talent:position:list', access },
    schema: { tags, params: zIdParam, response: { 200: zPositionDetail } },
    handler: async (req) => getPosition(db, req.ctx(), req.params.id),
  });

  app.put('/positions/:id', {
    config: { permission: 'talent:position:edit', access },
    schema: {
      tags,
      description: 'Fields left out keep their values; abolishedOn abolishes the post (vacate it first).',
      params: zIdParam,
      body: zFields.partial().extend({ abolishedOn: zDay.nullable().optional(), version: z.number().int().optional() }),
      response: { 200: zPositionDetail },
    },
    handler: async (req) =>
      updatePosition(db, req.ctx(), req.params.id, {
        ...req.body,
        version: versionFrom(req.headers, req.body.version),
      }),
  });

  app.post('/positions/:id/holder', {
    config: { permission: 'talent:position:edit', access, idempotent: true },
    schema: {
      tags,
      description:
        "workerId: fills the post from `on` (the current holder ends the day before). null: vacates it, `on` being the holder's last day.",
      params: zIdParam,
      body: z.object({ workerId: z.uuid().nullable(), on: zDay }),
      response: { 200: zPositionDetail },
    },
    handler: async (req) => setPositionHolder(db, req.ctx(), req.params.id, req.body),
  });
}
