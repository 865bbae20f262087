import { zIdCard } from '@lianxin/shared';
import { z } from 'zod';
import {
  contentDisposition,
  sendWorkbook,
  withUpload,
  zImportQuery,
  zImportResult,
} from '../../platform/excel/excel.http.ts';
import { type App, zRegionCode } from '../../platform/http.ts';
import { exportRoster, rosterTemplate } from './roster.export.ts';
import { importRoster } from './roster.import.ts';
import { CATEGORIES, LEVELS } from './talent.rules.ts';

const tags = ['talent'];
const xlsx = { 200: z.any().describe('an .xlsx workbook') };

/** The roster (花名册): template, import of workers with their certificates, export under the list's filters. */
export async function rosterRoutes(app: App) {
  const { database, pii } = app.deps;
  const db = database.db;

  app.get('/workers/export', {
    config: { permission: 'talent:worker:export' },
    schema: {
      tags,
      description:
        "Every worker in scope under the list's filters, with their certificates, as 社工人才花名册_YYYYMMDD.xlsx. ID numbers and phones are masked; the export is audited.",
      querystring: z.object({
        q: z.string().trim().max(40).optional().describe('name'),
        idNumber: zIdCard.optional().describe('exact ID number'),
        category: z.enum(CATEGORIES).optional(),
        level: z
          .enum([...LEVELS, 'none'])
          .optional()
          .describe('current level; none = no valid certificate'),
        organizationId: z.uuid().optional(),
        stationId: z.uuid().optional().describe('resident at this station now'),
        regionCode: zRegionCode.optional(),
        status: z.enum(['active', 'left']).optional(),
      }),
      response: xlsx,
    },
    handler: async (req, reply) => {
      const ctx = req.ctx();
      return sendWorkbook(
        reply,
        await exportRoster(db, ctx, pii, req.query),
        contentDisposition('社工人才花名册', 'workers', ctx.now),
      );
    },
  });

  app.get('/workers/import-template', {
    config: { permission: 'talent:worker:import' },
    schema: {
      tags,
      description:
        'The empty roster sheet (one row per person, certificates in column groups by level) with drop-downs and a 填写说明 sheet.',
      response: xlsx,
    },
    handler: async (req, reply) => {
      const ctx = req.ctx();
      return sendWorkbook(
        reply,
        await rosterTemplate(db, ctx),
        contentDisposition('社工人才花名册导入模板', 'workers-template', ctx.now),
      );
    },
  });

  app.post('/workers/import', {
    config: { permission: 'talent:worker:import', idempotent: false },
    schema: {
      tags,
      description:
        'multipart/form-data with one .xlsx `file` (up to 50,000 rows). All-or-nothing: with any row error nothing is written (`committed: false`) and `errorReport` holds the workbook with an 错误信息 column. People are matched by ID number, so re-importing a file changes nothing.',
      consumes: ['multipart/form-data'],
      querystring: zImportQuery,
      response: { 200: zImportResult },
    },
    handler: async (req) =>
      withUpload(req, (file) =>
        importRoster(db, req.ctx(), pii, file, req.query.dryRun ?? false, { readsAside: database.kind === 'postgres' }),
      ),
  });
}
