// Every bad answer a server (or a proxy) can give, against @kit/sse-react's createConnection with
// default options: the status and error kind it ends in, how often it asks again, and that close()
// leaves no socket and no timer behind. Real sockets; the connection's clock runs 10x faster.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import { createConnection, type ConnectionSnapshot, type SSEErrorKind } from '@kit/sse-react/core';
import { afterAll, describe, expect, it } from 'vitest';
import { scaledEnvironment } from './support/scaledEnvironment';
import { EVENT_STREAM, startTestServer, waitFor } from './support/testServer';

type Handler = (req: IncomingMessage, res: ServerResponse, attempt: number) => void;

interface Case {
  name: string;
  handler: Handler;
  /** Where the connection is after 10 s (scaled). */
  status: ConnectionSnapshot['status'] | readonly ConnectionSnapshot['status'][];
  /** The error kind after those 10 s; a stream caught open between two drops has none. */
  kind: SSEErrorKind | null | 'network, or none while open';
  /** Upper bound on requests in those 10 s. Default 12: the retry floor. */
  maxRequests?: number;
  minRequests?: number;
  /** Smallest gap between two requests, in ms of the scaled clock. */
  minGapMs?: number;
  /** How long to watch, in ms of the scaled clock. Default 10 000. */
  watchMs?: number;
  check?: (result: Result) => void;
}

interface Result {
  requests: { at: number; lastEventId: string | undefined }[];
  snapshot: ConnectionSnapshot;
  received: string[];
  gaps: number[];
}

const summary: string[] = [];

const serverError = (status: number, headers: Record<string, string> = {}): Handler => (_req, res) => {
  res.writeHead(status, headers).end();
};

/** First answer: a stream that sends `retry: 0` and ends; every later one fails with `then`. */
const retryZeroThen = (then: Handler): Handler => (req, res, attempt) => {
  if (attempt === 1) res.writeHead(200, EVENT_STREAM).end('retry: 0\ndata: hello\n\n');
  else then(req, res, attempt);
};

