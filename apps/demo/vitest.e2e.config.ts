import { defineConfig } from 'vitest/config';

// End-to-end: real Chromium against the built demo and the real dev server. Node environment,
// one file at a time (each starts its own dev server and preview server on free ports).
export default defineConfig({
  test: {
    name: 'demo-e2e',
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/globalSetup.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
