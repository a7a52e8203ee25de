import { join } from 'node:path';
import type { Plugin } from 'esbuild';
import { kB, ratio } from '../harness/format';
import { installedVersion } from '../harness/machine';
import { freshBuildOf } from '../harness/published';
import type { Benchmark, Target } from '../harness/report';
import { bundleSize, type BundleSize, type Chunk } from '../harness/size/bundleSize';
import type { Table } from '../harness/table';

interface Entry {
  name: string;
  /** What an app imports, as a re-export so nothing is tree-shaken away. */
  code: string;
  ours?: boolean;
  /** The most the up-front part (min+gzip bytes) may weigh. */
  budget?: number;
}

const ROOT = '@kit/sse-react: SSEProvider + useSSEEvent';
/** Issue 16: the root entry an app starts from, smaller than the peers' hooks. */
const ROOT_BUDGET = 6500;

const CONTENDERS: Entry[] = [
  { name: ROOT, code: "export { SSEProvider, useSSEEvent } from '@kit/sse-react';", ours: true, budget: ROOT_BUDGET },
  { name: 'react-hooks-sse: SSEProvider + useSSE', code: "export { SSEProvider, useSSE } from 'react-hooks-sse';" },
  { name: 'react-use-websocket: useEventSource', code: "export { useEventSource } from 'react-use-websocket';" },
  { name: '@microsoft/fetch-event-source + a user hook', code: "export { useFetchEventSource } from './useFetchEventSource';" },
];

/**
 * A budget per published entry, up front, min+gzip: what each may weigh once issue 16's cut is in.
 * `.` whole is the root entry's 6.5 kB plus the other hooks and components (~1.5 kB); `./core` whole
 * is the root entry without React; the parser alone stays near eventsource-parser's (a context row).
 * Devtools and testing never ship in a production page: their budgets sit just above today's size,
 * so growth is noticed. Change a budget deliberately, in its own commit, saying why.
 */
const ENTRIES: Entry[] = [
  { name: '`.` everything (export *)', code: "export * from '@kit/sse-react';", ours: true, budget: 8000 },
  { name: '`./core` createParser', code: "export { createParser } from '@kit/sse-react/core';", ours: true, budget: 2000 },
  { name: '`./core` everything (export *)', code: "export * from '@kit/sse-react/core';", ours: true, budget: 6500 },
  { name: '`./devtools` (export *)', code: "export * from '@kit/sse-react/devtools';", ours: true, budget: 3000 },
  { name: '`./testing` (export *)', code: "export * from '@kit/sse-react/testing';", ours: true, budget: 1500 },
  { name: 'eventsource-parser 3.1.1: createParser (context)', code: "export { createParser } from 'eventsource-parser';" },
];

const SOURCES: Record<string, string> = { '': 'src/index.ts', '/core': 'src/core/index.ts', '/testing': 'src/testing/index.ts', '/devtools': 'src/devtools/index.ts' };

/** Our package from its TypeScript (not the `source` condition: an anchor has one too), for the per-module costs. */
function ourSources(pkg: string): Plugin {
  return {
    name: 'kit-sources',
    setup(b) {
      b.onResolve({ filter: /^@kit\/sse-react(\/core|\/testing|\/devtools)?$/ }, (args) => ({
        path: join(pkg, SOURCES[args.path.slice('@kit/sse-react'.length)] ?? 'src/index.ts'),
      }));
    },
  };
}

