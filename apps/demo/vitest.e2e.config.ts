import { defineConfig } from 'vitest/config';

// End-to-end: real Chromium against the built demo and the real dev server. Node environment,
// one file at a time (each starts its own dev server and preview server on free ports).
export default defineConfig({
  // The workspace packages the tests import (e.g. @kit/sse-server-redis/testing) from their
  // sources, as every other test config does: without it they resolve to dist/, which exists only
  // after a build (it passed in CI only because check:package builds first).
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    name: 'demo-e2e',
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/globalSetup.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 30_000,
    // A real browser against real servers on a 2-core machine: one retry absorbs a scheduler
    // stall; a test that fails twice in a row still fails the run (and the first failure is printed).
    retry: 1,
    hookTimeout: 60_000,
  },
});