const cases: Case[] = [
  { name: 'retry: 0, then 500 on every attempt', handler: retryZeroThen(serverError(500)), status: 'reconnecting', kind: 'http' },
  {
    name: 'retry: 0, then connection resets',
    handler: retryZeroThen((req) => req.socket.destroy()),
    status: 'reconnecting',
    kind: 'network',
  },
  {
    name: 'retry: 99999999999 (huge), then 500',
    handler: (req, res, attempt) =>
      attempt === 1 ? res.writeHead(200, EVENT_STREAM).end('retry: 99999999999\ndata: hi\n\n') : serverError(500)(req, res, attempt),
    status: 'reconnecting',
    kind: 'network',
    // The hint is capped at the backoff's 30 s ceiling: one retry, 15-30 s later.
    maxRequests: 1,
    check: ({ snapshot }) => expect((snapshot.nextRetryAt ?? 0) - Date.now()).toBeLessThanOrEqual(30_000 * 10),
  },
  { name: '503 with Retry-After: 0', handler: serverError(503, { 'Retry-After': '0' }), status: 'reconnecting', kind: 'http' },
  {
    name: '429 with Retry-After in the past',
    handler: serverError(429, { 'Retry-After': new Date(Date.now() - 60_000).toUTCString() }),
    status: 'reconnecting',
    kind: 'http',
  },
  { name: '503 with Retry-After: soon (garbage)', handler: serverError(503, { 'Retry-After': 'soon' }), status: 'reconnecting', kind: 'http' },
  { name: '503 with Retry-After: -5', handler: serverError(503, { 'Retry-After': '-5' }), status: 'reconnecting', kind: 'http' },
  {
    name: '503 with Retry-After: 2 (honoured)',
    handler: serverError(503, { 'Retry-After': '2' }),
    status: 'reconnecting',
    kind: 'http',
    minGapMs: 2000,
    minRequests: 3,
  },
  { name: '429 without Retry-After', handler: serverError(429), status: 'reconnecting', kind: 'http' },
  { name: '503 without Retry-After', handler: serverError(503), status: 'reconnecting', kind: 'http' },
  { name: '500', handler: serverError(500), status: 'reconnecting', kind: 'http' },
  { name: '204 (the spec\'s "do not reconnect")', handler: serverError(204), status: 'closed', kind: 'http', maxRequests: 1 },
  { name: '404', handler: serverError(404), status: 'closed', kind: 'http', maxRequests: 1 },
  {
    name: '401 twice',
    handler: serverError(401, { 'WWW-Authenticate': 'Bearer' }),
    status: 'closed',
    kind: 'http',
    maxRequests: 2,
    minRequests: 2,
  },
  ...[301, 302, 307].map(
    (status): Case => ({
      name: `${status} redirect loop`,
      handler: (req, res) => res.writeHead(status, { Location: req.url ?? '/' }).end(),
      status: 'reconnecting',
      kind: 'network',
      // fetch follows 20 redirects per attempt: 21 requests per attempt, at most 12 attempts.
      maxRequests: 12 * 21,
    }),
  ),
  {
    name: 'HTML with 200',
    handler: (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>login</html>'),
    status: 'closed',
    kind: 'content-type',
    maxRequests: 1,
  },
  {
    name: 'no content type',
    handler: (_req, res) => res.writeHead(200).end('data: x\n\n'),
    status: 'closed',
    kind: 'content-type',
    maxRequests: 1,
  },
  {
    name: 'a gzip-encoded stream (fetch decodes it)',
    handler: (_req, res) => {
      res.writeHead(200, { ...EVENT_STREAM, 'Content-Encoding': 'gzip' });
      res.write(gzipSync('id: 1\ndata: zipped\n\n'));
    },
    status: 'open',
    kind: null,
    maxRequests: 1,
    check: ({ received }) => expect(received).toEqual(['zipped']),
  },
  {
    name: 'a stall before headers (watched 15 s)',
    handler: () => {},
    status: ['connecting', 'reconnecting'],
    kind: 'timeout',
    watchMs: 15_000,
    minRequests: 2,
    maxRequests: 2,
  },
  {
    name: 'a reset mid-event',
    handler: (req, res) => {
      res.writeHead(200, EVENT_STREAM);
      res.write('id: 1\ndata: whole\n\nid: 2\ndata: ha');
      setTimeout(() => req.socket.destroy(), 20);
    },
    status: ['reconnecting', 'open', 'connecting'],
    kind: 'network, or none while open',
    check: ({ received, requests }) => {
      expect(received.every((data) => data === 'whole')).toBe(true);
      expect(requests[1]?.lastEventId).toBe('1');
    },
  },
  {
    name: 'half an event, then a clean end',
    handler: (_req, res) => res.writeHead(200, EVENT_STREAM).end('id: 1\ndata: whole\n\nid: 2\ndata: ha'),
    status: ['reconnecting', 'open', 'connecting'],
    kind: 'network, or none while open',
    check: ({ received, requests }) => {
      expect(received.every((data) => data === 'whole')).toBe(true);
      expect(requests[1]?.lastEventId).toBe('1');
    },
  },
  ...[
    ['a control character in an id', 'a\u0001b'],
    ['a 20 kB id', 'x'.repeat(20_000)],
  ].map(
    ([name, id]): Case => ({
      name: name as string,
      // The id, then the end of the stream; the reconnect gets a stream that stays open.
      handler: (_req, res, attempt) =>
        attempt === 1 ? res.writeHead(200, EVENT_STREAM).end(`id: ${id}\ndata: x\n\n`) : res.writeHead(200, EVENT_STREAM).write(': open\n\n'),
      // Open again, without Last-Event-ID, and the snapshot says why.
      status: 'open',
      kind: 'parse',
      minRequests: 2,
      maxRequests: 2,
      check: ({ requests, snapshot }) => {
        expect(requests[1]?.lastEventId).toBeUndefined();
        expect(snapshot.error?.message).toMatch(/cannot be sent back as a Last-Event-ID header/);
      },
    }),
  ),
];

describe.concurrent('createConnection with defaults against hostile servers (10 s of scaled time each)', () => {
  it.each(cases)('$name', async (testCase) => {
    const env = scaledEnvironment(10);
    const server = await startTestServer(testCase.handler, env.now);
    const connection = createConnection(server.url, { environment: env });
    const received: string[] = [];
    const off = connection.on('message', (message) => received.push(message.data));
    await env.wait(testCase.watchMs ?? 10_000);
    const snapshot = connection.getSnapshot();
    const requests = [...server.requests];
    off();
    connection.close();
    await waitFor(() => server.openSockets() === 0, 'the client to close its socket');
    const leftTimers = env.pendingTimers();
    await server.close();

    const gaps = requests.slice(1).map((request, i) => request.at - (requests[i]?.at ?? 0));
    const result: Result = { requests, snapshot, received, gaps };
    summary.push(
      `| ${testCase.name} | ${snapshot.status} | ${snapshot.error?.kind ?? '—'} | ${requests.length} | ${gaps.length === 0 ? '—' : `${Math.round(Math.min(...gaps))}–${Math.round(Math.max(...gaps))} ms`} |`,
    );
    const statuses: readonly string[] = typeof testCase.status === 'string' ? [testCase.status] : testCase.status;
    expect(statuses).toContain(snapshot.status);
    const kind = testCase.kind === 'network, or none while open' ? (snapshot.status === 'open' ? null : 'network') : testCase.kind;
    expect(snapshot.error?.kind ?? null).toBe(kind);
    expect(requests.length).toBeLessThanOrEqual(testCase.maxRequests ?? 12);
    expect(requests.length).toBeGreaterThanOrEqual(testCase.minRequests ?? 1);
    if (testCase.minGapMs !== undefined) for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(testCase.minGapMs - 20);
    testCase.check?.(result);
    expect(leftTimers).toBe(0);
    expect(connection.getSnapshot().status).toBe('closed');
  });
});

afterAll(() => {
  console.log(['| bad answer | status after 10 s | error kind | requests in 10 s | gaps |', '| --- | --- | --- | ---: | --- |', ...summary].join('\n'));
});
