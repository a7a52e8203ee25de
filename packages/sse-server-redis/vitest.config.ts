import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources, so tests never need a build first.
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: {
    name: 'sse-server-redis',
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    // Each file starts (and kills, and restarts) its own redis-server: give those a moment.
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
