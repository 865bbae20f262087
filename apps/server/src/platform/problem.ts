import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from './errors.ts';
import { type Locale, localiseIssue, pickLocale, problemTitle, translate } from './i18n.ts';

export function requestLocale(req: FastifyRequest): Locale {
  const q = (req.query as Record<string, unknown> | undefined)?.lang;
  return pickLocale(req.headers['accept-language'], typeof q === 'string' ? q : undefined);
}

function send(reply: FastifyReply, status: number, body: Record<string, unknown>) {
  return reply.code(status).type('application/problem+json').send({ type: 'about:blank', status, ...body });
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
      const issue = { code: v.keyword, message: v.message ?? '', path: path ? path.split('.') : [], ...(v.params as object) };
      return { path, message: localiseIssue(locale, issue), ...keyOf(issue.message) };
    });
    return send(reply, 400, { code: 'VALIDATION', title: problemTitle(locale, 'VALIDATION'), errors, requestId: req.id });
  }
  if (err instanceof AppError) {
    if (err.status >= 500) req.log.error({ err }, 'app error');
    return send(reply, err.status, {
      code: err.code,
      title: problemTitle(locale, err.code),
      ...(err.errors ? { errors: err.errors.map((e) => ({ path: e.path, message: translate(locale, e.message, e.params), ...keyOf(e.message) })) } : {}),
      ...(err.extra ?? {}),
      requestId: req.id,
    });
  }
  if (isResponseSerializationError(err)) {
    req.log.error({ err }, 'response did not match its schema');
  } else if ((err as FastifyError).statusCode === 429) {
    return send(reply, 429, { code: 'RATE_LIMITED', title: problemTitle(locale, 'RATE_LIMITED'), requestId: req.id });
  } else if ((err as FastifyError).statusCode && (err as FastifyError).statusCode! < 500) {
    // Fastify's own client errors (bad JSON, body too large, unsupported media type).
    return send(reply, (err as FastifyError).statusCode!, { code: 'BAD_REQUEST', title: problemTitle(locale, 'BAD_REQUEST'), detail: err.message, requestId: req.id });
  } else {
    req.log.error({ err }, 'unhandled error');
  }
  return send(reply, 500, { code: 'INTERNAL', title: problemTitle(locale, 'INTERNAL'), requestId: req.id });
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply) {
  const locale = requestLocale(req);
  return send(reply, 404, { code: 'NOT_FOUND', title: problemTitle(locale, 'NOT_FOUND'), requestId: req.id });
}
