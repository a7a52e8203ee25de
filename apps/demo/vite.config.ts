import react from '@vitejs/plugin-react';
import { defaultClientConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// The demo runs against the kit's sources (the `source` export condition), so editing the
// library shows up here at once, without a build.
const devServer = process.env.DEV_SERVER_URL ?? 'http://127.0.0.1:8787';

export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: {
    proxy: {
      '/api': { target: devServer, changeOrigin: false },
      '/health': { target: devServer },
    },
  },
  test: {
    name: 'demo',
    environment: 'jsdom',
    include: ['tests/**/*.test.{ts,tsx}'],
  },
});
