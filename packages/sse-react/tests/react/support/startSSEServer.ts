import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SSETestServer {
  url: string;
  /** Requests the stream endpoint received (attempts, including rejected ones). */
  readonly requests: number;
  /** Streams currently open on the server side. */
  readonly open: number;
  /** Authorization headers seen, in order. */
  readonly authorizations: (string | undefined)[];
  /** Last-Event-ID headers seen, in order. */
  readonly lastEventIds: (string | undefined)[];
  send(event: string, data: unknown, id?: string): void;
  /** Resolves once `count` streams are open. */
  waitForOpen(count: number): Promise<void>;
  close(): Promise<void>;
}

export interface SSETestServerOptions {
  /** When set, a request whose Authorization differs gets a 401. */
  requireAuthorization?: string;
}

/** A real node:http SSE endpoint on 127.0.0.1 and an ephemeral port, counting connections. */
export async function startSSEServer(options: SSETestServerOptions = {}): Promise<SSETestServer> {
  const clients = new Set<ServerResponse>();
  const authorizations: (string | undefined)[] = [];
  const lastEventIds: (string | undefined)[] = [];
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  let requests = 0;
  const notify = () => {
    for (const waiter of [...waiters]) {
      if (clients.size >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  const server = createServer((request, response) => {
    requests++;
    authorizations.push(request.headers.authorization);
    lastEventIds.push(request.headers['last-event-id'] as string | undefined);
    if (options.requireAuthorization !== undefined && request.headers.authorization !== options.requireAuthorization) {
      response.writeHead(401, { 'content-type': 'text/plain' }).end('unauthorized');
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', 'access-control-allow-origin': '*' });
    response.write(': hello\n\n');
    clients.add(response);
    response.on('close', () => clients.delete(response));
    notify();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/stream`,
    get requests() {
      return requests;
    },
    get open() {
      return clients.size;
    },
    authorizations,
    lastEventIds,
    send(event, data, id) {
      const text = `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
      for (const client of clients) client.write(text);
    },
    waitForOpen: (count) =>
      new Promise<void>((resolve) => {
        waiters.push({ count, resolve });
        notify();
      }),
    async close() {
      for (const client of clients) client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
