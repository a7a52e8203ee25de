// Runs against dist/ (check:package builds first): what users get from the registry, loaded by
// Node's own resolver in a child process, in each module system.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = (file: string) => fileURLToPath(new URL(`../../dist/${file}`, import.meta.url));

function runFixture(file: string): Record<string, unknown> {
  const output = execFileSync(process.execPath, [fileURLToPath(new URL(`fixtures/${file}`, import.meta.url))], { encoding: 'utf8' });
  return JSON.parse(output) as Record<string, unknown>;
}

describe.each([
  { system: 'ESM', fixture: 'identity.mjs', extension: '.js' },
  { system: 'CJS', fixture: 'identity.cjs', extension: '.cjs' },
])('one class per concept across entries, $system', ({ fixture, extension }) => {
  const result = runFixture(fixture);

  it('loads the built files', () => {
    expect(result.resolved).toEqual([
      expect.stringMatching(new RegExp(`dist/index\\${extension}$`)),
      expect.stringMatching(new RegExp(`dist/core/index\\${extension}$`)),
    ]);
  });

  it('an SSEError from ./core is an SSEError of the root entry, and the other way round', () => {
    expect(result).toMatchObject({ coreErrorIsRootSSEError: true, rootErrorIsCoreSSEError: true, sameSSEError: true });
  });

  it('shares the inspection registry with ./devtools, and loads the lazy tab-sharing chunk', () => {
    expect(result).toMatchObject({ sameInspection: true, tabSharingLoads: true });
  });
});

describe('React Server Components: directives in the built files', () => {
  const firstLine = (file: string) => readFileSync(dist(file), 'utf8').split('\n', 1)[0];

  it.each(['index.js', 'index.cjs', 'devtools/index.js', 'devtools/index.cjs'])('%s (a client entry) starts with "use client"', (file) => {
    expect(firstLine(file)).toBe('"use client";');
  });

  it.each(['core/index.js', 'core/index.cjs', 'testing/index.js', 'testing/index.cjs', 'server/index.js', 'server/index.cjs'])(
    '%s has no directive',
    (file) => {
      expect(firstLine(file)).not.toMatch(/use client/);
    },
  );

  it('the react-server entry re-exports the client entry file itself, never a copy of the React layer', () => {
    const esm = readFileSync(dist('server/index.js'), 'utf8');
    const cjs = readFileSync(dist('server/index.cjs'), 'utf8');
    expect(esm).toMatch(/export \* from '\.\.\/index\.js'/);
    expect(esm).not.toMatch(/createContext|useSyncExternalStore/);
    expect(cjs).toMatch(/require\('\.\.\/index\.cjs'\)/);
    expect(cjs).not.toMatch(/createContext|useSyncExternalStore/);
  });
});
