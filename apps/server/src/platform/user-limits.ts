import type { RouteOptions } from 'fastify';
import type { App } from './http.ts';

export type UserLimit = 'reveal' | 'import';

/**
 * Which per-user limit a route falls under, from its path and permission, so a new reveal or
 * import route is limited without asking: a state-changing route ending in `/reveal`, or one that
 * ends in `/import` or needs an `…:import` permission (the Excel imports and the HSDS import).
 */
export function userLimitOf(route: Pick<RouteOptions, 'method' | 'url' | 'config'>): UserLimit | null {
  const writes = [route.method].flat().some((m) => m !== 'GET' && m !== 'HEAD');
  if (!writes) return null;
  if (route.url.endsWith('/reveal')) return 'reveal';
  const permission = (route.config as { permission?: string } | undefined)?.permission ?? '';
  if (route.url.endsWith('/import') || permission.endsWith(':import')) return 'import';
  return null;
}

/**
 * Reveals and imports are limited per signed-in user, not per address: many users share one
 * office address, and one user must not harvest personal data or flood the importer from many.
 * One counter per kind across all its routes (30 reveals a minute in all, not per route). Call
 * after @fastify/rate-limit is registered and before the routes are.
 */
export function registerUserLimits(app: App, max: Record<UserLimit, number>) {
  const limiter = (kind: UserLimit) =>
    app.rateLimit({
      max: max[kind],
      timeWindow: '1 minute',
      // The session hook (a global onRequest hook, so it runs first) has set the actor.
      keyGenerator: (req) => `${kind}:${req.actor?.id ?? `ip:${req.ip}`}`,
    });
  const limiters: Record<UserLimit, ReturnType<typeof limiter>> = {
    reveal: limiter('reveal'),
    import: limiter('import'),
  };
  app.addHook('onRoute', (route) => {
    const kind = userLimitOf(route);
    if (!kind) return;
    route.onRequest = [...[route.onRequest ?? []].flat(), limiters[kind]];
  });
}
