import { z } from 'zod';
import { type App, versionFrom, zDay, zIdParam } from '../../platform/http.ts';
import { LEVELS } from './talent.rules.ts';
import { addTraining, getTrainings, updateTraining } from './trainings.service.ts';

const zTrainings = z.object({
  rows: z.array(
    z.object({
      id: z.string(),
      course: z.string(),
      provider: z.string(),
      providerOrganizationId: z.string().nullable(),
      startedOn: z.string(),
      endedOn: z.string(),
      hours: z.number(),
      credits: z.number().nullable(),
      certificateNo: z.string(),
      note: z.string(),
      version: z.number(),
    }),
  ),
  hoursByYear: z
    .array(
      z.object({
        year: z.number(),
        training: z.number(),
        supervision: z.number(),
        total: z.number(),
        level: z.enum(LEVELS).nullable(),
        required: z.number().nullable(),
      }),
    )
    .describe("continuing-education hours against the requirement of the level held at the year's end"),
});

const zFields = z.object({
  course: z.string().trim().min(1).max(100),
  provider: z.string().trim().max(100).optional(),
  providerOrganizationId: z.uuid().nullable().optional(),
  startedOn: zDay,
  endedOn: zDay.optional().describe('default: the start day'),
  hours: z.number().describe('kept to one decimal'),
  credits: z.number().min(0).max(1000).nullable().optional(),
  certificateNo: z.string().trim().max(60).optional(),
  note: z.string().trim().max(500).optional(),
});

const tags = ['talent'];

export async function trainingRoutes(app: App) {
  const { database, params } = app.deps;
  const db = database.db;

  app.get('/workers/:id/trainings', {
    config: { permission: 'talent:worker:list', access: { fixture: 'worker', param: 'id' } },
    schema: { tags, params: zIdParam, response: { 200: zTrainings } },
    handler: async (req) => getTrainings(db, req.ctx(), params, req.params.id),
  });

  app.post('/workers/:id/trainings', {
    config: { permission: 'talent:training:edit', access: { fixture: 'worker', param: 'id' } },
    schema: {
      tags,
      description: 'Hours: more than 0 and at most 24 for each day of the course.',
      params: zIdParam,
      body: zFields,
      response: { 201: zTrainings },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await addTraining(db, req.ctx(), params, req.params.id, req.body)),
  });

  app.put('/trainings/:id', {
    config: { permission: 'talent:training:edit', access: { fixture: 'training', param: 'id' } },
    schema: {
      tags,
      description: "Fields left out keep their values; answers the worker's trainings.",
      params: zIdParam,
      body: zFields.partial().extend({ version: z.number().int().optional() }),
      response: { 200: zTrainings },
    },
    handler: async (req) =>
      updateTraining(db, req.ctx(), params, req.params.id, {
        ...req.body,
        version: versionFrom(req.headers, req.body.version),
      }),
  });
}
