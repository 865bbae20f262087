import { z } from 'zod';
import { findRegions } from '../../modules/regions/regions.repo.ts';
import { hasDemoAccounts, unscopedFindUser } from '../../modules/users/users.repo.ts';
import { AppError } from '../errors.ts';
import type { App } from '../http.ts';
import { clearSessionCookie, setSessionCookie } from './auth.hooks.ts';
import { changePassword, loadActor, login, logout, requiresTotp } from './auth.service.ts';
import { burnPasswordCheck } from './password.ts';
import { totpDisable, totpEnable, totpSetup } from './totp.service.ts';
import type { Actor } from '../context.ts';
import type { Db } from '../../db/client.ts';
import { rolesOfUsers } from '../../modules/users/users.repo.ts';

const zStage = z.enum(['full', 'change_password', 'enrol_totp']);

export const zMe = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  isDemo: z.boolean(),
  stage: zStage,
  totpEnabled: z.boolean(),
  totpRequired: z.boolean(),
  /** When an administrator last reset this password (not yet changed since): the console tells the user. */
  passwordResetAt: z.string().nullable(),
  roles: z.array(z.object({ code: z.string(), name: z.string(), nameEn: z.string() })),
  permissions: z.array(z.string()),
  scopes: z.array(z.object({ code: z.string(), name: z.string() })),
});

const zTotpProof = z.object({ password: z.string().min(1).max(128), code: z.string().trim().min(6).max(6) });

async function presentMe(db: Db, actor: Actor, stage: string) {
  const user = await unscopedFindUser(db, actor.id);
  if (!user) throw new AppError('UNAUTHENTICATED');
  const roleRows = await rolesOfUsers(db, [actor.id]);
  const regionRows = await findRegions(db, [...new Set([user.regionCode, ...actor.scopes])]);
  const nameOf = (code: string) => (code === '' ? '全国' : (regionRows.find((r) => r.code === code)?.name ?? code));
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    regionCode: user.regionCode,
    regionName: nameOf(user.regionCode),
    isDemo: user.isDemo,
    stage: stage as z.infer<typeof zStage>,
    totpEnabled: user.totpEnabled,
    totpRequired: requiresTotp(user, actor.permissions),
    passwordResetAt: user.passwordResetAt?.toISOString() ?? null,
    roles: roleRows.map((r) => ({ code: r.code, name: r.name, nameEn: r.nameEn })),
    permissions: [...actor.permissions].sort(),
    scopes: actor.scopes.map((code) => ({ code, name: nameOf(code) })),
  };
}

export async function authRoutes(app: App) {
  const { database, pii, params, config } = app.deps;

  const db = database.db;
  // The dummy hash is made once; made now, the first unknown username costs no more than the rest.
  burnPasswordCheck('').catch(() => {});

  app.get('/system/info', {
    config: { permission: 'public' },
    schema: {
      tags: ['auth'],
      response: { 200: z.object({ name: z.string(), demo: z.boolean(), version: z.string() }) },
    },
    handler: async () => ({ name: await params.get('sys.name'), demo: await hasDemoAccounts(db), version: '0.1.0' }),
  });

  app.post('/auth/login', {
    config: { permission: 'public', rateLimit: { max: config.loginRateLimit, timeWindow: '1 minute' } },
    schema: {
      tags: ['auth'],
      body: z.object({
        username: z.string().trim().min(1).max(64),
        password: z.string().min(1).max(128),
        totp: z.string().max(10).optional(),
      }),
      response: { 200: z.object({ stage: zStage, user: zMe }) },
    },
    handler: async (req, reply) => {
      const result = await login(db, { params, pii }, req.body, {
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? '',
        now: app.deps.clock.now(),
      });
      setSessionCookie(app, reply, result.token);
      const actor = await loadActor(db, result.user, '');
      return { stage: result.stage, user: await presentMe(db, actor, result.stage) };
    },
  });

  app.post('/auth/logout', {
    config: { permission: 'authenticated', allowPartial: true, idempotent: false },
    schema: { tags: ['auth'], response: { 204: z.null() } },
    handler: async (req, reply) => {
      await logout(db, req.ctx());
      clearSessionCookie(app, reply);
      return reply.code(204).send(null);
    },
  });

  app.get('/me', {
    config: { permission: 'authenticated', allowPartial: true },
    schema: { tags: ['auth'], response: { 200: zMe } },
    handler: async (req) => presentMe(db, req.ctx().actor, req.sessionStage ?? 'full'),
  });

  app.post('/auth/password', {
    config: { permission: 'authenticated', allowPartial: true, idempotent: false },
    schema: {
      tags: ['auth'],
      body: z.object({ oldPassword: z.string().min(1).max(128), newPassword: z.string().min(1).max(128) }),
      response: { 200: z.object({ stage: zStage }) },
    },
    handler: async (req) => ({ stage: await changePassword(db, params, req.ctx(), req.body) }),
  });

  // With a second factor already enabled, starting over needs the password and a current code.
  app.post('/auth/totp/setup', {
    config: { permission: 'authenticated', allowPartial: true, idempotent: false },
    schema: {
      tags: ['auth'],
      body: zTotpProof.partial().nullish(),
      response: {
        200: z.object({ secret: z.string(), uri: z.string(), qrDataUrl: z.string(), setupToken: z.string() }),
      },
    },
    handler: async (req) => totpSetup(db, { params, pii }, req.ctx(), req.body ?? {}),
  });

  app.post('/auth/totp/enable', {
    config: { permission: 'authenticated', allowPartial: true, idempotent: false },
    schema: {
      tags: ['auth'],
      body: z.object({ code: z.string().trim().min(6).max(6), setupToken: z.string().min(1).max(1000) }),
      response: { 200: z.object({ stage: zStage }) },
    },
    handler: async (req) => ({ stage: await totpEnable(db, { params, pii }, req.ctx(), req.body) }),
  });

  app.post('/auth/totp/disable', {
    config: { permission: 'authenticated', idempotent: false },
    schema: { tags: ['auth'], body: zTotpProof, response: { 204: z.null() } },
    handler: async (req, reply) => {
      await totpDisable(db, { params, pii }, req.ctx(), req.body);
      return reply.code(204).send(null);
    },
  });
}
