import react from '@vitejs/plugin-react';
import { defaultClientConditions, type ProxyOptions } from 'vite';
import { defineConfig } from 'vitest/config';

// The demo runs against the kit's sources (the `source` export condition), so editing the
// library shows up here at once, without a build.
const devServer = process.env.DEV_SERVER_URL ?? 'http://127.0.0.1:8787';

const api: ProxyOptions = {
  target: devServer,
  changeOrigin: false,
  // When the dev server dies mid-stream, the proxy would otherwise keep the browser's response
  // open forever (a half-open stream only the idle watchdog notices). Ending it too makes the
  // proxy as faithful as a direct connection: the browser sees the stream break at once.
  configure(proxy) {
    proxy.on('proxyRes', (upstream, _req, res) => {
      upstream.on('close', () => {
        if (!upstream.complete) res.destroy();
      });
    });
  },
};
const proxy = { '/api': api, '/health': { target: devServer } };

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: { proxy },
  optimizeDeps: {
    // Imported only by the highlighter worker, which the dependency scan does not follow: without
    // this, the first `dev` run discovers them when a source panel appears and reloads the page.
    include: [
      '@shikijs/core',
      '@shikijs/engine-javascript',
      '@shikijs/langs/tsx',
      '@shikijs/themes/github-dark-default',
      '@shikijs/themes/github-light-default',
    ],
  },
  preview: { proxy },
  build: {
    // The pages embed their own source files and the API README as text, which is the point.
    chunkSizeWarningLimit: 1000,
  },
  test: {
    name: 'demo',
    environment: 'jsdom',
    include: ['tests/**/*.test.{ts,tsx}'],
    setupFiles: ['tests/setup.ts'],
  },
});
