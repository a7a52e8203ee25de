import { createServer, type Server } from 'node:http';

export interface DevServerOptions {
  port: number;
  host: string;
}

/** Builds the dev server without listening, so tests can bind it to an ephemeral port. */
export function createDevServer(): Server {
  return createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === '/health') {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ ok: true, uptimeSeconds: Math.round(process.uptime()) }));
      return;
    }
    res.writeHead(404, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ error: `No route for ${req.method} ${pathname}` }));
  });
}
