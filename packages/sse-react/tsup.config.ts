import { readFile, writeFile } from 'node:fs/promises';
import { defineConfig, type Options } from 'tsup';

type Plugin = NonNullable<Options['plugins']>[number];
type EsbuildPlugin = NonNullable<Options['esbuildPlugins']>[number];

// Entries that render React: Client Components for React Server Components. Their built files
// start with "use client" (ESM and CJS); the core and the testing helpers stay directive-free.
const clientEntries = ['index', 'devtools/index'];

/**
 * Runs once everything else has written its files. Prepends "use client" to the client entries
 * (bundlers drop module-level directives, so it cannot come from the sources) and shifts their
 * source maps by the line it adds; shared chunks get none, since the core entry imports them too.
 * Also drops the second `sourceMappingURL` comment the Rollup pass leaves behind.
 */
const finishOutput: Plugin = {
  name: 'finish-output',
  async buildEnd({ writtenFiles }) {
    const clientFiles = new Set(clientEntries.flatMap((entry) => [`dist/${entry}.js`, `dist/${entry}.cjs`]));
    const code = writtenFiles.map((file) => file.name).filter((name) => /\.c?js$/.test(name));
    const marked = code.filter((name) => clientFiles.has(name));
    if (marked.length !== clientEntries.length) {
      throw new Error(`[@kit/sse-react build] expected ${clientEntries.length} client entry files in this format, found ${marked.join(', ') || 'none'}`);
    }
    await Promise.all(
      code.map(async (file) => {
        const text = await readFile(file, 'utf8');
        const comment = text.slice(text.lastIndexOf('//# sourceMappingURL='));
        const deduplicated = text.endsWith(`${comment}\n${comment}`) ? text.slice(0, -comment.length - 1) : text;
        if (!clientFiles.has(file)) {
          if (deduplicated !== text) await writeFile(file, deduplicated);
          return;
        }
        await writeFile(file, `"use client";\n${deduplicated}`);
        const map = JSON.parse(await readFile(`${file}.map`, 'utf8')) as { mappings: string };
        map.mappings = `;${map.mappings}`;
        await writeFile(`${file}.map`, JSON.stringify(map));
      }),
    );
  },
};

/**
 * The react-server entry re-exports the client entry's built file (`src/server` imports `../index`):
 * it must stay a reference to that client module, never a second copy of the React layer bundled
 * into a server module.
 */
const clientEntryAsExternal: EsbuildPlugin = {
  name: 'client-entry-as-external',
  setup(build) {
    const extension = build.initialOptions.outExtension?.['.js'] ?? '.js';
    build.onResolve({ filter: /^\.\.\/index$/ }, (args) =>
      args.importer.includes('/src/server/') ? { path: `../index${extension}`, external: true } : undefined,
    );
  },
};

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'core/index': 'src/core/index.ts',
    'testing/index': 'src/testing/index.ts',
    'devtools/index': 'src/devtools/index.ts',
    'server/index': 'src/server/index.ts',
  },
  format: ['esm', 'cjs'],
  // The server entry shares the root entry's types (package.json points its condition there).
  dts: { entry: { index: 'src/index.ts', 'core/index': 'src/core/index.ts', 'testing/index': 'src/testing/index.ts', 'devtools/index': 'src/devtools/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // Shared chunks in CJS as in ESM: one SSEError class (and one of every other concept) however
  // many entries an app loads. With treeshake on, Rollup turns esbuild's ESM chunks into CJS.
  splitting: true,
  treeshake: true,
  external: ['react', 'react-dom'],
  plugins: [finishOutput],
  esbuildPlugins: [clientEntryAsExternal],
});
