// The client who was away longest asks for the biggest replay: through createFetchStream (the
// Fetch-API sink, served here over node:http) it must arrive whole and in order.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createConnection } from '@kit/sse-react/core';
import { createChannel, createFetchStream, createMemoryBroker, type Channel } from '@kit/sse-server';
import { afterEach, expect, it } from 'vitest';
import { waitFor } from './support/testServer';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** What a Fetch-API runtime does with a handler's Response, written out for node:http. */
async function serveFetchStream(channel: Channel, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const abort = new AbortController();
  res.on('close', () => abort.abort());
  const request = new Request(`http://127.0.0.1${req.url ?? '/'}`, { headers: req.headers as Record<string, string>, signal: abort.signal });
  const { response, sink } = createFetchStream(request);
  void channel.connect(sink, { lastEventId: request.headers.get('last-event-id') });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.flushHeaders();
  const reader = response.body?.getReader();
  if (reader === undefined) return void res.end();
  for (;;) {
    const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
    if (done || value === undefined) return void res.end();
    // Back-pressure all the way: the next chunk is read once the socket took this one.
    if (!res.write(value)) await new Promise((resolve) => res.once('drain', resolve));
  }
}

it('a 200 x 8 KiB replay through createFetchStream reaches a default createConnection in full and in order', { timeout: 30_000 }, async () => {
  const channel = createChannel({ broker: createMemoryBroker({ epoch: 'replay' }) });
  const server = createServer((req, res) => void serveFetchStream(channel, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))));
  const padding = 'x'.repeat(8 * 1024);
  for (let n = 1; n <= 201; n++) await channel.publish({ event: 'missed', data: { n, padding } });

  // A client whose last event was the first one: it missed the 200 after it (1.6 MB, over the
  // sink's 1 MiB slow-client bound).
  const connection = createConnection(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { lastEventId: 'replay.1' });
  cleanups.push(() => connection.close());
  const received: number[] = [];
  connection.on('missed', (message) => received.push((JSON.parse(message.data) as { n: number }).n));
  await waitFor(() => received.length >= 200, '200 replayed events', 20_000);
  expect(received).toEqual(Array.from({ length: 200 }, (_, i) => i + 2));
  expect(connection.getSnapshot()).toMatchObject({ status: 'open', error: null, resets: 0, droppedDuplicates: 0, lastEventId: 'replay.201' });
  expect(channel.stats.droppedSlowClients).toBe(0);
});
