import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RecordedRequest {
  readonly at: number;
  readonly lastEventId: string | undefined;
  readonly url: string;
}

export interface TestServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  /** Sockets open right now (a client that closed leaves none). */
  openSockets(): number;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, attempt: number) => void;

/**
 * A node:http server on 127.0.0.1 with an ephemeral port that records every request (with the
 * caller's clock, so a time-scaled client and its server agree on "when").
 */
export async function startTestServer(handler: Handler, now: () => number = Date.now): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const header = req.headers['last-event-id'];
    requests.push({ at: now(), lastEventId: typeof header === 'string' ? header : undefined, url: req.url ?? '/' });
    handler(req, res, requests.length);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/stream`,
    requests,
    openSockets: () => [...sockets].filter((socket) => !socket.destroyed).length,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls `condition` until it holds; fails with `what` after `timeoutMs`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const EVENT_STREAM = { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' };
