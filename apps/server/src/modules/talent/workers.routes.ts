import { zIdCard, zPageQuery, zPersonalPhone } from '@lianxin/shared';
import { z } from 'zod';
import { type App, versionFrom, zDay, zIdParam, zRegionCode } from '../../platform/http.ts';
import { CATEGORIES, LEVELS } from './talent.rules.ts';
import { addEmployment, assignToStation, endStationAssignment, recordDeparture } from './workers.history.ts';
import { createWorker, getWorker, listWorkersFor, revealWorkerField, updateWorker } from './workers.service.ts';

const zCategory = z.enum(CATEGORIES);
const zRef = z.object({ id: z.string(), name: z.string() });

export const zWorker = z.object({
  id: z.string(),
  name: z.string(),
  sex: z.string().describe('GB/T 2261.1 (sys_user_sex)'),
  birthDate: z
    .string()
    .nullable()
    .describe('only for a viewer who may reveal the ID number (pii:read, in scope); null otherwise'),
  birthYear: z.number().nullable(),
  idNumber: z.string().describe('masked'),
  phone: z.string().nullable().describe('masked'),
  education: z.string().nullable().describe('GB/T 4658 (talent_education)'),
  major: z.string(),
  category: zCategory,
  regionCode: z.string(),
  regionName: z.string(),
  organization: zRef.nullable(),
  jobTitle: z.string(),
  station: zRef.nullable().describe('current resident station (驻站)'),
  currentLevel: z.enum(LEVELS).nullable().describe('highest certificate valid today'),
  status: z.enum(['active', 'left']),
  joinedOn: z.string(),
  leftOn: z.string().nullable(),
  note: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  abilities: z.object({
    update: z.boolean(),
    editQualifications: z.boolean(),
    recordTraining: z.boolean(),
    revealIdNumber: z.boolean(),
    revealPhone: z.boolean(),
  }),
});

const zPeriod = { startedOn: z.string(), endedOn: z.string().nullable() };
const zWorkerDetail = zWorker.extend({
  employments: z.array(
    z.object({
      id: z.string(),
      regionCode: z.string(),
      regionName: z.string(),
      organization: zRef.nullable(),
      jobTitle: z.string(),
      ...zPeriod,
    }),
  ),
  stationAssignments: z.array(z.object({ id: z.string(), station: zRef, regionCode: z.string(), ...zPeriod })),
  positions: z.array(z.object({ id: z.string(), title: z.string(), ...zPeriod })),
});

const zFields = z.object({
  name: z.string().trim().min(1).max(40),
  sex: z.string().max(2).optional().describe('read from the ID number when left out'),
  birthDate: zDay.nullable().optional().describe('read from the ID number when left out'),
  idNumber: zIdCard,
  phone: zPersonalPhone.nullable().optional(),
  education: z.string().max(4).nullable().optional(),
  major: z.string().trim().max(60).optional(),
  category: zCategory,
  regionCode: zRegionCode,
  organizationId: z.uuid().nullable().optional(),
  jobTitle: z.string().trim().max(60).optional(),
  note: z.string().trim().max(500).optional(),
});

const access = { fixture: 'worker', param: 'id' } as const;
const tags = ['talent'];

