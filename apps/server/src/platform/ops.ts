import { createHash, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import client from 'prom-client';
import type { FastifyRequest } from 'fastify';
import { notFound } from './errors.ts';
import type { App } from './http.ts';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Liveness, readiness and Prometheus metrics; a registry per app instance, not the global one. */
export function registerOps(app: App) {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const requests = new client.Histogram({
    name: 'lianxin_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.02, 0.05, 0.1, 0.3, 1, 3],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unknown';
    requests.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  const hide = { hide: true };
  app.get('/healthz', { config: { permission: 'public' }, schema: hide }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { permission: 'public' }, schema: hide }, async (_req, reply) => {
    try {
      await app.deps.database.db.execute(sql`select 1`);
      return { status: 'ready', database: app.deps.database.kind };
    } catch {
      return reply.code(503).send({ status: 'unavailable' });
    }
  });
  // Metrics name routes and load, which helps an attacker: a scraper elsewhere sends the
  // configured bearer token; without a token only a scraper on this machine is answered.
  const token = app.deps.config.metricsToken;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  const allowed = (req: FastifyRequest) => {
    if (!token) return LOOPBACK.has(req.ip);
    const sent = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
    return timingSafeEqual(digest(sent), digest(token));
  };
  app.get('/metrics', { config: { permission: 'public' }, schema: hide }, async (req, reply) => {
    if (!allowed(req)) throw notFound();
    reply.type(registry.contentType);
    return registry.metrics();
  });
}
