import { defineConfig } from 'vitest/config';

/** Browser journeys: the built app on a free port with a fresh embedded database, driven in Debian's Chromium. */
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['apps/web/e2e/**/*.e2e.ts'],
    globalSetup: ['apps/web/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
