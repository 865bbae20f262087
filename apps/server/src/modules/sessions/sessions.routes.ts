import { zPageQuery } from '@lianxin/shared';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { forceLogout, listOnlineSessions } from './sessions.service.ts';

export async function sessionRoutes(app: App) {
  const db = app.deps.database.db;
  app.get('/online-sessions', {
    config: { permission: 'monitor:online:list' },
    schema: {
      tags: ['monitor'],
      querystring: zPageQuery,
      response: {
        200: z.object({
          rows: z.array(
            z.object({
              handle: z.string(),
              username: z.string(),
              displayName: z.string(),
              ip: z.string(),
              userAgent: z.string(),
              createdAt: z.string(),
              lastSeenAt: z.string(),
              current: z.boolean(),
            }),
          ),
          total: z.number(),
        }),
      },
    },
    handler: async (req) => listOnlineSessions(db, req.ctx(), app.deps.params, req.query),
  });

  app.delete('/online-sessions/:handle', {
    config: { permission: 'monitor:online:force-logout', access: { fixture: 'session', param: 'handle' } },
    schema: { tags: ['monitor'], params: z.object({ handle: z.string().max(40) }), response: { 204: z.null() } },
    handler: async (req, reply) => {
      await forceLogout(db, req.ctx(), req.params.handle);
      return reply.code(204).send(null);
    },
  });
}
