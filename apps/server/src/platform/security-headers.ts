import type { FastifyHelmetOptions } from '@fastify/helmet';
import type { Config } from '../config.ts';
import type { App } from './http.ts';

/**
 * The security headers of every response. Images come from this server only; the public map's
 * page adds the configured tile hosts (`extraImgSrc`), and only when tiles are configured.
 */
export function helmetOptions(config: Config, extraImgSrc: readonly string[] = []): FastifyHelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...extraImgSrc],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    hsts: config.secureCookies,
  };
}

/**
 * Browser features no page of ours uses are switched off, for us and anything we embed. The
 * public map asks for the visitor's location (geolocation, this origin only); nothing asks for a
 * camera, a microphone, payments or devices.
 */
export const PERMISSIONS_POLICY = [
  'accelerometer=()',
  'autoplay=()',
  'bluetooth=()',
  'browsing-topics=()',
  'camera=()',
  'display-capture=()',
  'geolocation=(self)',
  'gyroscope=()',
  'hid=()',
  'magnetometer=()',
  'microphone=()',
  'midi=()',
  'payment=()',
  'serial=()',
  'usb=()',
  'xr-spatial-tracking=()',
].join(', ');

/**
 * Headers helmet does not set. Answers under /api/ are never stored by a browser or a proxy
 * (personal data, a session's view of it); a public route that chose its own caching keeps it.
 */
export function registerSecurityHeaders(app: App) {
  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('permissions-policy', PERMISSIONS_POLICY);
    if (req.url.startsWith('/api/')) {
      const isPublic = req.routeOptions.config?.permission === 'public';
      if (!isPublic || !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    }
    return payload;
  });
}
