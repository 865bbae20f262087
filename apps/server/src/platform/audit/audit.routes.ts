import { z } from 'zod';
import type { App } from '../http.ts';
import { verifyAuditChain } from './audit.service.ts';

export async function auditRoutes(app: App) {
  app.get('/audit-logs/verify', {
    config: { permission: 'log:audit:verify' },
    schema: {
      tags: ['logs'],
      response: {
        200: z.object({
          ok: z.boolean(),
          checked: z.number(),
          brokenAt: z
            .object({
              seq: z.number(),
              reason: z.enum([
                'prev_hash',
                'content',
                'downgrade',
                'checkpoint',
                'tail_missing',
                'head_mismatch',
                'head_forged',
              ]),
            })
            .optional(),
          /** The last chain head exported outside the database, which the chain was compared against. */
          head: z.object({ seq: z.number(), at: z.string() }).optional(),
        }),
      },
    },
    handler: async () => verifyAuditChain(app.deps.database.db, { headFile: app.deps.config.auditHeadFile }),
  });
}
