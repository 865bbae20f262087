import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { registerAuthHooks } from './platform/auth/auth.hooks.ts';
import { authRoutes } from './platform/auth/auth.routes.ts';
import { installAuditGuard } from './platform/audit/audit.guard.ts';
import { bindAuditKey } from './platform/audit/audit.keys.ts';
import { auditRoutes } from './platform/audit/audit.routes.ts';
import type { App, Clock, Deps, RouteInfo } from './platform/http.ts';
import { configureIdempotency, registerIdempotency } from './platform/idempotency/idempotency.ts';
import { registerOps } from './platform/ops.ts';
import type { PiiCipher } from './platform/pii.ts';
import { errorHandler, notFoundHandler } from './platform/problem.ts';
import { helmetOptions, registerSecurityHeaders } from './platform/security-headers.ts';
import { registerUserLimits } from './platform/user-limits.ts';
import { registerInputGuard } from './platform/input-guard.ts';
import { registerWeb } from './platform/web.ts';
import { coverageRoutes } from './modules/coverage/coverage.routes.ts';
import { dictRoutes } from './modules/dicts/dicts.routes.ts';
import { directoryRoutes } from './modules/directory/directory.routes.ts';
import { logRoutes } from './modules/logs/logs.routes.ts';
import { mapRoutes } from './modules/map/map.routes.ts';
import { organizationExchangeRoutes } from './modules/organizations/organizations.exchange.routes.ts';
import { organizationRoutes } from './modules/organizations/organizations.routes.ts';
import { pairingRoutes } from './modules/pairings/pairings.routes.ts';
import { paramRoutes } from './modules/params/params.routes.ts';
import { ParamsCache } from './modules/params/params.service.ts';
import { regionRoutes } from './modules/regions/regions.routes.ts';
import { roleRoutes } from './modules/roles/roles.routes.ts';
import { sessionRoutes } from './modules/sessions/sessions.routes.ts';
import { publicStationRoutes } from './modules/stations/stations.public.routes.ts';
import { stationExchangeRoutes } from './modules/stations/stations.exchange.routes.ts';
import { stationRoutes } from './modules/stations/stations.routes.ts';
import { userRoutes } from './modules/users/users.routes.ts';
import { talentRoutes } from './modules/talent/talent.routes.ts';

export interface BuildAppOptions {
  database: Database;
  config: Config;
  pii: PiiCipher;
  /** The audit chain's key (Runtime.auditKey); defaults to the one derived from the data key. */
  auditKey?: Buffer;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_WEB_DIST = path.resolve(here, '../../web/dist');

/** Builds the HTTP app from what it needs; no module-level state, so tests pass their own. */
export async function buildApp(opts: BuildAppOptions): Promise<App> {
  const app = Fastify({
    logger: opts.logger ?? false,
    genReqId: () => crypto.randomUUID(),
    trustProxy: opts.config.trustProxy,
    bodyLimit: 20 * 1024 * 1024,
    // A URL that is not valid UTF-8 (say a lone surrogate's bytes) answers in our format too.
    frameworkErrors: errorHandler,
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;

  const deps: Deps = {
    database: opts.database,
    config: opts.config,
    clock: opts.clock ?? { now: () => new Date() },
    pii: opts.pii,
    params: new ParamsCache(opts.database.db),
  };
  app.decorate('deps', deps);
  // Every audit row this app writes is keyed (audit.keys.ts), and the append-only trigger knows
  // the digest of this key's maintenance secret only (audit.guard.ts).
  bindAuditKey(opts.database.db, opts.auditKey ?? opts.pii.auditKey);
  await installAuditGuard(opts.database.db);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);

  // Every route states who may call it; a route without a permission is a bug caught at start-up.
  const routeTable: RouteInfo[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) return;
    if (!route.config?.permission) {
      throw new Error(`Route ${route.method} ${route.url} declares no permission (config.permission)`);
    }
    const { idempotent, declared } = configureIdempotency(route);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') {
        routeTable.push({
          method,
          url: route.url,
          permission: route.config.permission,
          access: route.config.access,
          hasBody: !!route.schema?.body,
          idempotent,
          idempotentDeclared: declared,
        });
      }
    }
  });

  await app.register(cookie);
  await app.register(helmet, helmetOptions(opts.config));
  await app.register(rateLimit, { global: false });
  registerUserLimits(app, { reveal: opts.config.revealRateLimit, import: opts.config.importRateLimit });
  // Excel imports: one file per request, read by the route (platform/excel/excel.http.ts).
  await app.register(multipart, { limits: { files: 1, fields: 5 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Lianxin 连心 API', version: '1.0.0', description: 'Community social work platform' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'lianxin_sid' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  registerAuthHooks(app);
  registerInputGuard(app);
  registerSecurityHeaders(app);
  registerIdempotency(app);
  registerOps(app);
  await app.register(
    async (api) => {
      const a = api as unknown as App;
      await authRoutes(a);
      await regionRoutes(a);
      await userRoutes(a);
      await roleRoutes(a);
      await dictRoutes(a);
      await paramRoutes(a);
      await logRoutes(a);
      await auditRoutes(a);
      await sessionRoutes(a);
      await stationRoutes(a);
      await stationExchangeRoutes(a);
      await publicStationRoutes(a);
      await mapRoutes(a);
      await organizationRoutes(a);
      await organizationExchangeRoutes(a);
      await pairingRoutes(a);
      await coverageRoutes(a);
      await talentRoutes(a);
      await directoryRoutes(a);
    },
    { prefix: '/api/v1' },
  );

  await registerWeb(app, opts.config.webDist ?? DEFAULT_WEB_DIST);
  return app;
}
