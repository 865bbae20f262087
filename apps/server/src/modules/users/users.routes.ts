import { REGION_CODE_OR_NATIONWIDE, zPageQuery, zPersonalPhone } from '@lianxin/shared';
import { z } from 'zod';
import { type App, versionFrom, zIdParam } from '../../platform/http.ts';
import {
  assignRoles,
  createUser,
  getUser,
  listUsersFor,
  resetPassword,
  resetTotp,
  revealUserField,
  unlockUser,
  updateUser,
} from './users.service.ts';

const zRegionCode = z.string().regex(REGION_CODE_OR_NATIONWIDE, 'validation.region.unknown');

export const zUser = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  status: z.enum(['active', 'disabled']),
  locked: z.boolean(),
  isDemo: z.boolean(),
  phone: z.string().nullable(),
  roles: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string() })),
  scopes: z.array(z.string()),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
  abilities: z.object({
    update: z.boolean(),
    resetPassword: z.boolean(),
    resetTotp: z.boolean(),
    assignRole: z.boolean(),
    revealPhone: z.boolean(),
  }),
});

const access = { fixture: 'user', param: 'id' } as const;
const tags = ['users'];

export async function userRoutes(app: App) {
  const { database, pii } = app.deps;
  const db = database.db;

  app.get('/users', {
    config: { permission: 'system:user:list' },
    schema: {
      tags,
      querystring: zPageQuery.extend({
        q: z.string().max(50).optional(),
        regionCode: zRegionCode.optional(),
        status: z.enum(['active', 'disabled']).optional(),
      }),
      response: { 200: z.object({ rows: z.array(zUser), total: z.number() }) },
    },
    handler: async (req) => listUsersFor(db, req.ctx(), pii, req.query),
  });

  app.post('/users', {
    config: { permission: 'system:user:create' },
    schema: {
      tags,
      body: z.object({
        username: z
          .string()
          .trim()
          .regex(/^[a-zA-Z0-9_.-]{3,32}$/, 'validation.username.format'),
        displayName: z.string().trim().min(1).max(40),
        regionCode: zRegionCode,
        password: z.string().min(1).max(128),
        phone: zPersonalPhone.optional(),
        roleIds: z.array(z.uuid()).max(20).optional(),
        scopes: z.array(zRegionCode).max(20).optional(),
      }),
      response: { 201: zUser },
    },
    handler: async (req, reply) => reply.code(201).send(await createUser(db, req.ctx(), pii, req.body)),
  });

  app.get('/users/:id', {
    config: { permission: 'system:user:list', access },
    schema: { tags, params: zIdParam, response: { 200: zUser } },
    handler: async (req) => getUser(db, req.ctx(), pii, req.params.id),
  });

  app.put('/users/:id', {
    config: { permission: 'system:user:update', access },
    schema: {
      tags,
      params: zIdParam,
      body: z.object({
        displayName: z.string().trim().min(1).max(40),
        regionCode: zRegionCode,
        phone: zPersonalPhone.nullable().optional(),
        status: z.enum(['active', 'disabled']),
        scopes: z.array(zRegionCode).min(1).max(20).optional(),
        version: z.number().int().optional(),
      }),
      response: { 200: zUser },
    },
    handler: async (req) =>
      updateUser(db, req.ctx(), pii, req.params.id, {
        ...req.body,
        version: versionFrom(req.headers, req.body.version),
      }),
  });

  app.put('/users/:id/roles', {
    config: { permission: 'system:user:assign-role', access },
    schema: {
      tags,
      params: zIdParam,
      body: z.object({
        roleIds: z.array(z.uuid()).max(20),
        scopes: z.array(zRegionCode).min(1).max(20).optional(),
        version: z.number().int().optional(),
      }),
      response: { 200: zUser },
    },
    handler: async (req) =>
      assignRoles(db, req.ctx(), pii, req.params.id, {
        ...req.body,
        version: versionFrom(req.headers, req.body.version),
      }),
  });

  app.post('/users/:id/reset-password', {
    config: { permission: 'system:user:reset-password', access, idempotent: false },
    schema: {
      tags,
      params: zIdParam,
      body: z.object({ password: z.string().min(1).max(128) }),
      response: { 204: z.null() },
    },
    handler: async (req, reply) => {
      await resetPassword(db, req.ctx(), req.params.id, req.body.password);
      return reply.code(204).send(null);
    },
  });

  app.post('/users/:id/totp/reset', {
    config: { permission: 'system:user:reset-password', access, idempotent: false },
    schema: { tags, params: zIdParam, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await resetTotp(db, req.ctx(), req.params.id);
      return reply.code(204).send(null);
    },
  });

  app.post('/users/:id/unlock', {
    config: { permission: 'system:user:update', access, idempotent: false },
    schema: { tags, params: zIdParam, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await unlockUser(db, req.ctx(), req.params.id);
      return reply.code(204).send(null);
    },
  });

  // The service also requires system:user:update: a user account's phone is for those who manage it.
  app.post('/users/:id/reveal', {
    config: { permission: 'pii:read', access, idempotent: false },
    schema: {
      tags,
      params: zIdParam,
      body: z.object({ field: z.enum(['phone']) }),
      response: { 200: z.object({ value: z.string().nullable() }) },
    },
    handler: async (req) => revealUserField(db, req.ctx(), pii, req.params.id, req.body.field),
  });
}
