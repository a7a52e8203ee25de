import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
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
 * Imports the build a package publishes for Node ESM, whatever conditions the process runs with:
 * some anchors (eventsource-parser, eventsource) have a `source` export, and their TypeScript
 * compiled by tsx is not what their users run.
 */
export async function importPublished<T>(name: string): Promise<T> {
  const dir = join(benchDir, 'node_modules', name);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { exports?: Record<string, ExportTarget>; module?: string; main?: string };
  const entry = pick(pkg.exports?.['.']) ?? pkg.module ?? pkg.main ?? 'index.js';
  return (await import(pathToFileURL(join(dir, entry)).href)) as T;
}

function newestFile(dir: string): { path: string; mtimeMs: number } {
  let newest = { path: dir, mtimeMs: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const candidate = entry.isDirectory() ? newestFile(path) : { path, mtimeMs: statSync(path).mtimeMs };
    if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
  }
  return newest;
}

/**
 * The directory of one of our workspace packages, after checking that its published build
 * (`dist/`) exists and is newer than every source file: measuring a stale build would credit or
 * blame code that is no longer there. Throws, saying how to build it.
 */
export function freshBuildOf(name: '@kit/sse-react'): string {
  const dir = join(benchDir, 'node_modules', name);
  const entry = join(dir, 'dist', 'index.js');
  const build = `build it first: npx -y pnpm@10.34.8 --filter ${name} build (npx -y pnpm@10.34.8 bench from the repository root builds it through turbo)`;
  if (!existsSync(entry)) throw new Error(`[@kit/bench] ${name} has no published build (${relative(benchDir, entry)} is missing): ${build}`);
  const newest = newestFile(join(dir, 'src'));
  if (newest.mtimeMs > statSync(entry).mtimeMs) {
    throw new Error(`[@kit/bench] ${name}'s dist/ is older than ${relative(dir, newest.path)}: ${build}`);
  }
  return dir;
}

/** Imports a subpath (`./core`) of our package's published ESM build, checked fresh by freshBuildOf. */
export async function importOurBuild<T>(subpath: '.' | './core' | './testing'): Promise<T> {
  const dir = freshBuildOf('@kit/sse-react');
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { exports: Record<string, ExportTarget> };
  const entry = pick(pkg.exports[subpath]);
  if (!entry) throw new Error(`[@kit/bench] @kit/sse-react exports no "${subpath}" for import`);
  return (await import(pathToFileURL(join(dir, entry)).href)) as T;
}
