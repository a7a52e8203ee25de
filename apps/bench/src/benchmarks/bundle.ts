import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
import { kB, ratio } from '../harness/format';
import { benchDir } from '../harness/paths';
import type { Benchmark } from '../harness/report';
import type { Table } from '../harness/table';

interface Entry {
  name: string;
  code: string;
  ours?: boolean;
  /** Not a contender, shown for context (e.g. the whole root entry). */
  context?: boolean;
}

const LIMIT_BYTES = 5000;

// What an app imports, as a re-export so nothing is tree-shaken away.
const ENTRIES: Entry[] = [
  { name: '@kit/sse-react: SSEProvider + useSSEEvent', code: "export { SSEProvider, useSSEEvent } from '@kit/sse-react';", ours: true },
  { name: 'react-hooks-sse: SSEProvider + useSSE', code: "export { SSEProvider, useSSE } from 'react-hooks-sse';" },
  { name: 'react-use-websocket: useEventSource', code: "export { useEventSource } from 'react-use-websocket';" },
  {
    name: '@microsoft/fetch-event-source + a user hook',
    code: "export { useFetchEventSource } from './useFetchEventSource';",
  },
  { name: '@kit/sse-react: the whole root entry (export *)', code: "export * from '@kit/sse-react';", ours: true, context: true },
  { name: '@kit/sse-react/core: createParser', code: "export { createParser } from '@kit/sse-react/core';", ours: true, context: true },
  { name: 'eventsource-parser: createParser', code: "export { createParser } from 'eventsource-parser';", context: true },
];

const SOURCE_ENTRIES: Record<string, string> = { '': 'src/index.ts', '/core': 'src/core/index.ts', '/testing': 'src/testing/index.ts' };

// Not the `source` condition: eventsource-parser has one too, and it must be measured as published.
function ourSources(pkg: string): Plugin {
  return {
    name: 'kit-sources',
    setup(b) {
      b.onResolve({ filter: /^@kit\/sse-react(\/core|\/testing)?$/ }, (args) => ({
        path: join(pkg, SOURCE_ENTRIES[args.path.slice('@kit/sse-react'.length)] ?? 'src/index.ts'),
      }));
    },
  };
}

interface Size {
  /** The entry chunk and its static imports: what the page downloads. */
  min: number;
  gzip: number;
  /** Chunks behind dynamic import(), loaded only when a feature is used. */
  lazyGzip: number;
  metafile: Metafile;
  initial: string[];
}

