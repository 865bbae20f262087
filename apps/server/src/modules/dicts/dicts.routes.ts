import { zPageQuery } from '@lianxin/shared';
import { z } from 'zod';
import { type App, versionFrom, zIdParam } from '../../platform/http.ts';
import {
  createDictItem,
  createDictType,
  deleteDictItem,
  deleteDictType,
  listDictItems,
  listDictTypes,
  updateDictItem,
  updateDictType,
} from './dicts.service.ts';

const zType = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  builtin: z.boolean(),
  enabled: z.boolean(),
  remark: z.string(),
  version: z.number(),
});
const zItem = z.object({
  id: z.string(),
  typeCode: z.string(),
  value: z.string(),
  label: z.string(),
  labelEn: z.string(),
  color: z.string(),
  sort: z.number(),
  enabled: z.boolean(),
  remark: z.string(),
  version: z.number(),
});
const zTypeBody = z.object({
  name: z.string().trim().min(1).max(60),
  nameEn: z.string().trim().max(80).optional(),
  enabled: z.boolean().optional(),
  remark: z.string().max(200).optional(),
});
const zItemBody = z.object({
  label: z.string().trim().min(1).max(60),
  labelEn: z.string().trim().max(80).optional(),
  color: z
    .string()
    .regex(
      /^(default|success|processing|error|warning|magenta|red|volcano|orange|gold|lime|green|cyan|blue|geekblue|purple|#[0-9a-fA-F]{6})$/,
      'validation.color.format',
    )
    .optional(),
  sort: z.number().int().min(0).max(9999).optional(),
  enabled: z.boolean().optional(),
  remark: z.string().max(200).optional(),
});
const zCode = z.string().regex(/^[a-z][a-z0-9_]{1,63}$/, 'validation.code.format');
const tags = ['dicts'];
const global = 'global' as const;

export async function dictRoutes(app: App) {
  const db = app.deps.database.db;
  const noContent = { 204: z.null() };

  app.get('/dicts/:code', {
    config: { permission: 'authenticated', access: global },
    schema: {
      tags,
      params: z.object({ code: zCode }),
      response: {
        200: z.object({ rows: z.array(zItem.pick({ value: true, label: true, labelEn: true, color: true })) }),
      },
    },
    handler: async (req) => listDictItems(db, req.params.code, true),
  });

  app.get('/dict-types', {
    config: { permission: 'system:dict:list' },
    schema: {
      tags,
      querystring: zPageQuery.extend({ q: z.string().max(50).optional() }),
      response: { 200: z.object({ rows: z.array(zType), total: z.number() }) },
    },
    handler: async (req) => listDictTypes(db, req.query),
  });
  app.post('/dict-types', {
    config: { permission: 'system:dict:edit' },
    schema: { tags, body: zTypeBody.extend({ code: zCode }), response: { 201: zType } },
    handler: async (req, reply) => reply.code(201).send(await createDictType(db, req.ctx(), req.body)),
  });
  app.put('/dict-types/:id', {
    config: { permission: 'system:dict:edit', access: global },
    schema: {
      tags,
      params: zIdParam,
      body: zTypeBody.extend({ version: z.number().int().optional() }),
      response: { 200: zType },
    },
    handler: async (req) =>
      updateDictType(db, req.ctx(), req.params.id, {
        ...req.body,
        version: versionFrom(req.headers, req.body.version),
      }),
  });
  app.delete('/dict-types/:id', {
    config: { permission: 'system:dict:edit', access: global },
    schema: { tags, params: zIdParam, response: noContent },
    handler: async (req, reply) => {
      await deleteDictType(db, req.ctx(), req.params.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/dict-types/:code/items', {
    config: { permission: 'system:dict:list', access: global },
    schema: { tags, params: z.object({ code: zCode }), response: { 200: z.object({ rows: z.array(zItem) }) } },
    handler: async (req) => listDictItems(db, req.params.code),
  });
  app.post('/dict-items', {
    config: { permission: 'system:dict:edit' },
    schema: {
      tags,
      body: zItemBody.extend({ typeCode: zCode, value: z.string().trim().min(1).max(40) }),
      response: { 201: zItem },
    },
    handler: async (req, reply) => reply.code(201).send(await createDictItem(db, req.ctx(), req.body)),
  });
  app.put('/dict-items/:id', {
    config: { permission: 'system:dict:edit', access: global },
    schema: {
      tags,
      params: zIdParam,
      body: zItemBody.extend({ version: z.number().int().optional() }),
      response: { 200: zItem },
    },
    handler: async (req) =>
      updateDictItem(db, req.ctx(), req.params.id, {
        ...req.body,
        version: versionFrom(req.headers, req.body.version),
      }),
  });
  app.delete('/dict-items/:id', {
    config: { permission: 'system:dict:edit', access: global },
    schema: { tags, params: zIdParam, response: noContent },
    handler: async (req, reply) => {
      await deleteDictItem(db, req.ctx(), req.params.id);
      return reply.code(204).send(null);
    },
  });
}
