import { z } from 'zod';
import type { App } from '../http.ts';
import { verifyAuditChain } from './audit.service.ts';

export async function auditRoutes(app: App) {
  app.get('/audit-logs/verify', {
    config: { permission: 'log:audit:verify' },
    schema: {
      tags: ['logs'],
      response: {
        200: z.object({ ok: z.boolean(), checked: z.number(), brokenAt: z.object({ seq: z.number(), reason: z.enum(['prev_hash', 'content']) }).optional() }),
      },
    },
    handler: async () => verifyAuditChain(app.deps.database.db),
  });
}
