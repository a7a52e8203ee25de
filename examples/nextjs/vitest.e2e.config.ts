import { defineConfig } from 'vitest/config';

// End-to-end: `next start` on the production build (turbo runs `build` first) and real Chromium.
export default defineConfig({
  test: {
    name: 'example-nextjs-e2e',
    environment: 'node',
    include: ['e2e/**/*.e2e.ts'],
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
