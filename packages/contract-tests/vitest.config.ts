import { defineConfig } from 'vitest/config';

// The workspace packages run from their sources (the `source` export condition): no build needed.
export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'], externalConditions: ['source'] } },
  test: { name: 'contract', environment: 'node', include: ['tests/**/*.test.ts'], testTimeout: 30_000 },
});
