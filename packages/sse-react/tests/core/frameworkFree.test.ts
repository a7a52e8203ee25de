import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const coreDir = join(import.meta.dirname, '../../src/core');
const importSpecifier = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

// Mirrors the ESLint rule, so the boundary holds even where lint is not run (an editor, a partial CI).
it('keeps src/core free of React and of the React layer', () => {
  const offenders = sourceFiles(coreDir).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(importSpecifier)]
      .map((match) => match[1] ?? match[2] ?? '')
      .filter((specifier) => /^(react|react-dom)(\/|$)/.test(specifier) || /(^|\/)react(\/|$)/.test(specifier))
      .map((specifier) => `${relative(coreDir, file)} imports ${specifier}`),
  );
  expect(offenders).toEqual([]);
});
