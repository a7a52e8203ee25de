// `pnpm dev`: Express with Vite as middleware (one port, hot reload).
// `pnpm start`: Express serving the client build from dist/ (run `pnpm build` first).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { createApp } from './app';
import { startFeed } from './feed';

const dev = process.argv.includes('--dev');
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3001);
const heartbeatMs = Number(process.env.HEARTBEAT_MS ?? 15_000);
const metricsEveryMs = Number(process.env.METRICS_EVERY_MS ?? 250);

const feed = startFeed({ metricsEveryMs });
const app = createApp({ feed, heartbeatMs });

if (dev) {
  const { createServer } = await import('vite');
  const vite = await createServer({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    server: { middlewareMode: true },
    appType: 'spa',
  });
  app.use(vite.middlewares);
} else {
  const dist = fileURLToPath(new URL('../dist', import.meta.url));
  if (!existsSync(`${dist}/index.html`)) {
    console.error('[example-express] No client build in dist/. Run `pnpm --filter @kit/example-express build` first, or use `dev`.');
    process.exit(1);
  }
  app.use(express.static(dist));
}

const server = app.listen(port, host, () => {
  console.log(`[example-express] http://${host}:${port} (${dev ? 'dev, Vite middleware' : 'serving dist/'})`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    feed.stop(); // ends every stream, so server.close() is not held open by them
    server.close(() => process.exit(0));
  });
}
