import { defineConfig } from 'vitest/config';

// The packaging tests: they read and load dist/ (built by check:package's `build` dependency),
// never the sources, so no alias here.
export default defineConfig({
  test: { name: 'package', environment: 'node', include: ['tests/package/**/*.test.ts'] },
});
