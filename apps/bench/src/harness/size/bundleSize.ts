import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type Plugin } from 'esbuild';
import { benchDir } from '../paths';

/** One output file of a bundle: the entry chunk, a chunk it imports statically, or one behind `import()`. */
export interface Chunk {
  file: string;
  upFront: boolean;
  min: number;
  gzip: number;
  /** Minified bytes of each input module in this chunk, largest first. */
  inputs: [string, number][];
}

export interface BundleSize {
  /**
   * The entry chunk and what it imports statically, transitively: what a page downloads first.
   * `gzip` compresses those files together, as they end up inside an app's own chunk;
   * `gzipPerFile` sums them gzipped one by one (a little more: no shared dictionary).
   */
  min: number;
  gzip: number;
  gzipPerFile: number;
  /** Chunks behind a dynamic `import()`, loaded only when a feature is used. */
  lazyMin: number;
  lazyGzip: number;
  chunks: Chunk[];
}

export interface BundleOptions {
  /** With splitting, code behind `import()` gets its own chunks; without, everything lands in one file. */
  splitting: boolean;
  plugins?: Plugin[];
}

/** `build.target` 'baseline-widely-available' of Vite 7, what most React apps ship with. */
const VITE_DEFAULT_TARGET = ['chrome107', 'edge107', 'firefox104', 'safari16'];

const gzip = (bytes: Uint8Array): number => gzipSync(bytes, { level: 9 }).byteLength;

/** Shorter input names: `packages/sse-react/src/...`, `<package>/...` for node_modules. */
function moduleName(path: string): string {
  return path.replace(/^.*?packages\//, 'packages/').replace(/^.*node_modules\//, '').replace(/^(\.\.\/)+/, '');
}

function upFrontFiles(outputs: Metafile['outputs']): Set<string> {
  const entry = Object.keys(outputs).find((path) => outputs[path]?.entryPoint !== undefined) ?? '';
  const upFront = new Set<string>();
  const visit = (path: string): void => {
    if (upFront.has(path) || !outputs[path]) return;
    upFront.add(path);
    for (const imported of outputs[path]?.imports ?? []) if (imported.kind === 'import-statement' && !imported.external) visit(imported.path);
  };
  visit(entry);
  return upFront;
}

/**
 * Bundles a one-line entry as an app's production build would: esbuild, minified, Vite's default
 * browser target, `process.env.NODE_ENV` = "production", React external, gzip -9 per file.
 */
export async function bundleSize(code: string, options: BundleOptions): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: code, resolveDir: join(benchDir, 'src/fixtures'), loader: 'ts', sourcefile: 'entry.ts' },
    bundle: true,
    splitting: options.splitting,
    outdir: join(benchDir, '.tmp/bundle'),
    minify: true,
    format: 'esm',
    platform: 'browser',
    // Vite's default build target (baseline widely available): class fields and private members stay as written.
    target: VITE_DEFAULT_TARGET,
    write: false,
    logLevel: 'silent',
    external: ['react', 'react-dom', 'react/jsx-runtime', 'react-dom/client'],
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    plugins: options.plugins ?? [],
  });
  const files = new Map(result.outputFiles.map((file) => [relative(benchDir, file.path), file.contents]));
  const outputs = result.metafile.outputs;
  const upFront = upFrontFiles(outputs);
  const chunks: Chunk[] = Object.keys(outputs)
    .filter((path) => path.endsWith('.js'))
    .map((path) => {
      const bytes = files.get(path) ?? new Uint8Array();
      const inputs = Object.entries(outputs[path]?.inputs ?? {})
        .map(([input, { bytesInOutput }]) => [moduleName(input), bytesInOutput] as [string, number])
        .filter(([, bytes]) => bytes > 0)
        .sort((a, b) => b[1] - a[1]);
      return { file: path.replace(/^.*\//, ''), upFront: upFront.has(path), min: bytes.byteLength, gzip: gzip(bytes), inputs };
    })
    .sort((a, b) => Number(b.upFront) - Number(a.upFront) || b.gzip - a.gzip);
  const sum = (list: Chunk[], field: 'min' | 'gzip'): number => list.reduce((total, chunk) => total + chunk[field], 0);
  const first = chunks.filter((c) => c.upFront);
  const lazy = chunks.filter((c) => !c.upFront);
  const together = Buffer.concat([...upFront].map((path) => files.get(path) ?? new Uint8Array()));
  return { min: sum(first, 'min'), gzip: gzip(together), gzipPerFile: sum(first, 'gzip'), lazyMin: sum(lazy, 'min'), lazyGzip: sum(lazy, 'gzip'), chunks };
}
