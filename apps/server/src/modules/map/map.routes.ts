import { z } from 'zod';
import type { App } from '../../platform/http.ts';
import { PUBLIC_CACHE } from '../stations/stations.public.routes.ts';
import { publicMapConfig } from './map.service.ts';

/** The public service map's configuration: no login, rate-limited like the map's data. */
export async function mapRoutes(app: App) {
  app.get('/public/map/config', {
    config: { permission: 'public', rateLimit: { max: app.deps.config.publicRateLimit, timeWindow: '1 minute' } },
    schema: {
      tags: ['public'],
      response: {
        200: z.object({
          name: z.string(),
          tiles: z
            .object({
              url: z.string().describe('Leaflet URL template with the key filled in'),
              labelUrl: z.string().nullable().describe('an optional label (注记) layer drawn over the tiles'),
              subdomains: z.string().describe("values of {s}; empty means Leaflet's default"),
              crs: z
                .enum(['wgs84', 'gcj02'])
                .describe('coordinates of the tiles; stations are converted from WGS-84 when gcj02'),
              attribution: z.string().describe('plain text'),
            })
            .nullable()
            .describe('null: no tile source configured, the map draws on a plain background'),
        }),
      },
    },
    handler: async (_req, reply) => {
      reply.header('cache-control', PUBLIC_CACHE);
      return publicMapConfig(app.deps.params);
    },
  });
}
