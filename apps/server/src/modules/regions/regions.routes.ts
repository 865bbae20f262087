import { z } from 'zod';
import { writeAudit } from '../../platform/audit/audit.service.ts';
import type { App } from '../../platform/http.ts';
import { importRegions } from './regions.import.ts';
import { getRegion, listChildren, SEARCH_LIMIT_DEFAULT, SEARCH_LIMIT_MAX, searchRegions } from './regions.service.ts';

export const zRegionNode = z.object({
  code: z.string(),
  name: z.string(),
  level: z.number().int(),
  parentCode: z.string().nullable(),
  kind: z.enum(['official', 'placeholder', 'development_zone']),
  hasChildren: z.boolean(),
});

export const zRegionImportCounts = z.object({
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  total: z.number(),
});

/** A region code of any level; anything else cannot name a region, so it is simply not found. */
const zCode = z.string().max(12);
const access = { fixture: 'region', param: 'code' } as const;
const tags = ['regions'];

export async function regionRoutes(app: App) {
  const { database } = app.deps;
  const db = database.db;

  app.get('/regions', {
    config: { permission: 'system:region:list' },
    schema: {
      tags,
      querystring: z.object({
        q: z.string().trim().max(50).default(''),
        limit: z.coerce.number().int().min(1).max(SEARCH_LIMIT_MAX).default(SEARCH_LIMIT_DEFAULT),
      }),
      response: { 200: z.object({ rows: z.array(zRegionNode.extend({ path: z.string() })) }) },
    },
    handler: async (req) => ({ rows: await searchRegions(db, req.ctx(), req.query.q, req.query.limit) }),
  });

  // 'root' lists the provinces the caller may see.
  app.get('/regions/:code/children', {
    config: { permission: 'system:region:list', access },
    schema: { tags, params: z.object({ code: zCode }), response: { 200: z.object({ rows: z.array(zRegionNode) }) } },
    handler: async (req) => ({ rows: await listChildren(db, req.ctx(), req.params.code) }),
  });

  app.get('/regions/:code', {
    config: { permission: 'system:region:list', access },
    schema: {
      tags,
      params: z.object({ code: zCode }),
      response: { 200: zRegionNode.extend({ ancestors: z.array(zRegionNode) }) },
    },
    handler: async (req) => getRegion(db, req.ctx(), req.params.code),
  });

  // Runs outside a user transaction (the full load commits in batches); one audit row afterwards.
  // No Idempotency-Key: the import upserts, so running it again changes nothing.
  app.post('/regions/import', {
    config: { permission: 'system:region:import', idempotent: false },
    schema: {
      tags,
      // Exactly one of the two: a prefix (肇庆市 is 4412) or the whole country.
      body: z
        .object({
          prefix: z
            .string()
            .regex(/^\d{2,12}$/, 'validation.region.prefix')
            .optional(),
          all: z.boolean().optional(),
        })
        .refine((b) => (b.prefix !== undefined) !== (b.all === true), {
          path: ['prefix'],
          message: 'validation.region.importScope',
        }),
      response: { 200: zRegionImportCounts },
    },
    handler: async (req) => {
      const ctx = req.ctx();
      const { prefix, all } = req.body;
      const counts = await importRegions(database, { prefix, all: all === true, now: ctx.now });
      await db.transaction((tx) =>
        writeAudit(tx, ctx, {
          action: 'import',
          entity: 'region',
          regionCode: prefix ?? null,
          detail: { ...counts, prefix: prefix ?? 'all' },
        }),
      );
      return counts;
    },
  });
}
