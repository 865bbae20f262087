import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Ctx } from '../context.ts';
import { AppError } from '../errors.ts';
import type { App } from '../http.ts';
import { requestLocale } from '../problem.ts';
import { actorOf } from './auth.service.ts';
import { COOKIE_PLAIN, COOKIE_SECURE, resolveSession } from './sessions.ts';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function sessionCookieName(secure: boolean) {
  return secure ? COOKIE_SECURE : COOKIE_PLAIN;
}

export function setSessionCookie(app: App, reply: FastifyReply, token: string) {
  const secure = app.deps.config.secureCookies;
  reply.setCookie(sessionCookieName(secure), token, { path: '/', httpOnly: true, secure, sameSite: 'lax' });
}

export function clearSessionCookie(app: App, reply: FastifyReply) {
  const secure = app.deps.config.secureCookies;
  reply.clearCookie(sessionCookieName(secure), { path: '/', httpOnly: true, secure, sameSite: 'lax' });
}

/**
 * CSRF defence in depth beside SameSite=Lax: a state-changing request that says where it comes
 * from must come from this site.
 */
function checkOrigin(app: App, req: FastifyRequest) {
  if (!STATE_CHANGING.has(req.method)) return;
  if (req.headers['sec-fetch-site'] === 'cross-site') throw new AppError('CSRF');
  const origin = req.headers.origin;
  if (!origin) return;
  const allowed = new Set<string>();
  if (app.deps.config.publicUrl) allowed.add(new URL(app.deps.config.publicUrl).origin);
  if (req.headers.host) {
    allowed.add(`http://${req.headers.host}`);
    allowed.add(`https://${req.headers.host}`);
  }
  if (!allowed.has(origin)) throw new AppError('CSRF');
}

export function registerAuthHooks(app: App) {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionStage', null);
  app.decorateRequest('ctx', function (this: FastifyRequest): Ctx {
    if (!this.actor) throw new AppError('UNAUTHENTICATED');
    return {
      actor: this.actor,
      ip: this.ip,
      requestId: this.id,
      locale: requestLocale(this),
      now: app.deps.clock.now(),
    };
  });

  app.addHook('onRequest', async (req) => {
    const permission = req.routeOptions.config?.permission;
    if (!permission) return;
    checkOrigin(app, req);
    if (permission === 'public') return;
    const token = req.cookies[sessionCookieName(app.deps.config.secureCookies)];
    const { db } = app.deps.database;
    const now = app.deps.clock.now();
    const found = token ? await resolveSession(db, app.deps.params, token, now) : null;
    if (found?.user.status !== 'active') throw new AppError('UNAUTHENTICATED');
    const { session, user } = found;
    req.actor = actorOf(user, found.roles, found.scopes, session.id);
    req.sessionStage = session.stage;
    if (session.stage !== 'full' && !req.routeOptions.config.allowPartial) {
      throw new AppError(session.stage === 'change_password' ? 'PASSWORD_CHANGE_REQUIRED' : 'TOTP_ENROLMENT_REQUIRED');
    }
    if (permission !== 'authenticated' && !req.actor.permissions.has(permission)) {
      throw new AppError('FORBIDDEN');
    }
  });
}
