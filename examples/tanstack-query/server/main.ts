// `pnpm dev`: the API with Vite as middleware (one port, hot reload).
// `pnpm start`: the API serving the client build from dist/ (run `pnpm build` first).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApi } from './app';

const dev = process.argv.includes('--dev');
const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? 3002);
const api = createApi({ stepEveryMs: Number(process.env.STEP_EVERY_MS ?? 1000), heartbeatMs: Number(process.env.HEARTBEAT_MS ?? 15_000) });

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let client: Handler;
if (dev) {
  const { createServer: createVite } = await import('vite');
  const vite = await createVite({
    configFile: fileURLToPath(new URL('../vite.config.ts', import.meta.url)),
    server: { middlewareMode: true },
    appType: 'spa',
  });
  client = (req, res) => vite.middlewares(req, res, () => res.writeHead(404).end());
} else {
  const dist = fileURLToPath(new URL('../dist', import.meta.url));
  if (!existsSync(join(dist, 'index.html'))) {
    console.error('[example-tanstack-query] No client build in dist/. Run `pnpm --filter @kit/example-tanstack-query build` first, or use `dev`.');
    process.exit(1);
  }
  client = (req, res) => void serveFile(dist, req, res);
}

const server = createServer((req, res) => {
  if (!api.handle(req, res)) client(req, res);
});
server.listen(port, host, () => console.log(`[example-tanstack-query] http://${host}:${port} (${dev ? 'dev, Vite middleware' : 'serving dist/'})`));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    api.close(); // ends every stream, so server.close() is not held open by them
    server.close(() => process.exit(0));
  });
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

async function serveFile(dist: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  const file = join(dist, normalize(path === '/' ? '/index.html' : path));
  const body = await readFile(file).catch(() => null);
  if (body === null) res.writeHead(404).end();
  else res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
}
