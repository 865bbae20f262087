import { z } from 'zod';
import { type App, versionFrom } from '../../platform/http.ts';
import { listParams, updateParam } from './params.service.ts';

const zParam = z.object({
  key: z.string(),
  value: z.string(),
  name: z.string(),
  nameEn: z.string(),
  security: z.boolean(),
  builtin: z.boolean(),
  remark: z.string(),
  version: z.number(),
  updatedAt: z.string(),
});

export async function paramRoutes(app: App) {
  const db = app.deps.database.db;
  app.get('/params', {
    config: { permission: 'system:param:list' },
    schema: { tags: ['params'], response: { 200: z.object({ rows: z.array(zParam) }) } },
    handler: async () => ({ rows: await listParams(db) }),
  });
  // The permission is refined in the service: security parameters need system:security:edit.
  app.put('/params/:key', {
    config: { permission: 'system:param:list', access: 'global' },
    schema: {
      tags: ['params'],
      params: z.object({ key: z.string().max(80) }),
      body: z.object({ value: z.string().max(500), version: z.number().int().optional() }),
      response: { 200: zParam },
    },
    handler: async (req) => {
      const result = await updateParam(db, req.ctx(), req.params.key, {
        value: req.body.value,
        version: versionFrom(req.headers, req.body.version) ?? -1,
      });
      app.deps.params.invalidate();
      return result;
    },
  });
}
