import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { benchDir } from './paths';

type ExportTarget = string | { [condition: string]: ExportTarget } | null | undefined;

function pick(target: ExportTarget): string | undefined {
  if (typeof target === 'string') return target;
  if (!target) return undefined;
  for (const condition of ['node', 'import', 'default']) {
    const found = pick(target[condition]);
    if (found) return found;
  }
  return undefined;
}

/**
 * Imports the build a package publishes for Node ESM. The bench runs with `--conditions=source`
 * (our workspace packages run from their TypeScript), and some anchors (eventsource-parser,
 * eventsource) also have a `source` export: benchmarking their TypeScript compiled by tsx would
 * not be benchmarking what their users run.
 */
export async function importPublished<T>(name: string): Promise<T> {
  const dir = join(benchDir, 'node_modules', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { exports?: Record<string, ExportTarget>; module?: string; main?: string };
  const entry = pick(pkg.exports?.['.']) ?? pkg.module ?? pkg.main ?? 'index.js';
  return (await import(pathToFileURL(join(dir, entry)).href)) as T;
}
