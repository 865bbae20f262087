import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { ErrorCode } from '@lianxin/shared';
import { AppError } from './errors.ts';
import { type Locale, localiseIssue, pickLocale, problemTitle, translate } from './i18n.ts';

export function requestLocale(req: FastifyRequest): Locale {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  return pickLocale(req.headers['accept-language'], typeof q === 'string' ? q : undefined);
}

function send(reply: FastifyReply, status: number, body: Record<string, unknown>) {
  return reply
    .code(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', status, ...body });
}

/**
 * A field error keeps its i18n key beside the translated text, so a client can act on which rule
 * failed (ask for a confirmation, say) without reading the words.
 */
function keyOf(message: string): { key?: string } {
  return message.startsWith('validation.') ? { key: message } : {};
}

/** One place that turns any thrown error into problem+json; internals never reach the client. */
export function errorHandler(err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) {
  const locale = requestLocale(req);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const errors = err.validation.map((v) => {
      const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
      const issue = {
        code: v.keyword,
        message: v.message ?? '',
        path: path ? path.split('.') : [],
        ...(v.params as object),
      };
      return { path, message: localiseIssue(locale, issue), ...keyOf(issue.message) };
    });
    return send(reply, 400, {
      code: 'VALIDATION',
      title: problemTitle(locale, 'VALIDATION'),
      errors,
      requestId: req.id,
    });
  }
  if (err instanceof AppError) {
    if (err.status >= 500) req.log.error({ err }, 'app error');
    return send(reply, err.status, {
      code: err.code,
      title: problemTitle(locale, err.code),
      ...(err.errors
        ? {
            errors: err.errors.map((e) => ({
              path: e.path,
              message: translate(locale, e.message, e.params),
              ...keyOf(e.message),
            })),
          }
        : {}),
      ...(err.extra ?? {}),
      requestId: req.id,
    });
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err }, 'response did not match its schema');
    return send(reply, 500, { code: 'INTERNAL', title: problemTitle(locale, 'INTERNAL'), requestId: req.id });
  }
  const status = (err as FastifyError).statusCode;
  if (status === 429) {
    return send(reply, 429, { code: 'RATE_LIMITED', title: problemTitle(locale, 'RATE_LIMITED'), requestId: req.id });
  }
  if (status && status >= 400 && status < 500) {
    // Fastify's and its plugins' own client errors (bad JSON, wrong content type, body too large,
    // a bad multipart body, a URL that is not UTF-8): our format, a stable code, their status.
    const code = FRAMEWORK_CODES[status] ?? 'BAD_REQUEST';
    return send(reply, status, { code, title: problemTitle(locale, code), detail: err.message, requestId: req.id });
  }
  const badInput = badInputKind(err);
  if (badInput) {
    // Input the schemas let through but the database or the body reader could not take: still the
    // client's, never a 500. Logged by kind only (a database message quotes the value), as it
    // points at a schema to tighten.
    req.log.warn({ kind: badInput, route: req.routeOptions.url }, 'input refused below the schemas');
    return send(reply, 400, { code: 'BAD_REQUEST', title: problemTitle(locale, 'BAD_REQUEST'), requestId: req.id });
  }
  req.log.error({ err }, 'unhandled error');
  return send(reply, 500, { code: 'INTERNAL', title: problemTitle(locale, 'INTERNAL'), requestId: req.id });
}

const FRAMEWORK_CODES: Partial<Record<number, ErrorCode>> = { 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE' };

/**
 * SQLSTATEs that mean "this value cannot be stored or compared", not "the server is broken":
 * a NUL or bad encoding in text (22021, 22P05), a number or date out of range (22003, 22008),
 * text that is not a number or date (22P02, 22007).
 */
const BAD_VALUE_SQLSTATES = new Set(['22021', '22P05', '22003', '22008', '22P02', '22007']);

/** Errors a multipart reader raises on a body that ends early or is malformed. */
const BAD_MULTIPART =
  /unexpected end of (multipart data|form|file)|terminated early|malformed part header|boundary not found/i;

/** The SQLSTATE, or 'multipart', of an error caused by bad input (looking through wrappers); null otherwise. */
function badInputKind(err: unknown): string | null {
  for (
    let e = err as { code?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === 'string' && BAD_VALUE_SQLSTATES.has(e.code)) return e.code;
    if (typeof e.message === 'string' && BAD_MULTIPART.test(e.message)) return 'multipart';
  }
  return null;
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  const locale = requestLocale(req);
  return send(reply, 404, { code: 'NOT_FOUND', title: problemTitle(locale, 'NOT_FOUND'), requestId: req.id });
}
