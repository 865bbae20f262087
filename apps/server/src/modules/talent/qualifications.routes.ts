import { z } from 'zod';
import { type App, versionFrom, zDay, zIdParam } from '../../platform/http.ts';
import {
  addCertificate,
  addHonor,
  addRegistration,
  deleteHonor,
  getQualifications,
  updateCertificate,
  updateHonor,
} from './qualifications.service.ts';
import { HONOR_LEVELS, LEVELS, REGISTRATION_STATUSES } from './talent.rules.ts';

const zLevel = z.enum(LEVELS);

const zCertificate = z.object({
  id: z.string(),
  level: zLevel,
  certificateNo: z.string().nullable().describe('null while pending confirmation'),
  numberPending: z.boolean(),
  obtainedOn: z.string(),
  issuingBody: z.string(),
  examYear: z.number().nullable(),
  examRegistrationId: z.string().nullable(),
  validUntil: z.string().nullable(),
  revokedOn: z.string().nullable(),
  revokeReason: z.string(),
  valid: z.boolean().describe('valid today'),
  registration: z.object({
    status: z.enum(REGISTRATION_STATUSES),
    registeredOn: z.string().nullable(),
    renewalDueOn: z.string().nullable(),
  }),
  registrations: z.array(
    z.object({ id: z.string(), registeredOn: z.string(), renewalDueOn: z.string(), registrationNo: z.string() }),
  ),
  version: z.number(),
});

export const zQualifications = z.object({
  currentLevel: zLevel.nullable().describe('highest certificate valid today'),
  certificates: z.array(zCertificate),
  honors: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      level: z.enum(HONOR_LEVELS),
      year: z.number(),
      awardedBy: z.string(),
      note: z.string(),
      version: z.number(),
    }),
  ),
});

const zCertificateFields = z.object({
  level: zLevel,
  certificateNo: z.string().trim().max(40).nullable().optional().describe('null or left out: pending'),
  obtainedOn: zDay,
  issuingBody: z.string().trim().max(100).optional(),
  examYear: z.number().int().min(2008).max(2100).nullable().optional(),
  validUntil: zDay.nullable().optional(),
  revokedOn: zDay.nullable().optional(),
  revokeReason: z.string().trim().max(200).optional(),
});

const zHonorFields = z.object({
  kind: z.string().max(40),
  level: z.enum(HONOR_LEVELS),
  year: z.number().int().min(1990).max(2100),
  awardedBy: z.string().trim().max(100).optional(),
  note: z.string().trim().max(200).optional(),
});

const worker = { fixture: 'worker', param: 'id' } as const;
const certificate = { fixture: 'qualification', param: 'id' } as const;
const honor = { fixture: 'honor', param: 'id' } as const;
const tags = ['talent'];

export async function qualificationRoutes(app: App) {
  const { database, params } = app.deps;
  const db = database.db;

  app.get('/workers/:id/qualifications', {
    config: { permission: 'talent:worker:list', access: worker },
    schema: { tags, params: zIdParam, response: { 200: zQualifications } },
    handler: async (req) => getQualifications(db, req.ctx(), params, req.params.id),
  });

  app.post('/workers/:id/qualifications', {
    config: { permission: 'talent:qualification:edit', access: worker, idempotent: true },
    schema: {
      tags,
      description: 'A certificate; its number is unique nationwide (409 at certificateNo).',
      params: zIdParam,
      body: zCertificateFields,
      response: { 200: zQualifications },
    },
    handler: async (req) => addCertificate(db, req.ctx(), params, req.params.id, req.body),
  });

  app.put('/qualifications/:id', {
    config: { permission: 'talent:qualification:edit', access: certificate },
    schema: {
      tags,
      description:
        "Confirms a pending number, corrects or revokes a certificate; fields left out keep their values. Answers the worker's qualifications.",
      params: zIdParam,
      body: zCertificateFields.partial().extend({ version: z.number().int().optional() }),
      response: { 200: zQualifications },
    },
    handler: async (req) =>
      updateCertificate(db, req.ctx(), params, req.params.id, {
        ...req.body,
        version: versionFrom(req.headers, req.body.version),
      }),
  });

  app.post('/qualifications/:id/registrations', {
    config: { permission: 'talent:qualification:edit', access: certificate, idempotent: true },
    schema: {
      tags,
      description:
        '登记 or its renewal: a new period; renewalDueOn defaults to the end of the registration period (parameter talent.registration.years).',
      params: zIdParam,
      body: z.object({
        registeredOn: zDay,
        renewalDueOn: zDay.optional(),
        registrationNo: z.string().trim().max(40).optional(),
      }),
      response: { 200: zQualifications },
    },
    handler: async (req) => addRegistration(db, req.ctx(), params, req.params.id, req.body),
  });

  app.post('/workers/:id/honors', {
    config: { permission: 'talent:qualification:edit', access: worker, idempotent: true },
    schema: {
      tags,
      params: zIdParam,
      body: zHonorFields,
      response: { 200: zQualifications },
    },
    handler: async (req) => addHonor(db, req.ctx(), params, req.params.id, req.body),
  });

  app.put('/honors/:id', {
    config: { permission: 'talent:qualification:edit', access: honor },
    schema: {
      tags,
      description:
        "Corrects a mistaken honour; awardedBy and note left out keep their values. Answers the worker's qualifications.",
      params: zIdParam,
      body: zHonorFields.extend({ version: z.number().int().optional() }),
      response: { 200: zQualifications },
    },
    handler: async (req) =>
      updateHonor(db, req.ctx(), params, req.params.id, {
        ...req.body,
        version: versionFrom(req.headers, req.body.version),
      }),
  });

  app.delete('/honors/:id', {
    config: { permission: 'talent:qualification:edit', access: honor },
    schema: {
      tags,
      description:
        "Removes a mistaken honour. The version comes in the query (or If-Match). Answers the worker's qualifications.",
      params: zIdParam,
      querystring: z.object({ version: z.coerce.number().int().optional() }),
      response: { 200: zQualifications },
    },
    handler: async (req) =>
      deleteHonor(db, req.ctx(), params, req.params.id, versionFrom(req.headers, req.query.version)),
  });
}
