import { zInstant, zPageQuery } from '@lianxin/shared';
import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { listAuditLog, listLoginLog } from './logs.repo.ts';

const zRange = { from: zInstant.optional(), to: zInstant.optional(), q: z.string().max(50).optional() };

export async function logRoutes(app: App) {
  const db = app.deps.database.db;

  app.get('/login-logs', {
    config: { permission: 'log:login:list' },
    schema: {
      tags: ['logs'],
      querystring: zPageQuery.extend({
        ...zRange,
        result: z.enum(['success', 'failure', 'locked', 'disabled', 'totp_required']).optional(),
      }),
      response: {
        200: z.object({
          rows: z.array(
            z.object({
              id: z.string(),
              at: z.string(),
              username: z.string(),
              ip: z.string(),
              userAgent: z.string(),
              result: z.string(),
              reason: z.string(),
            }),
          ),
          total: z.number(),
        }),
      },
    },
    handler: async (req) => {
      const { rows, total } = await listLoginLog(db, req.ctx().actor.scopes, req.query);
      return {
        rows: rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          username: r.username,
          ip: r.ip,
          userAgent: r.userAgent,
          result: r.result,
          reason: r.reason,
        })),
        total,
      };
    },
  });

  app.get('/audit-logs', {
    config: { permission: 'log:operation:list' },
    schema: {
      tags: ['logs'],
      querystring: zPageQuery.extend({
        ...zRange,
        entity: z.string().max(40).optional(),
        action: z.string().max(40).optional(),
      }),
      response: {
        200: z.object({
          rows: z.array(
            z.object({
              seq: z.number(),
              at: z.string(),
              actorName: z.string(),
              ip: z.string(),
              action: z.string(),
              entity: z.string(),
              entityIds: z.array(z.string()),
              fields: z.array(z.string()),
              detail: z.record(z.string(), z.unknown()).nullable(),
            }),
          ),
          total: z.number(),
        }),
      },
    },
    handler: async (req) => {
      const { rows, total } = await listAuditLog(db, req.ctx().actor.scopes, req.query);
      return {
        rows: rows.map((r) => ({
          seq: r.seq,
          at: r.at.toISOString(),
          actorName: r.actorName,
          ip: r.ip,
          action: r.action,
          entity: r.entity,
          entityIds: r.entityIds,
          fields: r.fields,
          detail: r.detail ?? null,
        })),
        total,
      };
    },
  });
}
