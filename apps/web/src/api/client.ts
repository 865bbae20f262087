import createClient, { type Middleware } from 'openapi-fetch';
import { currentLanguage } from '../i18n';
import { type Problem, readProblem } from './problem-body';
import type { paths } from './schema';

/** Where a response tells us the session is missing or not yet complete. */
const STAGE_ROUTES: Record<string, string> = {
  UNAUTHENTICATED: '/login',
  PASSWORD_CHANGE_REQUIRED: '/password',
  TOTP_ENROLMENT_REQUIRED: '/totp',
};

let redirect: (to: string) => void = (to) => window.location.assign(to);

/** The app installs the router's navigate here, so a lost session leaves through the router. */
export function setAuthRedirect(fn: (to: string) => void) {
  redirect = fn;
}

/** Sends the user to log in again (or to a pending forced step) when an answer says so. */
async function followSession(requestUrl: string, response: Response) {
  if (response.status !== 401 && response.status !== 403) return;
  if (new URL(requestUrl, window.location.origin).pathname.endsWith('/auth/login')) return;
  const problem = await readProblem(response.clone());
  const to = problem && STAGE_ROUTES[problem.code];
  if (to && window.location.pathname !== to) {
    const back =
      to === '/login' ? `?redirect=${encodeURIComponent(window.location.pathname + window.location.search)}` : '';
    redirect(to + back);
  }
}

const session: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', currentLanguage());
    return request;
  },
  async onResponse({ request, response }) {
    await followSession(request.url, response);
    return response;
  },
};

/**
 * For the few calls the generated client cannot type — multipart uploads and file downloads —
 * with the same language header and the same handling of a lost session. Throws ApiError.
 */
export async function fetchApi(url: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Accept-Language', currentLanguage());
  const response = await fetch(url, { ...init, headers, credentials: 'same-origin' });
  await followSession(url, response);
  if (!response.ok) {
    const problem = await readProblem(response);
    throw new ApiError(problem ?? { code: 'INTERNAL', title: response.statusText, status: response.status });
  }
  return response;
}

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(session);

/** A failed API call, carrying the server's problem+json body. */
export class ApiError extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }
  get code() {
    return this.problem.code;
  }
  get status() {
    return this.problem.status;
  }
}

type Result<T> = { data?: T; error?: unknown; response: Response };

/** Resolves to the response data, or throws an ApiError with the problem body. */
export async function unwrap<T>(call: Promise<Result<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(toProblem(error, response));
  return data as T;
}

function toProblem(body: unknown, response: Response): Problem {
  if (body && typeof body === 'object' && 'code' in body && 'title' in body) return body as Problem;
  return {
    code: response.status >= 500 ? 'INTERNAL' : 'BAD_REQUEST',
    title: response.statusText || String(response.status),
    status: response.status,
  };
}

/**
 * A fresh Idempotency-Key: 128 random bits in hex. getRandomValues rather than randomUUID, which
 * browsers offer only in secure contexts and a console may be served over plain HTTP on a LAN.
 */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Waits before each automatic retry of a create; two retries at most. */
const CREATE_RETRY_MS = [600, 1800];
const LOST_ANSWER = new Set([502, 503, 504]);

/**
 * Sends a create (a POST answering 201) with one Idempotency-Key per submission. When the answer
 * is lost (network failure, 502–504) or the same submission is still running on the server (409
 * IDEMPOTENCY_IN_PROGRESS), it sends again with the same key: the server replays the first
 * answer instead of creating twice. Everything else resolves or throws as `unwrap` does.
 */
export async function create<T>(
  send: (init: { headers: { 'Idempotency-Key': string } }) => Promise<Result<T>>,
): Promise<T> {
  const init = { headers: { 'Idempotency-Key': newIdempotencyKey() } };
  for (let attempt = 0; ; attempt++) {
    const last = attempt >= CREATE_RETRY_MS.length;
    let result: Result<T>;
    try {
      result = await send(init);
    } catch (err) {
      if (last) throw err;
      await new Promise((r) => setTimeout(r, CREATE_RETRY_MS[attempt]));
      continue;
    }
    const { status } = result.response;
    const inProgress =
      status === 409 && (result.error as { code?: string } | undefined)?.code === 'IDEMPOTENCY_IN_PROGRESS';
    if (!last && (LOST_ANSWER.has(status) || inProgress)) {
      await new Promise((r) => setTimeout(r, CREATE_RETRY_MS[attempt]));
      continue;
    }
    return unwrap(Promise.resolve(result));
  }
}
