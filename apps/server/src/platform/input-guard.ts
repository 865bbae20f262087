import type { FastifyRequest } from 'fastify';
import { AppError, type FieldError } from './errors.ts';
import type { App } from './http.ts';

/**
 * Text no field may carry: PostgreSQL cannot store a NUL in text, and a lone surrogate is not
 * Unicode (it cannot be encoded as UTF-8 at all). Both used to reach the database and come back
 * as a 500; they are refused here, before validation, for every parsed part of every request.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemOf(text: string): string | null {
  if (text.includes('\u0000')) return 'validation.text.nul';
  if (LONE_SURROGATE.test(text)) return 'validation.text.surrogate';
  return null;
}

/** Collects a field error for each bad string under `value`, keys included, with its dotted path. */
function collect(value: unknown, path: string[], out: FieldError[], depth = 0): void {
  if (out.length >= 20) return;
  if (typeof value === 'string') {
    const message = problemOf(value);
    if (message) out.push({ path: path.join('.'), message });
    return;
  }
  // Parsed JSON is a tree; the depth bound only protects this walk.
  if (typeof value !== 'object' || value === null || depth > 64) return;
  for (const [key, child] of Object.entries(value)) {
    const keyProblem = problemOf(key);
    if (keyProblem) {
      out.push({ path: path.join('.'), message: keyProblem });
      continue;
    }
    collect(child, [...path, key], out, depth + 1);
  }
}

/** The bad text of a request's path parameters, query and body, if any. */
export function badText(req: Pick<FastifyRequest, 'params' | 'query' | 'body'>): FieldError[] {
  const out: FieldError[] = [];
  for (const part of [req.params, req.query, req.body]) collect(part, [], out);
  return out;
}

export function registerInputGuard(app: App) {
  app.addHook('preValidation', async (req) => {
    // The static files' handler answers 404 for a name that cannot be a file.
    if (req.routeOptions.config?.staticFiles) return;
    const errors = badText(req);
    if (errors.length) throw new AppError('VALIDATION', { errors });
  });
}
