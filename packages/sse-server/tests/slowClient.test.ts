import { connect as netConnect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createChannel, createMemoryBroker } from '../src/index';
import { connect, waitFor } from './helpers';
import { serveSinks } from './sinkServers';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

// The fetch sink behind a node adapter that honours back-pressure (sinkServers.ts), as real ones do.
describe.each([
  { kind: 'node', fastClients: 50 },
  { kind: 'fetch', fastClients: 10 },
] as const)('a channel over the $kind sink', ({ kind, fastClients }) => {
  it('drops a client that never reads while the others receive everything', async () => {
    const channel = createChannel({ broker: createMemoryBroker({ replaySize: 10, epoch: 'e' }) });
    const server = await serveSinks(kind, { maxQueueBytes: 1024 * 1024 }, ({ sink, lastEventId }) => void channel.connect(sink, { lastEventId }));
    cleanup = async () => {
      channel.close();
      await server.close();
    };
    const port = Number(new URL(server.base).port);

    // A raw socket that sends a request and never reads: its receive window fills up, then the
    // kernel's socket buffers (a few MB) before the server's own queue starts to grow.
    const slow = netConnect(port, '127.0.0.1');
    slow.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n');
    slow.pause();
    const fast = await Promise.all(Array.from({ length: fastClients }, () => connect(`${server.base}/`)));
    await waitFor(() => channel.stats.clients === fastClients + 1);

    const payload = 'x'.repeat(32 * 1024);
    // Publish until the slow client is dropped (bounded), then a few more to show the rest go on.
    let total = 0;
    let extra = 10;
    while (total < 2000 && extra > 0) {
      total++;
      await channel.publish({ event: 'blob', data: { n: total, payload } });
      if (channel.stats.droppedSlowClients > 0) extra--;
      // Let the event loop drain sockets between events, as a real publisher's timers would.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(channel.stats.droppedSlowClients).toBe(1);
    await Promise.all(fast.map((c) => c.until((events) => events.length === total, 25_000)));
    for (const client of fast) {
      const ns = client.events().map((e) => (JSON.parse(e.data) as { n: number }).n);
      expect(ns).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    }
    expect(channel.stats.clients).toBe(fastClients);
    expect(channel.stats.serializations).toBe(total);
    slow.destroy();
    for (const client of fast) client.close();
  }, 40_000);
});
