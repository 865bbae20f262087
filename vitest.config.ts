import { defineConfig } from 'vitest/config';

const serverTests = ['apps/server/src/**/*.test.ts', 'apps/server/test/**/*.test.ts'];

/**
 * `npm test`: the shared and web unit tests and the server's database suite on PGlite; with
 * TEST_DATABASE_URL set, the same database suite runs a second time on native PostgreSQL.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', include: ['packages/shared/src/**/*.test.ts'] } },
      { test: { name: 'web', include: ['apps/web/src/**/*.test.ts'] } },
      {
        test: {
          name: 'server:pglite',
          include: serverTests,
          globalSetup: ['apps/server/test/global-setup.pglite.ts'],
          env: { LIANXIN_TEST_DB: 'pglite' },
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              test: {
                name: 'server:postgres',
                include: serverTests,
                // Start-up of the embedded mode (data-dir lock, key file) has nothing to run on PostgreSQL.
                exclude: ['apps/server/test/startup.test.ts'],
                globalSetup: ['apps/server/test/global-setup.postgres.ts'],
                env: { LIANXIN_TEST_DB: 'pg' },
                testTimeout: 30_000,
                hookTimeout: 60_000,
              },
            },
          ]
        : []),
    ],
  },
});