export async function workerRoutes(app: App) {
  const { database, pii } = app.deps;
  const db = database.db;

  app.get('/workers', {
    config: { permission: 'talent:worker:list' },
    schema: {
      tags,
      querystring: zPageQuery.extend({
        q: z.string().trim().max(40).optional().describe('name'),
        idNumber: zIdCard.optional().describe('exact ID number'),
        category: zCategory.optional(),
        level: z
          .enum([...LEVELS, 'none'])
          .optional()
          .describe('current level; none = no valid certificate'),
        organizationId: z.uuid().optional(),
        stationId: z.uuid().optional().describe('resident at this station now'),
        regionCode: zRegionCode.optional(),
        status: z.enum(['active', 'left']).optional(),
      }),
      response: { 200: z.object({ rows: z.array(zWorker), total: z.number() }) },
    },
    handler: async (req) => listWorkersFor(db, req.ctx(), pii, req.query),
  });

  app.post('/workers', {
    config: { permission: 'talent:worker:create' },
    schema: {
      tags,
      description:
        'A person is registered once nationwide (matched by ID number); a duplicate answers 409 at idNumber.',
      body: zFields.extend({
        joinedOn: zDay.optional(),
        stationId: z.uuid().nullable().optional().describe('resident at this station from joinedOn'),
      }),
      response: { 201: zWorkerDetail },
    },
    handler: async (req, reply) => reply.code(201).send(await createWorker(db, req.ctx(), pii, req.body)),
  });

  app.get('/workers/:id', {
    config: { permission: 'talent:worker:list', access },
    schema: { tags, params: zIdParam, response: { 200: zWorkerDetail } },
    handler: async (req) => getWorker(db, req.ctx(), pii, req.params.id),
  });

  app.put('/workers/:id', {
    config: { permission: 'talent:worker:update', access },
    schema: {
      tags,
      description:
        'Corrects the record; fields left out keep their values. Region, organization and job title correct the current employment; a move is POST /workers/{id}/employments.',
      params: zIdParam,
      body: zFields.partial().extend({ version: z.number().int().optional() }),
      response: { 200: zWorkerDetail },
    },
    handler: async (req) =>
      updateWorker(db, req.ctx(), pii, req.params.id, {
        ...req.body,
        version: versionFrom(req.headers, req.body.version),
      }),
  });

  app.post('/workers/:id/employments', {
    config: { permission: 'talent:worker:update', access, idempotent: true },
    schema: {
      tags,
      description:
        'With endedOn: a past period for the history. Without: a move — open periods end the day before startedOn.',
      params: zIdParam,
      body: z.object({
        regionCode: zRegionCode,
        organizationId: z.uuid().nullable().optional(),
        jobTitle: z.string().trim().max(60).optional(),
        startedOn: zDay,
        endedOn: zDay.nullable().optional(),
      }),
      response: { 200: zWorkerDetail },
    },
    handler: async (req) => addEmployment(db, req.ctx(), pii, req.params.id, req.body),
  });

  app.post('/workers/:id/station-assignments', {
    config: { permission: 'talent:worker:update', access, idempotent: true },
    schema: {
      tags,
      description: '驻站社工: one station at a time; periods never overlap.',
      params: zIdParam,
      body: z.object({ stationId: z.uuid(), startedOn: zDay, endedOn: zDay.nullable().optional() }),
      response: { 200: zWorkerDetail },
    },
    handler: async (req) => assignToStation(db, req.ctx(), pii, req.params.id, req.body),
  });

  app.post('/workers/:id/station-assignments/end', {
    config: { permission: 'talent:worker:update', access, idempotent: false },
    schema: {
      tags,
      description: 'Ends the current resident assignment; endedOn is its last day.',
      params: zIdParam,
      body: z.object({ endedOn: zDay }),
      response: { 200: zWorkerDetail },
    },
    handler: async (req) => endStationAssignment(db, req.ctx(), pii, req.params.id, req.body.endedOn),
  });

  app.post('/workers/:id/departure', {
    config: { permission: 'talent:worker:update', access, idempotent: false },
    schema: {
      tags,
      description: 'The worker leaves the register; leftOn is their last day.',
      params: zIdParam,
      body: z.object({ leftOn: zDay, reason: z.string().trim().max(200).optional() }),
      response: { 200: zWorkerDetail },
    },
    handler: async (req) => recordDeparture(db, req.ctx(), pii, req.params.id, req.body),
  });

  app.post('/workers/:id/reveal', {
    config: { permission: 'pii:read', access, idempotent: false },
    schema: {
      tags,
      params: zIdParam,
      body: z.object({ field: z.enum(['idNumber', 'phone']) }),
      response: { 200: z.object({ value: z.string().nullable() }) },
    },
    handler: async (req) => revealWorkerField(db, req.ctx(), pii, req.params.id, req.body.field),
  });
}
