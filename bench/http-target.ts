/**
 * A server for bench/http.bench.ts, run in its own process so the load generator does not share
 * its event loop: `app` = Lianxin with the 肇庆 regions and a logged-in user; `bare` = Fastify
 * answering a constant. Prints one JSON line with the port (and the session cookie).
 */
import Fastify from 'fastify';
import { buildApp } from '../apps/server/src/app.ts';
import { loadConfig } from '../apps/server/src/config.ts';
import { openPglite, openPostgres } from '../apps/server/src/db/client.ts';
import { migrate } from '../apps/server/src/db/migrate.ts';
import { importRegions } from '../apps/server/src/modules/regions/regions.import.ts';
import { createPiiCipher } from '../apps/server/src/platform/pii.ts';
import { seedBase } from '../apps/server/src/seed/base.seed.ts';
import { createUser, TEST_PASSWORD } from '../apps/server/test/factories.ts';

const mode = process.argv[2];

if (mode === 'bare') {
  const app = Fastify();
  app.get('/api/v1/regions/:code/children', async () => ({ rows: [{ code: '441202001', name: '端州区城东街道' }] }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  console.log(JSON.stringify({ port: (app.server.address() as { port: number }).port }));
} else {
  const url = process.env.BENCH_DATABASE_URL;
  const database = url ? await openPostgres(url) : await openPglite(undefined);
  await migrate(database);
  await database.exec(`TRUNCATE users, user_roles, user_scopes, sessions CASCADE`);
  await seedBase(database.db, new Date());
  await importRegions(database, { prefix: '4412', now: new Date() });
  const pii = createPiiCipher('ab'.repeat(32));
  const user = await createUser(database.db, pii, {
    role: 'region_admin',
    regionCode: '4412',
    username: `bench-${process.pid}`,
  });
  const app = await buildApp({
    database,
    pii,
    config: loadConfig({ LIANXIN_DEMO: 'off', LIANXIN_WEB_DIST: '/nonexistent' }),
  });
  const login = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: user.username, password: TEST_PASSWORD },
  });
  const c = login.cookies[0];
  await app.listen({ port: 0, host: '127.0.0.1' });
  console.log(
    JSON.stringify({
      port: (app.server.address() as { port: number }).port,
      cookie: `${c.name}=${c.value}`,
      db: database.kind,
    }),
  );
}
