import crypto from 'node:crypto';
import { and, eq, lte } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { AppError } from '../errors.ts';
import type { App } from '../http.ts';
import { idempotencyKeys } from './idempotency.table.ts';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** Set on an answer that is the stored answer of an earlier request with the same key. */
export const REPLAY_HEADER = 'idempotent-replayed';
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
/** 1–255 visible ASCII characters (no spaces): a UUID, a ULID or any client-made token fits. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Takes an Idempotency-Key. Every authenticated POST that answers 201 does, unless it says
     * false; a POST that creates but answers otherwise says true. Never on routes that answer clear
     * personal data (pii:read): their answers must not be stored.
     */
    idempotent?: boolean;
  }
  interface FastifyRequest {
    /** The key this request claimed (its row is pending until the answer is stored or dropped). */
    idempotencyClaim: string | null;
  }
}

const zHeaders = z.looseObject({
  [IDEMPOTENCY_HEADER]: z
    .string()
    .regex(IDEMPOTENCY_KEY, 'validation.idempotencyKey.format')
    .optional()
    .describe(
      'Makes a retry safe: the same key with the same body within 24 hours replays the first successful answer ' +
        `(header ${REPLAY_HEADER}: true) instead of creating again. Per user; 1–255 visible ASCII characters.`,
    ),
});

function answers201(route: RouteOptions): boolean {
  const response = route.schema?.response as Record<string, unknown> | undefined;
  return !!response && Object.keys(response).some((s) => s === '201');
}

/**
 * Decides at registration whether a route takes the key, and documents the header on those that
 * do. Returns whether the route said so itself (true or false), for the access-matrix check.
 */
export function configureIdempotency(route: RouteOptions): { idempotent: boolean; declared: boolean } {
  const config = (route.config ?? {}) as { permission?: string; idempotent?: boolean };
  const declared = config.idempotent !== undefined;
  const methods = [route.method].flat();
  const idempotent =
    config.idempotent ?? (methods.includes('POST') && config.permission !== 'public' && answers201(route));
  if (idempotent && config.permission === 'pii:read') {
    throw new Error(
      `Route ${route.url} reveals personal data; its answers must not be stored for replay (config.idempotent)`,
    );
  }
  if (idempotent && config.permission === 'public')
    throw new Error(`Route ${route.url}: Idempotency-Key needs a signed-in user`);
  config.idempotent = idempotent;
  route.config = config as RouteOptions['config'];
  if (idempotent) {
    if (route.schema?.headers)
      throw new Error(`Route ${route.url}: merge its header schema with the Idempotency-Key one`);
    route.schema = { ...route.schema, headers: zHeaders };
  }
  return { idempotent, declared };
}

/** Key order and whitespace do not make two bodies different. */
function canonical(value: unknown): string {
  if (value === undefined) return '';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value);
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/** What makes two requests the same: method, path (it names the parent record) and validated body. */
function fingerprint(req: FastifyRequest): string {
  return crypto
    .createHash('sha256')
    .update(`${req.method} ${req.url}\n${canonical(req.body)}`)
    .digest('hex');
}

/**
 * Claims the key for this request: a new row, or one whose 24 hours are over. One statement, so of
 * two concurrent requests exactly one claims it.
 */
async function claim(db: Db, userId: string, key: string, print: string, now: Date): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + IDEMPOTENCY_TTL_MS);
  const fresh = {
    fingerprint: print,
    responseStatus: null,
    responseBody: null,
    responseType: null,
    createdAt: now,
    expiresAt,
  };
  const rows = await db
    .insert(idempotencyKeys)
    .values({ userId, key, ...fresh })
    .onConflictDoUpdate({
      target: [idempotencyKeys.userId, idempotencyKeys.key],
      set: fresh,
      where: lte(idempotencyKeys.expiresAt, now),
    })
    .returning({ key: idempotencyKeys.key });
  return rows.length > 0;
}

const where = (userId: string, key: string) => and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key));

/**
 * Idempotency-Key on create routes. The first request with a key claims it and runs; its
 * successful answer is stored and replayed to every retry with the same key and body for 24 hours.
 * A retry while the first is still running answers 409 IDEMPOTENCY_IN_PROGRESS (with Retry-After)
 * rather than waiting: the client already retries, and a request never holds a connection open on
 * another's behalf. Error answers are not stored, so a corrected retry with the same key runs.
 */
export function registerIdempotency(app: App) {
  const { db } = app.deps.database;
  app.decorateRequest('idempotencyClaim', null);

  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    const key = req.headers[IDEMPOTENCY_HEADER];
    if (!req.routeOptions.config.idempotent || typeof key !== 'string' || !req.actor) return;
    const userId = req.actor.id;
    const print = fingerprint(req);
    // Twice: a failing first request may drop its claim between our claim and our read.
    for (let attempt = 0; attempt < 2; attempt++) {
      if (await claim(db, userId, key, print, app.deps.clock.now())) {
        req.idempotencyClaim = key;
        return;
      }
      const [row] = await db.select().from(idempotencyKeys).where(where(userId, key));
      if (!row) continue;
      if (row.fingerprint !== print) throw new AppError('IDEMPOTENCY_KEY_REUSED');
      if (row.responseStatus === null) {
        reply.header('retry-after', '1');
        throw new AppError('IDEMPOTENCY_IN_PROGRESS');
      }
      reply.code(row.responseStatus).header(REPLAY_HEADER, 'true');
      if (row.responseType) reply.type(row.responseType);
      return reply.send(row.responseBody);
    }
    throw new AppError('IDEMPOTENCY_IN_PROGRESS');
  });

  // Before the answer leaves, so a retry that arrives right after it finds the stored answer.
  app.addHook('onSend', async (req, reply, payload) => {
    const key = req.idempotencyClaim;
    if (key === null || !req.actor) return payload;
    req.idempotencyClaim = null;
    const ok = reply.statusCode >= 200 && reply.statusCode < 300;
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
    try {
      if (ok && body !== null) {
        const type = reply.getHeader('content-type');
        await db
          .update(idempotencyKeys)
          .set({
            responseStatus: reply.statusCode,
            responseBody: body,
            responseType: typeof type === 'string' ? type : null,
          })
          .where(where(req.actor.id, key));
      } else if (!ok) {
        await db.delete(idempotencyKeys).where(where(req.actor.id, key));
      }
      // A successful answer that cannot be stored (a stream) keeps the claim: retries get 409, never a second record.
    } catch (err) {
      req.log.error({ err }, 'could not record the idempotency key');
    }
    return payload;
  });
}

/** The scheduled cleanup: keys older than 24 hours are gone (a claim of an expired key also reuses its row). */
export function pruneIdempotencyKeys(db: Db, now: Date) {
  return db.delete(idempotencyKeys).where(lte(idempotencyKeys.expiresAt, now));
}
