import { REGION_CODE, type RoutePermission } from '@lianxin/shared';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/client.ts';
import type { Config } from '../config.ts';
import type { Actor, Ctx } from './context.ts';
import type { PiiCipher } from './pii.ts';
import type { ParamsCache } from '../modules/params/params.service.ts';

export interface Clock {
  now(): Date;
}

export interface Deps {
  database: Database;
  config: Config;
  clock: Clock;
  pii: PiiCipher;
  params: ParamsCache;
}

/**
 * What the access-matrix test needs to know about a route's path parameter:
 * the kind of scoped record it names (a fixture makes one in and one out of scope),
 * or 'global' when the record is not region-scoped (a dictionary, a parameter).
 */
export interface RouteInfo {
  method: string;
  url: string;
  permission: RoutePermission;
  access?: AccessSpec;
  hasBody: boolean;
  /** Takes an Idempotency-Key (see platform/idempotency). */
  idempotent: boolean;
  /** The route said itself whether it does (config.idempotent), rather than by answering 201. */
  idempotentDeclared: boolean;
}

export type AccessSpec = { fixture: string; param: string } | 'global';

declare module 'fastify' {
  interface FastifyContextConfig {
    permission?: RoutePermission;
    /** Reachable while the session still has to change its password or enrol TOTP. */
    allowPartial?: boolean;
    access?: AccessSpec;
    /** The built web app's files: any path, answered 404 when it names no file (see input-guard). */
    staticFiles?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionStage: string | null;
    /** The service context; only on authenticated routes (throws otherwise). */
    ctx(): Ctx;
  }
  interface FastifyInstance {
    deps: Deps;
    /** Every registered route with its permission: for the access-matrix test and the docs. */
    routeTable: RouteInfo[];
  }
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export const zIdParam = z.object({ id: z.uuid() });

/** A region code of a record (never '' — national records have no region); the service checks it exists. */
export const zRegionCode = z.string().regex(REGION_CODE, 'validation.region.unknown');

/** A calendar day, YYYY-MM-DD, 1900–2100 (the helper lives in @lianxin/shared; routes import it here). */
export { zDay } from '@lianxin/shared';

/** Optimistic locking: the version comes in the body (`version`) or an If-Match header. */
export function versionFrom(headers: Record<string, unknown>, bodyVersion?: number): number | undefined {
  if (bodyVersion !== undefined) return bodyVersion;
  const h = headers['if-match'];
  if (typeof h === 'string') {
    const n = Number(h.replace(/^W\//, '').replace(/"/g, ''));
    if (Number.isInteger(n)) return n;
  }
  return undefined;
}

export const zProblem = z.object({
  type: z.string(),
  code: z.string(),
  title: z.string(),
  status: z.number(),
  detail: z.string().optional(),
  requestId: z.string().optional(),
  errors: z
    .array(
      z.object({
        path: z.string(),
        message: z.string(),
        key: z.string().optional().describe('the rule that failed (validation.*)'),
      }),
    )
    .optional(),
});
