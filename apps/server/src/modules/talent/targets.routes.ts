import { zPageQuery } from '@lianxin/shared';
import { z } from 'zod';
import { type App, versionFrom, zDay, zIdParam, zRegionCode } from '../../platform/http.ts';
import { LEVELS } from './talent.rules.ts';
import { TARGET_STATUSES } from './targets.forecast.ts';
import { getTargetProgress } from './targets.progress.ts';
import { createTarget, deleteTarget, getTarget, listTargetsFor, METRICS, updateTarget } from './targets.service.ts';

const zMetric = z.enum(METRICS);

export const zTarget = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  metric: zMetric,
  level: z.enum(LEVELS).nullable().describe('certified only; null = all levels'),
  value: z.number(),
  dueOn: z.string(),
  baselineValue: z.number().nullable(),
  baselineOn: z.string().nullable(),
  parent: z.object({ id: z.string(), regionCode: z.string(), regionName: z.string(), value: z.number() }).nullable(),
  shares: z
    .object({ count: z.number(), sum: z.number() })
    .describe('the shares this target is split into (named so that tables do not take them for tree rows)'),
  source: z.string(),
  note: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  abilities: z.object({ edit: z.boolean() }),
});

const zCount = z.number().int().min(0).max(100_000_000);
const zFields = z.object({
  regionCode: zRegionCode,
  metric: zMetric,
  level: z.enum(LEVELS).nullable().optional(),
  value: zCount,
  dueOn: zDay,
  baselineValue: zCount.nullable().optional(),
  baselineOn: zDay.nullable().optional(),
  parentId: z.uuid().nullable().optional().describe('the target this one is a share of (in a region below it)'),
  source: z.string().trim().max(200).optional(),
  note: z.string().trim().max(500).optional(),
});

const zPoint = z.object({ day: z.string(), value: z.number() });
const zProgress = z.object({
  target: zTarget,
  asOf: z.string(),
  available: z
    .boolean()
    .describe(
      'false when the platform does not record the metric yet (active volunteers): actual and forecast are null',
    ),
  actual: z.number().nullable(),
  targetValue: z.number(),
  share: z.number().nullable().describe('actual / target'),
  gap: z.number().nullable(),
  baseline: z.object({ value: z.number(), on: z.string() }).nullable(),
  requiredYearlyGrowth: z.number().nullable().describe('(target − actual) / years left to the due date'),
  forecast: z.object({
    method: z
      .literal('linear_least_squares')
      .describe('least-squares line through the year-end actuals of the last `years` completed years'),
    years: z.number(),
    pointsUsed: z.number(),
    value: z.number().nullable().describe('the line at the due date; null with fewer than two points'),
    slopePerYear: z.number().nullable(),
    line: z.array(zPoint),
  }),
  status: z.enum(TARGET_STATUSES),
  yearly: z.array(z.object({ year: z.number(), asOf: z.string(), value: z.number().nullable() })),
  thresholds: z.object({ atRiskShare: z.number(), trendYears: z.number() }),
  split: z
    .object({
      childrenSum: z.number(),
      shortfall: z.number().describe("parent value − the shares' sum (0 when they add up)"),
      children: z.array(
        z.object({
          target: zTarget,
          actual: z.number().nullable(),
          share: z.number().nullable(),
          forecast: z.number().nullable(),
          status: z.enum(TARGET_STATUSES),
        }),
      ),
    })
    .nullable(),
});

const access = { fixture: 'target', param: 'id' } as const;
const tags = ['talent'];

export async function targetRoutes(app: App) {
  const db = app.deps.database.db;
  const params = app.deps.params;

  app.get('/targets', {
    config: { permission: 'talent:target:list' },
    schema: {
      tags,
      querystring: zPageQuery.extend({
        regionCode: zRegionCode.optional().describe('this region and below'),
        metric: zMetric.optional(),
        parentId: z.uuid().optional(),
        topLevel: z
          .enum(['true', 'false'])
          .optional()
          .transform((v) => v === 'true')
          .describe('only targets that are not a share of another'),
      }),
      response: { 200: z.object({ rows: z.array(zTarget), total: z.number() }) },
    },
    handler: async (req) => listTargetsFor(db, req.ctx(), req.query),
  });

  app.post('/targets', {
    config: { permission: 'talent:target:edit' },
    schema: {
      tags,
      description:
        'A share of a parent (parentId) lies below its region with the same metric; the shares together may not exceed the parent (422 at value).',
      body: zFields,
      response: { 201: zTarget },
    },
    handler: async (req, reply) => reply.code(201).send(await createTarget(db, req.ctx(), req.body)),
  });

  app.get('/targets/:id', {
    config: { permission: 'talent:target:list', access },
    schema: { tags, params: zIdParam, response: { 200: zTarget } },
    handler: async (req) => getTarget(db, req.ctx(), req.params.id),
  });

  app.put('/targets/:id', {
    config: { permission: 'talent:target:edit', access },
    schema: {
      tags,
      params: zIdParam,
      body: zFields.partial().extend({ version: z.number().int().optional() }),
      response: { 200: zTarget },
    },
    handler: async (req) =>
      updateTarget(db, req.ctx(), req.params.id, { ...req.body, version: versionFrom(req.headers, req.body.version) }),
  });

  app.delete('/targets/:id', {
    config: { permission: 'talent:target:edit', access },
    schema: {
      tags,
      description: 'A target split into shares is deleted after its shares (409).',
      params: zIdParam,
      response: { 204: z.null() },
    },
    handler: async (req, reply) => {
      await deleteTarget(db, req.ctx(), req.params.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/targets/:id/progress', {
    config: { permission: 'talent:target:list', access },
    schema: {
      tags,
      description:
        'Status: on_track when the forecast at the due date (or the actual) reaches the target; at_risk when the forecast reaches at least atRiskShare of it; behind otherwise. Without a trend the actual is compared with the straight path from the baseline. Defaults: parameters talent.target.trendYears and talent.target.atRiskPercent.',
      params: zIdParam,
      querystring: z.object({
        asOf: zDay.optional(),
        years: z.coerce
          .number()
          .int()
          .min(2)
          .max(20)
          .optional()
          .describe('completed years of year-end actuals behind the trend'),
        atRiskShare: z.coerce.number().gt(0).lt(1).optional(),
      }),
      response: { 200: zProgress },
    },
    handler: async (req) => getTargetProgress(db, req.ctx(), params, req.params.id, req.query),
  });
}
