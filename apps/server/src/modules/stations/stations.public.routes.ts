import { z } from 'zod';
import { type App, zRegionCode } from '../../platform/http.ts';
import { STATION_KINDS } from './stations.rules.ts';
import { listPublicStations, publicRegionLabels, publicStationOptions } from './stations.public.ts';

const zLabel = z.object({ value: z.string(), label: z.string(), labelEn: z.string() });
const tags = ['public'];
/** Anyone may cache what the public map reads for a minute: the same answer for every visitor. */
export const PUBLIC_CACHE = 'public, max-age=60';

/** The public service map (服务地图): no login, rate-limited, operating and non-hidden stations only. */
export async function publicStationRoutes(app: App) {
  const db = app.deps.database.db;
  const rateLimit = { max: app.deps.config.publicRateLimit, timeWindow: '1 minute' };

  app.get('/public/stations', {
    config: { permission: 'public', rateLimit },
    schema: {
      tags,
      querystring: z
        .object({
          page: z.coerce.number().int().min(1).default(1),
          // The map draws every point of a city at once.
          pageSize: z.coerce.number().int().min(1).max(2000).default(500),
          kind: z.enum(STATION_KINDS).optional(),
          service: z.string().max(40).optional(),
          regionCode: zRegionCode.optional(),
          q: z.string().trim().max(50).optional().describe('name or address'),
          lng: z.coerce.number().min(-180).max(180).optional().describe('"near me": nearest first (WGS-84)'),
          lat: z.coerce.number().min(-90).max(90).optional(),
        })
        .refine((q) => (q.lng === undefined) === (q.lat === undefined), {
          path: ['lat'],
          message: 'validation.station.coordPair',
        }),
      response: {
        200: z.object({
          rows: z.array(
            z.object({
              id: z.string(),
              kind: z.enum(STATION_KINDS),
              name: z.string(),
              regionCode: z.string(),
              regionName: z.string(),
              regionPath: z.string(),
              organizationName: z.string().nullable(),
              address: z.string(),
              lng: z.number().nullable(),
              lat: z.number().nullable(),
              openingHours: z.string(),
              phone: z.string(),
              services: z.array(zLabel),
              demonstration: z.boolean(),
              distanceKm: z.number().nullable(),
            }),
          ),
          total: z.number(),
        }),
      },
    },
    handler: async (req, reply) => {
      reply.header('cache-control', PUBLIC_CACHE);
      const { lng, lat, ...filter } = req.query;
      return listPublicStations(db, {
        ...filter,
        near: lng !== undefined && lat !== undefined ? { lng, lat } : undefined,
      });
    },
  });

  app.get('/public/stations/options', {
    config: { permission: 'public', rateLimit },
    schema: { tags, response: { 200: z.object({ kinds: z.array(zLabel), services: z.array(zLabel) }) } },
    handler: async (_req, reply) => {
      reply.header('cache-control', PUBLIC_CACHE);
      return publicStationOptions(db);
    },
  });

  app.get('/public/stations/labels', {
    config: { permission: 'public', rateLimit },
    schema: {
      tags,
      description:
        'County (level 3) and town (level 4) names at the centre of their public stations, for a map without a base layer.',
      response: {
        200: z.object({
          rows: z.array(
            z.object({
              code: z.string(),
              name: z.string(),
              level: z.number().int(),
              lng: z.number(),
              lat: z.number(),
              stations: z.number().int(),
            }),
          ),
        }),
      },
    },
    handler: async (_req, reply) => {
      reply.header('cache-control', PUBLIC_CACHE);
      return publicRegionLabels(db);
    },
  });
}
