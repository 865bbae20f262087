import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { exportDirectory, exportFileName } from './directory.export.ts';
import { importDirectory } from './directory.import.ts';

const tags = ['directory'];
const zItems = z.array(z.record(z.string(), z.unknown()));

const zDocument = z.object({
  hsds_version: z.literal('3.0'),
  generator: z.string(),
  generated_at: z.string(),
  region_scopes: z.array(z.string()),
  organizations: zItems.describe('HSDS 3.0 organization objects'),
  services: zItems.describe('HSDS 3.0 service objects (the station_service dictionary)'),
  locations: zItems.describe('HSDS 3.0 location objects (the stations)'),
  service_at_locations: zItems.describe('HSDS 3.0 service_at_location objects'),
});

const zCounts = z.object({ created: z.number(), updated: z.number(), unchanged: z.number() });

export async function directoryRoutes(app: App) {
  const { database, params } = app.deps;
  const db = database.db;

  app.get('/directory/hsds', {
    config: { permission: 'network:directory:export' },
    schema: {
      tags,
      description:
        "The service directory of the caller's scope as an Open Referral HSDS 3.0 document (docs/hsds.md). Hidden stations and personal phone numbers are left out.",
      response: { 200: zDocument },
    },
    handler: async (req, reply) => {
      const ctx = req.ctx();
      const doc = await exportDirectory(db, ctx);
      return reply.header('content-disposition', `attachment; filename="${exportFileName(ctx.now)}"`).send(doc);
    },
  });

  app.post('/directory/hsds', {
    config: { permission: 'network:directory:import', idempotent: false },
    // A city's directory runs to megabytes; the body is checked against the HSDS schemas in the service.
    bodyLimit: 50 * 1024 * 1024,
    schema: {
      tags,
      description:
        "Imports an HSDS 3.0 document (the export's shape) into the caller's scope: all or nothing; records matched by id (and organizations by credit code). " +
        'Errors list JSON pointers into the document (`/locations/3/latitude`). With dryRun=true nothing is written.',
      querystring: z.object({
        dryRun: z
          .enum(['true', 'false'])
          .transform((v) => v === 'true')
          .optional(),
      }),
      body: z.record(z.string(), z.unknown()).describe('HSDS 3.0 exchange document'),
      response: {
        200: z.object({
          dryRun: z.boolean(),
          organizations: zCounts,
          services: zCounts,
          locations: zCounts,
          service_at_locations: zCounts,
        }),
      },
    },
    handler: async (req) => importDirectory(db, req.ctx(), params, req.body, req.query.dryRun ?? false),
  });
}