function chunkRows(size: BundleSize): string[][] {
  return size.chunks.map((c: Chunk) => [
    c.file,
    c.upFront ? 'up front' : 'behind import()',
    String(c.min),
    String(c.gzip),
    c.inputs.slice(0, 3).map(([input]) => input.replace(/^packages\/sse-react\//, '')).join(', '),
  ]);
}

function moduleRows(size: BundleSize): string[][] {
  const total = size.min + size.lazyMin;
  const modules = size.chunks.flatMap((c) => c.inputs.map(([input, bytes]) => ({ input, bytes, upFront: c.upFront })));
  modules.sort((a, b) => Number(b.upFront) - Number(a.upFront) || b.bytes - a.bytes);
  return modules.map((m) => [m.input.replace(/^packages\/sse-react\//, ''), m.upFront ? 'up front' : 'behind import()', String(m.bytes), `${((m.bytes / total) * 100).toFixed(1)}%`]);
}

function budgetTarget(entry: Entry, size: BundleSize): Target {
  return { name: `${entry.name}: up front, min+gzip`, goal: `≤ ${kB(entry.budget ?? 0)}`, measured: kB(size.gzip), met: size.gzip <= (entry.budget ?? 0) };
}

export const bundleBenchmark: Benchmark = async ({ log }) => {
  const pkg = freshBuildOf('@kit/sse-react');
  log('bundling @kit/sse-react from its published build (dist/)');
  const split = new Map<string, BundleSize>();
  const single = new Map<string, BundleSize>();
  for (const entry of [...CONTENDERS, ...ENTRIES]) {
    split.set(entry.name, await bundleSize(entry.code, { splitting: true }));
    single.set(entry.name, await bundleSize(entry.code, { splitting: false }));
  }
  const sizeOf = (name: string): BundleSize => split.get(name) as BundleSize;
  const ours = sizeOf(ROOT);
  const fromSource = await bundleSize(CONTENDERS[0]?.code ?? '', { splitting: true, plugins: [ourSources(pkg)] });
  const lazyCell = (s: BundleSize): string => (s.lazyGzip > 0 ? kB(s.lazyGzip) : '–');
  const tables: Table[] = [
    {
      caption: 'What an app downloads first for each hook (splitting on; react external):',
      headers: ['Import', 'up front, min', 'up front, min+gzip', 'ours / this (gzip; > 1: ours is larger)', 'behind import(), min+gzip', 'one file (no splitting), min+gzip'],
      rows: CONTENDERS.map((e) => {
        const s = sizeOf(e.name);
        return [e.name, kB(s.min), kB(s.gzip), e.ours ? '1.00x' : ratio(ours.gzip, s.gzip), lazyCell(s), kB(single.get(e.name)?.gzip ?? Number.NaN)];
      }),
    },
    {
      caption: `The files of \`${ROOT}\` from dist/ (bytes, each file gzipped alone: ${kB(ours.gzipPerFile)} up front that way; main inputs by size):`,
      headers: ['File', 'loaded', 'min', 'min+gzip', 'main inputs'],
      rows: chunkRows(ours),
      align: ['l', 'l', 'r', 'r', 'l'],
    },
    {
      caption: 'Size budget per entry (up front, min+gzip, from dist/):',
      headers: ['Entry', 'up front, min', 'up front, min+gzip', 'behind import(), min+gzip', 'budget', 'status'],
      rows: [CONTENDERS[0] as Entry, ...ENTRIES].map((e) => {
        const s = sizeOf(e.name);
        return [e.name, kB(s.min), kB(s.gzip), lazyCell(s), e.budget ? `≤ ${kB(e.budget)}` : '(context)', e.budget ? (s.gzip <= e.budget ? 'met' : 'NOT MET') : ''];
      }),
    },
    {
      caption: `What each source module of \`${ROOT}\` costs (bundled from src/ with a metafile: ${kB(fromSource.min)} min and ${kB(fromSource.gzip)} min+gzip up front, ${kB(fromSource.lazyMin)} min behind import(); minified bytes of each module in the output, before gzip):`,
      headers: ['Module', 'loaded', 'minified bytes', 'share of all'],
      rows: moduleRows(fromSource),
      align: ['l', 'l', 'r', 'r'],
    },
  ];
  const budgeted = [CONTENDERS[0] as Entry, ...ENTRIES].filter((e) => e.budget !== undefined);
  return {
    id: 'bundle',
    title: 'Bundle size',
    method:
      `esbuild ${installedVersion('esbuild')} bundles a one-line entry re-exporting what an app imports: minified, for Vite's default browser target (chrome107, edge107, firefox104, safari16: class fields stay as written), \`process.env.NODE_ENV\` = "production", \`react\`/\`react-dom\` external, then gzip -9. ` +
      '@kit/sse-react is bundled from its published build (dist/, checked newer than its sources; `pnpm bench` builds it first). `up front` is the entry chunk and its static imports, with esbuild `splitting` on so that code behind a dynamic `import()` (tab sharing) goes to chunks loaded only when used, counted apart. `min+gzip` up front compresses the up-front files together, as the app bundler merges them into its own chunk (the file table also gives each file gzipped alone); the last column of the first table is the same import bundled into one file. ' +
      'The per-module table bundles the same import from the TypeScript sources with a metafile, which names every source module (dist/ hides them in chunks). Sizes are deterministic: one run, no rounds. kB = 1000 bytes.',
    tables,
    charts: [
      {
        file: 'bundle.svg',
        chart: {
          title: 'Bundle size, up front, min+gzip',
          unit: 'bytes',
          subtitle: 'lower is better; react and react-dom external',
          groups: [
            {
              label: 'min+gzip bytes',
              bars: CONTENDERS.map((e) => {
                const v = sizeOf(e.name).gzip;
                return { label: e.name, ours: e.ours === true, median: v, min: v, max: v, n: 1 };
              }),
            },
          ],
        },
      },
    ],
    targets: budgeted.map((e) => budgetTarget(e, sizeOf(e.name))),
    notes: [],
    headline: {
      headers: ['Bundle (up front, min+gzip)', 'Size'],
      rows: CONTENDERS.map((e) => [e.name, kB(sizeOf(e.name).gzip)]),
    },
  };
};
