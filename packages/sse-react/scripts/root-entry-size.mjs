// Size of what an app ships up front for `import { SSEProvider, useSSEEvent } from '@kit/sse-react'`,
// with and without the devtools entry, bundled from the sources by esbuild (minified,
// NODE_ENV=production, React external, splitting on: chunks behind a dynamic import, such as the
// tab-sharing code, load only when used and are listed apart).
// Run from the repository root: node packages/sse-react/scripts/root-entry-size.mjs
// (esbuild comes from apps/bench's dependencies).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const pkg = fileURLToPath(new URL('..', import.meta.url));
const esbuild = createRequire(new URL('../../../apps/bench/package.json', import.meta.url)).resolve('esbuild');
const { build } = await import(esbuild);

async function measure(label, contents) {
  const result = await build({
    stdin: { contents, resolveDir: pkg, loader: 'tsx', sourcefile: 'entry.tsx' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    splitting: true,
    outdir: '/virtual-out',
    write: false,
    metafile: true,
    conditions: ['source'],
    external: ['react', 'react-dom', 'react/jsx-runtime'],
    define: { 'process.env.NODE_ENV': '"production"' },
    alias: { '@kit/sse-react': `${pkg}src/index.ts`, '@kit/sse-react/devtools': `${pkg}src/devtools/index.ts` },
    logLevel: 'error',
  });
  const name = (path) => path.replace(/^.*virtual-out\//, '');
  const files = new Map(result.outputFiles.map((file) => [name(file.path), file.contents]));
  const outputs = new Map(Object.entries(result.metafile.outputs).map(([path, output]) => [name(path), output]));
  const upFront = new Set();
  const visit = (file) => {
    if (upFront.has(file)) return;
    upFront.add(file);
    for (const imported of outputs.get(file)?.imports ?? []) {
      if (imported.kind === 'import-statement' && imported.external !== true) visit(name(imported.path));
    }
  };
  visit([...outputs].find(([, output]) => output.entryPoint !== undefined)[0]);
  const code = Buffer.concat([...upFront].map((file) => files.get(file)));
  const lazy = [...files].filter(([file]) => !upFront.has(file));
  console.log(`${label}: ${code.length} B min, ${gzipSync(code).length} B min+gzip up front`);
  for (const [file, contents] of lazy) console.log(`  on demand: ${file.replace(/-[A-Z0-9]+\.js$/, '')} ${contents.length} B min, ${gzipSync(contents).length} B min+gzip`);
}

await measure('root entry', "import { SSEProvider, useSSEEvent } from '@kit/sse-react'; console.log(SSEProvider, useSSEEvent);");
await measure(
  'root entry + devtools',
  "import { SSEProvider, useSSEEvent } from '@kit/sse-react'; import { SSEDevtools } from '@kit/sse-react/devtools'; console.log(SSEProvider, useSSEEvent, SSEDevtools);",
);
