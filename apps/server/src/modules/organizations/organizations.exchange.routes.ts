import { z } from 'zod';
import {
  contentDisposition,
  sendWorkbook,
  withUpload,
  zImportQuery,
  zImportResult,
} from '../../platform/excel/excel.http.ts';
import { type App, zRegionCode } from '../../platform/http.ts';
import { exportOrganizations, importOrganizations, organizationTemplate } from './organizations.exchange.ts';

const tags = ['organizations'];
const xlsx = { 200: z.any().describe('an .xlsx workbook') };

/** Excel exchange of the organizations register: template, export under the list's filters, import. */
export async function organizationExchangeRoutes(app: App) {
  const { database, pii } = app.deps;
  const db = database.db;

  app.get('/organizations/export', {
    config: { permission: 'network:org:export' },
    schema: {
      tags,
      description:
        "Every organization the caller may read under the list's filters, as 机构_YYYYMMDD.xlsx; contact phones masked; audited.",
      querystring: z.object({
        q: z.string().trim().max(50).optional(),
        type: z.enum(['agency', 'social_org', 'university', 'enterprise', 'charity', 'government']).optional(),
        domain: z.string().max(40).optional(),
        regionCode: zRegionCode.optional(),
      }),
      response: xlsx,
    },
    handler: async (req, reply) => {
      const ctx = req.ctx();
      return sendWorkbook(
        reply,
        await exportOrganizations(db, ctx, pii, req.query),
        contentDisposition('机构', 'organizations', ctx.now),
      );
    },
  });

  app.get('/organizations/import-template', {
    config: { permission: 'network:org:import' },
    schema: {
      tags,
      description: 'The empty organizations sheet with drop-downs and a 填写说明 sheet.',
      response: xlsx,
    },
    handler: async (req, reply) => {
      const ctx = req.ctx();
      return sendWorkbook(
        reply,
        await organizationTemplate(db, ctx),
        contentDisposition('机构导入模板', 'organizations-template', ctx.now),
      );
    },
  });

  app.post('/organizations/import', {
    config: { permission: 'network:org:import', idempotent: false },
    schema: {
      tags,
      description:
        'multipart/form-data with one .xlsx `file`. All-or-nothing: with any row error nothing is written (`committed: false`) and `errorReport` holds the workbook with an 错误信息 column. Organizations are matched by credit code.',
      consumes: ['multipart/form-data'],
      querystring: zImportQuery,
      response: { 200: zImportResult },
    },
    handler: async (req) =>
      withUpload(req, (file) => importOrganizations(db, req.ctx(), pii, file, req.query.dryRun ?? false)),
  });
}