async function measure(code: string, sourcesOf: string | null, splitting: boolean): Promise<Size> {
  const outdir = join(benchDir, 'results/.bundle');
  const result = await build({
    stdin: { contents: code, resolveDir: join(benchDir, 'src/fixtures'), loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    // With splitting, code behind a dynamic import() goes to its own chunk that is not downloaded
    // until used; without, everything lands in one file.
    splitting,
    outdir,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
    external: ['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client'],
    // Dev-only checks and warnings drop out, as in any production app build.
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    plugins: sourcesOf ? [ourSources(sourcesOf)] : [],
  });
  const files = new Map(result.outputFiles.map((file) => [relative(benchDir, file.path), file.contents]));
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((path) => outputs[path]?.entryPoint !== undefined) ?? '';
  // The entry chunk plus what it imports statically, transitively.
  const initial = new Set<string>();
  const visit = (path: string): void => {
    if (initial.has(path) || !outputs[path]) return;
    initial.add(path);
    for (const imported of outputs[path]?.imports ?? []) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entry);
  const sizeOf = (paths: Iterable<string>, zip: boolean): number =>
    [...paths].reduce((sum, path) => {
      const bytes = files.get(path) ?? new Uint8Array();
      return sum + (zip ? gzipSync(bytes, { level: 9 }).byteLength : bytes.byteLength);
    }, 0);
  const lazy = Object.keys(outputs).filter((path) => !initial.has(path) && path.endsWith('.js'));
  return {
    min: sizeOf(initial, false),
    gzip: sizeOf(initial, true),
    lazyGzip: sizeOf(lazy, true),
    metafile: result.metafile,
    initial: [...initial],
  };
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export const bundleBenchmark: Benchmark = async ({ log }) => {
  // The published build (dist/, which `pnpm bench` builds first through turbo); the TypeScript
  // sources when dist/ is missing or older than them (a `--only bundle` run without a build).
  const pkg = join(benchDir, 'node_modules/@kit/sse-react');
  const dist = join(pkg, 'dist/index.js');
  const useSource = !existsSync(dist) || statSync(dist).mtimeMs < newestMtime(join(pkg, 'src'));
  log(useSource ? 'dist/ missing or stale: bundling @kit/sse-react from its sources' : 'bundling @kit/sse-react from dist/');
  const sizes = new Map<string, Size>();
  const single = new Map<string, Size>();
  for (const entry of ENTRIES) {
    sizes.set(entry.name, await measure(entry.code, useSource ? pkg : null, true));
    single.set(entry.name, await measure(entry.code, useSource ? pkg : null, false));
  }
  const ours = sizes.get(ENTRIES[0]?.name ?? '');
  if (!ours) throw new Error('no size for our entry');
  // Where our bytes go, per source module (dist/ is bundled into chunks that hide it), in one file.
  const fromSource = await measure(ENTRIES[0]?.code ?? '', pkg, false);
  const inputs = fromSource.initial.flatMap((path) => Object.entries(fromSource.metafile.outputs[path]?.inputs ?? {}));
  const breakdown = inputs
    .map(([path, { bytesInOutput }]) => [path.replace(/^.*?packages\//, 'packages/').replace(/^.*node_modules\//, ''), bytesInOutput] as const)
    .filter(([, bytes]) => bytes > 0)
    .sort((a, b) => b[1] - a[1]);
  const contenders = ENTRIES.filter((e) => !e.context);
  const table: Table = {
    headers: ['Import', 'min', 'min+gzip', 'ours / this (gzip)', 'lazy chunks, min+gzip', 'one file (no splitting), min+gzip'],
    rows: ENTRIES.map((e) => {
      const s = sizes.get(e.name) ?? { min: Number.NaN, gzip: Number.NaN, lazyGzip: 0 };
      return [
        e.context ? `*${e.name}*` : e.name,
        kB(s.min),
        kB(s.gzip),
        e.context || e.ours ? '' : ratio(ours.gzip, s.gzip),
        s.lazyGzip > 0 ? kB(s.lazyGzip) : '–',
        kB(single.get(e.name)?.gzip ?? Number.NaN),
      ];
    }),
  };
  return {
    id: 'bundle',
    title: 'Bundle size',
    method:
      'esbuild bundle of a one-line entry re-exporting what an app imports, `react`/`react-dom` external, minified (ES2020, browser, `process.env.NODE_ENV` = "production"), then gzip -9. ' +
      `@kit/sse-react is bundled from ${useSource ? 'its TypeScript sources (dist/ was missing or older than them)' : 'its published build (dist/)'}. \`min\` and \`min+gzip\` count what a page downloads first: the entry chunk and its static imports, built with esbuild \`splitting\` so code behind a dynamic \`import()\` goes to lazy chunks (shown apart). esbuild turns every dynamic \`import()\` in the graph into a chunk and may share chunks with the entry, so a small import can pull a shared chunk in; the last column is the same import bundled into one file, dynamic imports inlined. Sizes are deterministic: one run. Rows in italics are context, not contenders. kB = 1000 bytes.`,
    tables: [
      table,
      {
        caption: `Where the bytes of \`SSEProvider + useSSEEvent\` come from (bundled from the TypeScript sources: ${kB(fromSource.min)} minified, ${kB(fromSource.gzip)} min+gzip; minified bytes per module, before gzip):`,
        headers: ['Module', 'minified bytes'],
        rows: breakdown.slice(0, 15).map(([path, bytes]) => [path, String(bytes)]),
      },
    ],
    charts: [
      {
        file: 'bundle.svg',
        chart: {
          title: 'Bundle size, min+gzip',
          unit: 'bytes',
          subtitle: 'lower is better; react and react-dom external',
          groups: [
            {
              label: 'min+gzip bytes',
              bars: contenders.map((e) => {
                const v = sizes.get(e.name)?.gzip ?? Number.NaN;
                return { label: e.name, ours: e.ours === true, median: v, min: v, max: v, n: 1 };
              }),
            },
          ],
        },
      },
    ],
    targets: [
      {
        name: 'SSEProvider + useSSEEvent, min+gzip',
        goal: `≤ ${kB(LIMIT_BYTES)}`,
        measured: kB(ours.gzip),
        met: ours.gzip <= LIMIT_BYTES,
      },
    ],
    notes: [],
    headline: {
      headers: ['Bundle (min+gzip)', 'Size'],
      rows: contenders.map((e) => [e.name, kB(sizes.get(e.name)?.gzip ?? Number.NaN)]),
    },
  };
};
