import { z } from 'zod';
import {
  contentDisposition,
  sendWorkbook,
  withUpload,
  zImportQuery,
  zImportResult,
} from '../../platform/excel/excel.http.ts';
import type { App } from '../../platform/http.ts';
import { zRegionCode } from '../../platform/http.ts';
import { exportStations, importStations, stationTemplate } from './stations.exchange.ts';
import { STATION_KINDS, STATION_STATUSES } from './stations.rules.ts';

const tags = ['stations'];
const xlsx = { 200: z.any().describe('an .xlsx workbook') };

/** Excel exchange of the stations register: template, export under the list's filters, import. */
export async function stationExchangeRoutes(app: App) {
  const db = app.deps.database.db;

  app.get('/stations/export', {
    config: { permission: 'network:station:export' },
    schema: {
      tags,
      description: "Every station in scope under the list's filters, as 站点_YYYYMMDD.xlsx; audited.",
      querystring: z.object({
        kind: z.enum(STATION_KINDS).optional(),
        status: z.enum(STATION_STATUSES).optional(),
        service: z.string().max(40).optional(),
        regionCode: zRegionCode.optional(),
        organizationId: z.uuid().optional(),
        q: z.string().trim().max(50).optional(),
        needsReview: z
          .enum(['true', 'false'])
          .transform((v) => v === 'true')
          .optional(),
      }),
      response: xlsx,
    },
    handler: async (req, reply) => {
      const ctx = req.ctx();
      const buffer = await exportStations(db, ctx, req.query);
      return sendWorkbook(reply, buffer, contentDisposition('站点', 'stations', ctx.now));
    },
  });

  app.get('/stations/import-template', {
    config: { permission: 'network:station:import' },
    schema: { tags, description: 'The empty stations sheet with drop-downs and a 填写说明 sheet.', response: xlsx },
    handler: async (req, reply) => {
      const ctx = req.ctx();
      return sendWorkbook(
        reply,
        await stationTemplate(db, ctx),
        contentDisposition('站点导入模板', 'stations-template', ctx.now),
      );
    },
  });

  app.post('/stations/import', {
    config: { permission: 'network:station:import', idempotent: false },
    schema: {
      tags,
      description:
        'multipart/form-data with one .xlsx `file`. All-or-nothing: with any row error nothing is written (`committed: false`) and `errorReport` holds the workbook with an 错误信息 column. Stations are matched by region code + name.',
      consumes: ['multipart/form-data'],
      querystring: zImportQuery,
      response: { 200: zImportResult },
    },
    handler: async (req) => withUpload(req, (file) => importStations(db, req.ctx(), file, req.query.dryRun ?? false)),
  });
}
