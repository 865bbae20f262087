import { zPageQuery } from '@lianxin/shared';
import { z } from 'zod';
import { type App, versionFrom, zDay, zIdParam, zRegionCode } from '../../platform/http.ts';
import { createExamRegistration, getExamRegistration, listExamsFor, updateExamRegistration } from './exams.service.ts';
import { EXAM_RESULTS, LEVELS } from './talent.rules.ts';

const zLevel = z.enum(LEVELS);
const zResult = z.enum(EXAM_RESULTS);
const zRef = z.object({ id: z.string(), name: z.string() });

const zExam = z.object({
  id: z.string(),
  worker: zRef,
  regionCode: z.string().describe('where the person registered'),
  regionName: z.string(),
  year: z.number(),
  level: zLevel,
  registeredOn: z.string().nullable(),
  result: zResult,
  resultOn: z.string().nullable(),
  subjectsPassed: z.array(z.string()).describe('exam_subject dictionary values'),
  sponsor: zRef.nullable(),
  reimbursedItems: z.array(z.string()).describe('exam_reimbursed_item dictionary values'),
  reimbursedFen: z.number().describe('分'),
  note: z.string(),
  certificate: z
    .object({ id: z.string(), certificateNo: z.string().nullable(), numberPending: z.boolean() })
    .nullable()
    .describe('created by a pass'),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  abilities: z.object({ update: z.boolean() }),
});

const zEditable = z.object({
  registeredOn: zDay.nullable().optional(),
  result: zResult.optional(),
  resultOn: zDay.nullable().optional().describe('the day results were published; required once the result is known'),
  subjectsPassed: z.array(z.string().max(40)).max(5).optional().describe('left out with a pass: all subjects'),
  sponsorOrganizationId: z.uuid().nullable().optional(),
  reimbursedItems: z.array(z.string().max(40)).max(10).optional(),
  reimbursedFen: z.number().int().min(0).max(100_000_000).optional(),
  note: z.string().trim().max(500).optional(),
});

const access = { fixture: 'examRegistration', param: 'id' } as const;
const tags = ['talent'];

export async function examRoutes(app: App) {
  const db = app.deps.database.db;

  app.get('/exam-registrations', {
    config: { permission: 'talent:exam:list' },
    schema: {
      tags,
      querystring: zPageQuery.extend({
        year: z.coerce.number().int().min(2008).max(2100).optional(),
        level: zLevel.optional(),
        result: zResult.optional(),
        regionCode: zRegionCode.optional(),
        workerId: z.uuid().optional(),
        sponsorOrganizationId: z.uuid().optional(),
      }),
      response: { 200: z.object({ rows: z.array(zExam), total: z.number() }) },
    },
    handler: async (req) => listExamsFor(db, req.ctx(), req.query),
  });

  app.post('/exam-registrations', {
    config: { permission: 'talent:exam:edit' },
    schema: {
      tags,
      description:
        'One registration per person, year and level (409 at level). A pass creates the certificate with its number pending.',
      body: zEditable.extend({
        workerId: z.uuid(),
        year: z.number().int().min(2008).max(2100),
        level: zLevel,
        regionCode: zRegionCode.optional().describe("default: the worker's region"),
      }),
      response: { 201: zExam },
    },
    handler: async (req, reply) => reply.code(201).send(await createExamRegistration(db, req.ctx(), req.body)),
  });

  app.get('/exam-registrations/:id', {
    config: { permission: 'talent:exam:list', access },
    schema: { tags, params: zIdParam, response: { 200: zExam } },
    handler: async (req) => getExamRegistration(db, req.ctx(), req.params.id),
  });

  app.put('/exam-registrations/:id', {
    config: { permission: 'talent:exam:edit', access },
    schema: {
      tags,
      description: 'Records the result and corrects the rest; fields left out keep their values.',
      params: zIdParam,
      body: zEditable.extend({ version: z.number().int().optional() }),
      response: { 200: zExam },
    },
    handler: async (req) =>
      updateExamRegistration(db, req.ctx(), req.params.id, {
        ...req.body,
        version: versionFrom(req.headers, req.body.version),
      }),
  });
}
