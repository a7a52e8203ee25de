// A real node:http server on 127.0.0.1 (ephemeral port) for FetchEventSource tests, and helpers.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FetchEventSource } from '@kit/sse-react/core';
import type { FetchEventSourceInit, SSEErrorEvent } from '@kit/sse-react/core';
import { vi } from 'vitest';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** The client went away before the response finished. */
  aborted: boolean;
}

export type Handler = (res: ServerResponse, request: RecordedRequest, index: number, req: IncomingMessage) => void;

export interface TestServer {
  url: string;
  origin: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const servers: TestServer[] = [];
const sources: FetchEventSource[] = [];

/** Closes every source and server a test opened; call it from afterEach. */
export async function cleanup(): Promise<void> {
  for (const source of sources.splice(0)) source.close();
  await Promise.all(servers.splice(0).map((server) => server.close()));
}

export async function serve(handler: Handler): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: RecordedRequest = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        aborted: false,
      };
      requests.push(request);
      res.on('close', () => {
        if (!res.writableFinished) request.aborted = true;
      });
      handler(res, request, requests.length - 1, req);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const testServer: TestServer = {
    url: `${origin}/stream`,
    origin,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(testServer);
  return testServer;
}

export const EVENT_STREAM = { 'content-type': 'text/event-stream' };

/** Answers 200 text/event-stream, writes `text` and keeps the stream open. */
export function stream(res: ServerResponse, text = ''): void {
  res.writeHead(200, EVENT_STREAM);
  res.flushHeaders();
  if (text !== '') res.write(text);
}

export function open(url: string | URL, init?: FetchEventSourceInit): FetchEventSource {
  const source = new FetchEventSource(url, init);
  sources.push(source);
  return source;
}

export function next<E extends Event = MessageEvent<string>>(source: FetchEventSource, type: string): Promise<E> {
  return new Promise((resolve) => source.addEventListener(type, (event) => resolve(event as unknown as E), { once: true }));
}

export function nextError(source: FetchEventSource): Promise<SSEErrorEvent> {
  return next<SSEErrorEvent>(source, 'error');
}

export function collect(source: FetchEventSource, type = 'message'): string[] {
  const data: string[] = [];
  source.addEventListener(type, (event) => data.push((event as MessageEvent<string>).data));
  return data;
}

export const tick = () => new Promise((resolve) => setTimeout(resolve, 30));
export const waitFor = (assertion: () => void) => vi.waitFor(assertion, { timeout: 3000, interval: 5 });

