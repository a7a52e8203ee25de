// The connection store over the real FetchEventSource against a real node:http server.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnection, type Connection, type ConnectionOptions } from '@kit/sse-react/core';

type Route = (req: IncomingMessage, res: ServerResponse, index: number) => void;

let server: Server;
let baseUrl: string;
let route: Route = (_req, res) => res.writeHead(500).end();
let requests: IncomingMessage[] = [];
const connections: Connection[] = [];

// A fresh server (and port) per test: undici's pool must not reuse a keep-alive socket that the
// previous test's server closed, or a test would see a stray network error.
beforeEach(async () => {
  requests = [];
  server = createServer((req, res) => {
    requests.push(req);
    route(req, res, requests.length - 1);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  for (const connection of connections.splice(0)) connection.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function open(options: ConnectionOptions = {}): Connection {
  const connection = createConnection(`${baseUrl}/events`, { transport: 'fetch', ...options });
  connections.push(connection);
  return connection;
}

const stream = (res: ServerResponse, body = '') => {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
  res.write(body);
};
// Upper bounds only: generous so a loaded CI machine does not fail a test that is merely slow.
const waitFor = <T>(check: () => T) => vi.waitFor(check, { timeout: 10_000, interval: 5 });

describe('createConnection over FetchEventSource and node:http', () => {
  it('delivers events, resumes with Last-Event-ID after the stream ends, and drops a replayed id', async () => {
    route = (req, res, index) => {
      if (index === 0) {
        stream(res, 'retry: 5\nid: 1\nevent: tick\ndata: a\n\nid: 2\nevent: tick\ndata: b\n\n');
        res.end();
      } else {
        // Replays from Last-Event-ID inclusive: a common server off-by-one.
        stream(res, `id: ${String(req.headers['last-event-id'])}\nevent: tick\ndata: b\n\nid: 3\nevent: tick\ndata: c\n\n`);
      }
    };
    const connection = open();
    const got: string[] = [];
    connection.on('tick', (message) => got.push(message.data));
    await waitFor(() => expect(got).toEqual(['a', 'b', 'c']));
    expect(requests[1]?.headers['last-event-id']).toBe('2');
    expect(connection.getSnapshot()).toMatchObject({ status: 'open', lastEventId: '3', error: null });
  });

  it('after a resume, delivers a first event that has no id of its own (it is not a replay)', async () => {
    route = (_req, res, index) => {
      if (index === 0) {
        stream(res, 'retry: 5\nid: 1\nevent: tick\ndata: a\n\n');
        res.end();
      } else {
        // No `id:` field: its lastEventId is still 1, yet it is new data and must not be dropped.
        stream(res, 'event: tick\ndata: still-1\n\nid: 2\nevent: tick\ndata: b\n\n');
      }
    };
    const connection = open();
    const got: string[] = [];
    connection.on('tick', (message) => got.push(`${message.lastEventId}:${message.data}`));
    await waitFor(() => expect(got).toEqual(['1:a', '1:still-1', '2:b']));
    expect(requests[1]?.headers['last-event-id']).toBe('1');
  });

  it('401: runs the headers function again and retries once', async () => {
    route = (req, res) => {
      if (req.headers.authorization === 'Bearer 2') stream(res, 'data: welcome\n\n');
      else res.writeHead(401).end();
    };
    let token = 0;
    const headers = vi.fn(() => ({ authorization: `Bearer ${++token}` }));
    const connection = open({ headers });
    const got: string[] = [];
    connection.on('message', (message) => got.push(message.data));
    await waitFor(() => expect(got).toEqual(['welcome']));
    expect(headers).toHaveBeenCalledTimes(2);
    expect(connection.getSnapshot().status).toBe('open');
  });

  it('404 stops with an http error and does not retry', async () => {
    route = (_req, res) => res.writeHead(404).end('nope');
    const connection = open();
    connection.subscribe(() => {});
    await waitFor(() => expect(connection.getSnapshot().status).toBe('closed'));
    expect(connection.getSnapshot().error).toMatchObject({ kind: 'http', status: 404 });
    expect(requests).toHaveLength(1);
  });

  it('204 stops: the server asks not to reconnect', async () => {
    route = (_req, res) => res.writeHead(204).end();
    const connection = open();
    connection.subscribe(() => {});
    await waitFor(() => expect(connection.getSnapshot().status).toBe('closed'));
    expect(connection.getSnapshot().error).toMatchObject({ kind: 'http', status: 204 });
  });

  it('a redirect loop backs off with a network error that names the likely cause', async () => {
    route = (_req, res) => res.writeHead(302, { location: '/events' }).end();
    const connection = open({ backoff: () => 60_000 });
    connection.subscribe(() => {});
    await waitFor(() => expect(connection.getSnapshot().status).toBe('reconnecting'));
    expect(connection.getSnapshot().error?.kind).toBe('network');
    expect(connection.getSnapshot().error?.message).toMatch(/redirect/);
    expect(requests.length).toBeGreaterThan(1);
  });

  it('a 200 HTML page stops with a content-type error', async () => {
    route = (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html>');
    const connection = open();
    connection.subscribe(() => {});
    await waitFor(() => expect(connection.getSnapshot().status).toBe('closed'));
    expect(connection.getSnapshot().error?.kind).toBe('content-type');
    expect(connection.getSnapshot().error?.message).toMatch(/text\/event-stream/);
  });

  it('503 with Retry-After schedules the retry when the server asked', async () => {
    route = (_req, res) => res.writeHead(503, { 'retry-after': '120' }).end();
    const connection = open();
    connection.subscribe(() => {});
    await waitFor(() => expect(connection.getSnapshot().status).toBe('reconnecting'));
    const { nextRetryAt, error } = connection.getSnapshot();
    expect(error).toMatchObject({ kind: 'http', status: 503, retryAfterMs: 120_000 });
    expect((nextRetryAt ?? 0) - Date.now()).toBeGreaterThan(110_000);
  });

  it('a server that never answers is caught by the idle watchdog', async () => {
    route = () => {}; // accepts the request, never writes a status line
    const connection = open({ idleTimeout: 100, backoff: () => 60_000 });
    connection.subscribe(() => {});
    await waitFor(() => expect(connection.getSnapshot().error?.kind).toBe('timeout'));
    expect(connection.getSnapshot()).toMatchObject({ status: 'reconnecting', retryCount: 1 });
  });

  it('a server that answers and then stalls is caught by the idle watchdog', async () => {
    route = (_req, res) => stream(res, ': hello\n\n');
    const connection = open({ idleTimeout: 100, backoff: () => 60_000 });
    connection.subscribe(() => {});
    await waitFor(() => expect(connection.getSnapshot().status).toBe('open'));
    await waitFor(() => expect(connection.getSnapshot().error?.kind).toBe('timeout'));
    expect(connection.getSnapshot().status).toBe('reconnecting');
  });

  it('a dead network (nothing listening) backs off with a network error', async () => {
    const connection = createConnection('http://127.0.0.1:1/events', { transport: 'fetch', backoff: () => 60_000 });
    connections.push(connection);
    connection.subscribe(() => {});
    await waitFor(() => expect(connection.getSnapshot().status).toBe('reconnecting'));
    expect(connection.getSnapshot().error?.kind).toBe('network');
    expect(connection.getSnapshot().retryCount).toBe(1);
  });

  it('close() aborts the request on the server side', async () => {
    const closed = vi.fn();
    route = (req, res) => {
      res.on('close', closed);
      stream(res, ': open\n\n');
      void req;
    };
    const connection = open();
    connection.subscribe(() => {});
    await waitFor(() => expect(connection.getSnapshot().status).toBe('open'));
    connection.close();
    await waitFor(() => expect(closed).toHaveBeenCalledOnce());
    expect(connection.getSnapshot().status).toBe('closed');
  });
});
