import { zPageQuery } from '@lianxin/shared';
import { z } from 'zod';
import { contentDisposition, sendWorkbook } from '../../platform/excel/excel.http.ts';
import { type App, zDay, zRegionCode } from '../../platform/http.ts';
import { exportTrainings, listTrainingsFor } from './trainings.list.ts';

const tags = ['talent'];

const zFilters = z.object({
  regionCode: zRegionCode.optional().describe("the worker's region and below"),
  workerName: z.string().trim().max(40).optional().describe("part of the worker's name"),
  year: z.coerce
    .number()
    .int()
    .min(1900)
    .max(2100)
    .optional()
    .describe("the year the hours count toward: the year of the course's last day"),
  provider: z.string().trim().max(100).optional().describe('part of the provider'),
  course: z.string().trim().max(100).optional().describe('part of the course'),
  from: zDay.optional().describe('courses running on some day from this day'),
  to: zDay.optional().describe('courses running on some day up to this day'),
});

const zRecord = z.object({
  id: z.string(),
  course: z.string(),
  provider: z.string(),
  providerOrganizationId: z.string().nullable(),
  startedOn: z.string(),
  endedOn: z.string(),
  hours: z.number(),
  credits: z.number().nullable(),
  certificateNo: z.string(),
  note: z.string(),
  version: z.number(),
  worker: z.object({ id: z.string(), name: z.string(), regionCode: z.string(), regionName: z.string() }),
});

/** 培训记录台账: the trainings of all workers in scope, as a list and as an export. */
export async function trainingListRoutes(app: App) {
  const db = app.deps.database.db;

  app.get('/trainings', {
    config: { permission: 'talent:worker:list' },
    schema: {
      tags,
      description: "The trainings of the workers in scope (by the worker's current region), the latest first.",
      querystring: zPageQuery.extend(zFilters.shape),
      response: { 200: z.object({ rows: z.array(zRecord), total: z.number() }) },
    },
    handler: async (req) => listTrainingsFor(db, req.ctx(), req.query),
  });

  app.get('/trainings/export', {
    config: { permission: 'talent:worker:export' },
    schema: {
      tags,
      description: "Every training of the list's filters, all pages, as 培训记录_YYYYMMDD.xlsx; audited.",
      querystring: zFilters,
      response: { 200: z.any().describe('an .xlsx workbook') },
    },
    handler: async (req, reply) => {
      const ctx = req.ctx();
      return sendWorkbook(
        reply,
        await exportTrainings(db, ctx, req.query),
        contentDisposition('培训记录', 'trainings', ctx.now),
      );
    },
  });
}
