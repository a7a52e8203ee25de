import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = dirname(fileURLToPath(import.meta.url));
const src = (path: string) => resolve(here, 'src', path);

// Tests import the public entry names; they resolve to the sources, so no build is needed.
const entryAliases = [
  { find: /^@kit\/sse-react$/, replacement: src('index.ts') },
  { find: /^@kit\/sse-react\/core$/, replacement: src('core/index.ts') },
  { find: /^@kit\/sse-react\/testing$/, replacement: src('testing/index.ts') },
  { find: /^@kit\/sse-react\/devtools$/, replacement: src('devtools/index.ts') },
];

// The React 18 run resolves react, react-dom and Testing Library from a harness package that
// depends on react@18, so that pnpm links each of them against React 18 rather than 19.
const fromHarness = createRequire(resolve(here, 'react18/package.json'));
const react18Aliases = [
  'react/jsx-runtime',
  'react/jsx-dev-runtime',
  'react-dom/client',
  'react-dom/server',
  'react-dom/test-utils',
  'react-dom',
  'react',
  '@testing-library/react',
].map((name) => ({
  find: new RegExp(`^${name.replace('/', '\\/')}$`),
  replacement: fromHarness.resolve(name),
}));

const reactTests = ['tests/react/**/*.test.{ts,tsx}'];

export default defineConfig({
  resolve: { alias: entryAliases },
  test: {
    restoreMocks: true,
    projects: [
      {
        extends: true,
        test: { name: 'core', environment: 'node', include: ['tests/core/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'react19', environment: 'jsdom', include: reactTests, env: { EXPECTED_REACT_MAJOR: '19' } },
      },
      {
        extends: true,
        resolve: { alias: [...entryAliases, ...react18Aliases] },
        test: { name: 'react18', environment: 'jsdom', include: reactTests, env: { EXPECTED_REACT_MAJOR: '18' } },
      },
      {
        extends: true,
        test: {
          name: 'types',
          include: [],
          typecheck: { enabled: true, only: true, include: ['tests/types/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
        },
      },
    ],
  },
});
