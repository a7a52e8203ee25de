import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'sse-server', environment: 'node', include: ['tests/**/*.test.ts'], restoreMocks: true },
});
