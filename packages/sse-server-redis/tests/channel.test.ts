import { createChannel, type Broker, type CloseReason, type SSESink } from '@kit/sse-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisBroker } from '../src/index';
import { startRedisServer, type RedisServer } from '../src/testing/index';
import { fastRetry, waitFor } from './helpers';

// The first start may apt-get install redis-server (when root and missing): allow for it.
const INSTALL_TIMEOUT_MS = 300_000;

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedisServer();
}, INSTALL_TIMEOUT_MS);
afterAll(async () => {
  await redis?.stop();
});

interface Received {
  id: string | undefined;
  event: string;
  data: string;
}

/** An in-memory sink that parses what the channel writes to it. */
function memorySink(): SSESink & { received: Received[] } {
  const decoder = new TextDecoder();
  const listeners = new Set<(reason: CloseReason) => void>();
  let closeReason: CloseReason | null = null;
  const received: Received[] = [];
  const end = (reason: CloseReason) => {
    if (closeReason) return;
    closeReason = reason;
    for (const listener of [...listeners]) listener(reason);
  };
  return {
    received,
    write(frame) {
      if (closeReason) return false;
      const text = typeof frame === 'string' ? frame : decoder.decode(frame);
      for (const block of text.split('\n\n').filter(Boolean)) {
        const field = (name: string) => block.split('\n').find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2);
        received.push({ id: field('id'), event: field('event') ?? 'message', data: field('data') ?? '' });
      }
      return true;
    },
    comment: () => !closeReason,
    // Takes everything at once: never a reader to wait for.
    drain: () => Promise.resolve(),
    close: () => end('server'),
    abort: (reason = 'aborted') => end(reason),
    pause() {},
    resume() {},
    get closed() {
      return closeReason !== null;
    },
    get closeReason() {
      return closeReason;
    },
    queuedBytes: 0,
    maxQueueBytes: Number.POSITIVE_INFINITY,
    onClose(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

describe('createChannel on the Redis broker', () => {
  it('a client that moves to another instance mid-stream misses nothing and gets nothing twice', async () => {
    const stream = 'channel-switch';
    const brokers: Broker[] = [0, 1, 2].map(() => createRedisBroker({ url: redis.url, stream, ...fastRetry }));
    try {
      await waitFor(() => brokers.every((b) => b.status.ok), 'three brokers to connect');
      const [publisher, brokerA, brokerB] = brokers as [Broker, Broker, Broker];
      const a = createChannel({ broker: brokerA });
      const b = createChannel({ broker: brokerB });
      const total = 600;
      // Several clients switch at different points while the publisher keeps going, so the switch
      // lands before, during and after the replay read on the second instance.
      const clients = [50, 150, 300, 450].map((switchAt) => ({ switchAt, first: memorySink(), second: memorySink() }));
      for (const client of clients) await a.connect(client.first);
      let published = 0;
      const publishing = (async () => {
        while (published < total) {
          await publisher.publish({ event: 'tick', data: { seq: ++published } });
        }
      })();
      await Promise.all(
        clients.map(async (client) => {
          await waitFor(() => client.first.received.length >= client.switchAt, `${client.switchAt} events on A`, 10_000);
          client.first.abort();
          await b.connect(client.second, { lastEventId: client.first.received.at(-1)?.id ?? null });
        }),
      );
      await publishing;
      await waitFor(
        () => clients.every((c) => c.first.received.length + c.second.received.length >= total),
        'every event on every client',
        10_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      for (const client of clients) {
        const all = [...client.first.received, ...client.second.received];
        expect(all.filter((e) => e.event !== 'tick')).toEqual([]);
        expect(all.map((e) => (JSON.parse(e.data) as { seq: number }).seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
        const ids = all.map((e) => e.id as string);
        expect(ids.every((id, i) => i === 0 || brokerA.compareIds(id, ids[i - 1] as string) > 0)).toBe(true);
      }
      a.close();
      b.close();
    } finally {
      await Promise.all(brokers.map((b) => b.close()));
    }
  });

  it('sends reset with the reason for ids it cannot resume from', async () => {
    const broker = createRedisBroker({ url: redis.url, stream: 'channel-reset', maxLen: 2, trim: 'exact', ...fastRetry });
    try {
      await waitFor(() => broker.status.ok, 'the broker to connect');
      const channel = createChannel({ broker });
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await channel.publish({ event: 'n', data: i })).id);
      await waitFor(() => channel.stats.eventsPublished === 5, 'five events through the channel');
      for (const [lastEventId, reason] of [
        ['nope', 'malformed-id'],
        ['x'.repeat(20_000), 'malformed-id'],
        ['m4x2k9qa7f.42', 'foreign-epoch'],
        [ids[0] as string, 'too-old'],
        ['99999999999999-0', 'unknown-id'],
      ] as const) {
        const sink = memorySink();
        await channel.connect(sink, { lastEventId });
        expect(sink.received).toHaveLength(1);
        expect(sink.received[0]).toMatchObject({ event: 'sse:reset', id: ids[4] });
        expect(JSON.parse(sink.received[0]?.data ?? '{}')).toMatchObject({ reason, lastEventId: lastEventId.slice(0, 1024) });
      }
      channel.close();
    } finally {
      await broker.close();
    }
  });
});
