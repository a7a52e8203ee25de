import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

export interface StaticSite {
  url: string;
  close(): Promise<void>;
}

/**
 * A built client on a static host whose API is down: files from `dir`, and `/api/*` answered with
 * `apiStatus` (502, as a reverse proxy does when its upstream is gone). On 127.0.0.1, a free port.
 */
export async function serveStatic(dir: string, { apiStatus = 502 }: { apiStatus?: number } = {}): Promise<StaticSite> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path.startsWith('/api/')) {
      res.writeHead(apiStatus, { 'content-type': 'text/plain' }).end('Bad Gateway: the API server is not running.');
      return;
    }
    const file = join(dir, normalize(path === '/' ? '/index.html' : path));
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
