import type { AddressInfo } from 'node:net';
import { createDevServer, type DevServerOptions } from '../src/server';

// The SSE test client (a raw node:http reader with `until` waits) is the server package's own:
// the dev server is tested with the same client, not a copy of it.
export { connect, parseEvents, waitFor, type ParsedEvent, type TestClient } from '../../../packages/sse-server/tests/helpers';

export async function startServer(options: DevServerOptions = {}) {
  const server = createDevServer({ generators: false, heartbeatMs: 60_000, ...options });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, base, close: () => server.shutdown() };
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
