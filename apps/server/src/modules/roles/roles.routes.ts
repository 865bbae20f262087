import { PERMISSIONS, zPageQuery } from '@lianxin/shared';
import { z } from 'zod';
import { type App, versionFrom, zIdParam } from '../../platform/http.ts';
import { createRole, deleteRole, getRole, listRoles, updateRole } from './roles.service.ts';

const zRole = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  builtin: z.boolean(),
  permissions: z.array(z.string()),
  regionCode: z.string(),
  remark: z.string(),
  userCount: z.number(),
  version: z.number(),
});
const zRoleBody = z.object({
  name: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().max(60).optional(),
  permissions: z.array(z.string()).max(200),
  remark: z.string().max(200).optional(),
});
const access = { fixture: 'role', param: 'id' } as const;
const tags = ['roles'];

export async function roleRoutes(app: App) {
  const db = app.deps.database.db;

  app.get('/permissions', {
    config: { permission: 'system:role:list' },
    schema: { tags, response: { 200: z.object({ rows: z.array(z.object({ code: z.string() })) }) } },
    handler: async () => ({ rows: PERMISSIONS.map((code) => ({ code })) }),
  });

  app.get('/roles', {
    config: { permission: 'system:role:list' },
    schema: {
      tags,
      querystring: zPageQuery.extend({ q: z.string().max(50).optional() }),
      response: { 200: z.object({ rows: z.array(zRole), total: z.number() }) },
    },
    handler: async (req) => listRoles(db, req.ctx(), req.query),
  });

  app.get('/roles/:id', {
    config: { permission: 'system:role:list', access },
    schema: { tags, params: zIdParam, response: { 200: zRole } },
    handler: async (req) => getRole(db, req.ctx(), req.params.id),
  });

  app.post('/roles', {
    config: { permission: 'system:role:create' },
    schema: {
      tags,
      body: zRoleBody.extend({
        code: z
          .string()
          .trim()
          .regex(/^[a-z][a-z0-9_]{1,31}$/, 'validation.code.format'),
      }),
      response: { 201: zRole },
    },
    handler: async (req, reply) => reply.code(201).send(await createRole(db, req.ctx(), req.body)),
  });

  app.put('/roles/:id', {
    config: { permission: 'system:role:update', access },
    schema: {
      tags,
      params: zIdParam,
      body: zRoleBody.extend({ version: z.number().int().optional() }),
      response: { 200: zRole },
    },
    handler: async (req) =>
      updateRole(db, req.ctx(), req.params.id, { ...req.body, version: versionFrom(req.headers, req.body.version) }),
  });

  app.delete('/roles/:id', {
    config: { permission: 'system:role:delete', access },
    schema: { tags, params: zIdParam, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await deleteRole(db, req.ctx(), req.params.id);
      return reply.code(204).send(null);
    },
  });
}
