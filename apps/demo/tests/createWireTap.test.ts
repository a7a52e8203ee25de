// @vitest-environment node
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { createWireTap } from '../src/pages/diagnostics/createWireTap';

let server: Server | undefined;
async function stopServer(): Promise<void> {
  const running = server;
  server = undefined;
  if (!running) return;
  running.closeAllConnections();
  await new Promise((resolve) => running.close(resolve));
}
afterEach(stopServer);

/** A real SSE server on 127.0.0.1 that writes `chunks` one by one, then ends (or stays open). */
async function serve(chunks: readonly string[], { end = true } = {}): Promise<string> {
  server = createServer((_request, response: ServerResponse) => {
    response.writeHead(200, { 'Content-Type': 'text/event-stream' });
    let index = 0;
    const next = () => {
      const chunk = chunks[index++];
      if (chunk === undefined) {
        if (end) response.end();
        return;
      }
      response.write(chunk, () => setTimeout(next, 5));
    };
    next();
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/stream`;
}

// Split mid-line, between CR and LF, and inside a multi-byte character.
const chunks = ['retry: 2000\n: sse:heart', 'beat=15000\n\n', 'data: caf\u00e9 ', '\u2615\r', '\n\r\n:\n', '\nevent: x\ndata: :not a comment\n\n', ': ping\r\n\r\n'];

it('passes the bytes through unchanged and notes headers, first byte, heartbeats and the advertised period', async () => {
  const url = await serve(chunks);
  let clock = 1000;
  const tap = createWireTap({ now: () => (clock += 10) });
  const response = await tap.fetch(url);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/event-stream');
  expect(await response.text()).toBe(chunks.join(''));

  const [attempt] = tap.attempts();
  expect(attempt).toMatchObject({ id: 1, httpStatus: 200, advertisedHeartbeatMs: 15000, ending: 'end' });
  // Two comments besides the advertisement (`:` and `: ping`); `data: :not a comment` is data.
  expect(attempt?.heartbeats).toHaveLength(2);
  expect(attempt?.headersAt).toBeGreaterThan(attempt?.startedAt ?? Infinity);
  expect(attempt?.firstByteAt).toBeGreaterThan(attempt?.headersAt ?? Infinity);
  expect(attempt?.bytes).toBe(Buffer.byteLength(chunks.join('')));
});

it('records an abort by the caller, and a request that never got an answer', async () => {
  const url = await serve(['retry: 2000\n\n'], { end: false });
  const tap = createWireTap();
  const controller = new AbortController();
  const response = await tap.fetch(url, { signal: controller.signal });
  const reader = response.body?.getReader();
  await reader?.read();
  controller.abort();
  await expect(reader?.read()).rejects.toThrow();
  expect(tap.attempts()[0]?.ending).toBe('aborted by the kit');

  // Nothing listens on the port any more: fetch rejects before any header.
  const port = (server?.address() as AddressInfo).port;
  await stopServer();
  await expect(tap.fetch(`http://127.0.0.1:${port}/stream`)).rejects.toThrow();
  expect(tap.attempts()[1]).toMatchObject({ httpStatus: null, headersAt: null, ending: 'TypeError' });
});

it('keeps only the most recent attempts', async () => {
  const url = await serve([]);
  const tap = createWireTap({ keep: 2 });
  for (let index = 0; index < 3; index++) await (await tap.fetch(url)).text();
  expect(tap.attempts().map((attempt) => attempt.id)).toEqual([2, 3]);
});
