import { defineConfig } from 'vitest/config';

// End-to-end: the Express server on the client build (turbo runs `build` first) and real Chromium.
export default defineConfig({
  test: {
    name: 'example-express-e2e',
    root: '.',
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
