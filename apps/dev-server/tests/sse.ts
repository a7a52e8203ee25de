import { request, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDevServer, type DevServerOptions } from '../src/server';

export interface ParsedEvent {
  event: string;
  data: string;
  id: string | undefined;
}

export interface TestClient {
  status: number;
  headers: IncomingHttpHeaders;
  raw: () => string;
  events: () => ParsedEvent[];
  /** Resolves once the predicate holds; rejects after `timeoutMs` so a broken test fails fast. */
  until: (predicate: (events: ParsedEvent[], raw: string) => boolean, timeoutMs?: number) => Promise<void>;
  ended: Promise<void>;
  close: () => void;
  res: IncomingMessage;
}

/** Parses the subset of text/event-stream the server writes (LF line endings). */
export function parseEvents(raw: string): ParsedEvent[] {
  const events: ParsedEvent[] = [];
  for (const block of raw.split('\n\n').slice(0, -1)) {
    let event = 'message';
    let id: string | undefined;
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('id: ')) id = line.slice(4);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
    }
    if (data.length > 0) events.push({ event, data: data.join('\n'), id });
  }
  return events;
}


export function connect(url: string, headers: Record<string, string> = {}): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Accept: 'text/event-stream', ...headers } }, (res) => {
      let raw = '';
      const waiters = new Set<() => void>();
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        raw += chunk;
        for (const waiter of [...waiters]) waiter();
      });
      const ended = new Promise<void>((done) => {
        res.once('close', () => {
          for (const waiter of [...waiters]) waiter();
          done();
        });
      });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        res,
        raw: () => raw,
        events: () => parseEvents(raw),
        ended,
        close: () => req.destroy(),
        until: (predicate, timeoutMs = 3000) =>
          new Promise<void>((ok, fail) => {
            const check = () => {
              if (predicate(parseEvents(raw), raw)) {
                clearTimeout(timer);
                waiters.delete(check);
                ok();
              } else if (res.closed) {
                clearTimeout(timer);
                waiters.delete(check);
                fail(new Error(`stream closed before the condition held; got:\n${raw}`));
              }
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(new Error(`timed out after ${timeoutMs} ms; got:\n${raw.slice(-2000)}`));
            }, timeoutMs);
            waiters.add(check);
            check();
          }),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

export function waitFor(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (predicate()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error('waitFor timed out'));
      else setTimeout(tick, 5);
    };
    tick();
  });
}

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
