// A deploy, the most common production event there is: the server process dies (SIGKILL) and a
// new one starts on the same port while a client with default options is streaming.
import { createConnection, type SSEReset } from '@kit/sse-react/core';
import { startRedisServer, type RedisServer } from '@kit/sse-server-redis/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, spawnKitServer, type KitServerProcess } from './support/spawnKitServer';
import { waitFor } from './support/testServer';

interface Tick {
  id: string;
  seq: number;
  pid: number;
}

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function liveClient(url: string) {
  const connection = createConnection(url);
  const ticks: Tick[] = [];
  const resets: SSEReset[] = [];
  connection.on('tick', (message) => {
    const { seq, pid } = JSON.parse(message.data) as { seq: number; pid: number };
    ticks.push({ id: message.lastEventId, seq, pid });
  });
  connection.onReset((reset) => resets.push(reset));
  cleanups.push(() => connection.close());
  return { connection, ticks, resets };
}

async function start(port: number, args: string[] = []): Promise<KitServerProcess> {
  const server = await spawnKitServer(port, args);
  cleanups.push(() => server.kill());
  return server;
}

/** The ids the process published, up to (and including) the last one the client holds. */
function publishedUpTo(server: KitServerProcess, received: readonly Tick[]): string[] {
  const last = received.at(-1);
  if (last === undefined) return [];
  return server.published.slice(0, server.published.indexOf(last.id) + 1);
}

const SLOW = { timeout: 60_000 };

describe('a restarted server under a live client, default client options', () => {
  it('in-memory history: the client gets sse:reset (foreign-epoch), then every event the new process publishes, 0 lost, 0 duplicated', SLOW, async () => {
    const port = await freePort();
    const first = await start(port);
    const client = liveClient(`http://127.0.0.1:${port}/stream`);
    await waitFor(() => client.ticks.length >= 10, 'ten ticks from the first process');
    await first.kill();
    const second = await start(port);
    const fromSecond = () => client.ticks.filter((tick) => second.published.includes(tick.id));
    await waitFor(() => client.resets.length === 1 && fromSecond().length >= 20, 'the reset and 20 ticks from the new process', 20_000);

    expect(client.resets[0]?.reason).toBe('foreign-epoch');
    // Everything the new process published, from its very first event, exactly once and in order.
    const received = fromSecond();
    expect(received.map((tick) => tick.id)).toEqual(publishedUpTo(second, received));
    expect(received[0]?.seq).toBe(1);
    // Before the kill: one unbroken run, no duplicate.
    const before = client.ticks.slice(0, client.ticks.length - received.length);
    expect(before.every((tick, i) => i === 0 || tick.seq === (before[i - 1]?.seq ?? 0) + 1)).toBe(true);
    expect(new Set(client.ticks.map((tick) => tick.id)).size).toBe(client.ticks.length);
    expect(client.connection.getSnapshot()).toMatchObject({ status: 'open', resets: 1, droppedDuplicates: 0 });
    console.log(
      `[restart, memory] ${before.length} ticks before the kill, reset (${client.resets[0]?.reason}), ${received.length} of the new process's ${publishedUpTo(second, received).length} first ticks received, 0 duplicates`,
    );
  });

  describe('with the Redis broker', () => {
    let redis: RedisServer;
    beforeAll(async () => {
      redis = await startRedisServer();
    }, 300_000);
    afterAll(async () => {
      await redis?.stop();
    });

    it('the history survives: no reset, no gap, no duplicate across both processes', SLOW, async () => {
      const port = await freePort();
      const args = ['--broker', redis.url, '--stream', `contract:${port}`];
      const first = await start(port, args);
      const client = liveClient(`http://127.0.0.1:${port}/stream`);
      await waitFor(() => client.ticks.length >= 10, 'ten ticks from the first process');
      await first.kill();
      const second = await start(port, args);
      const fromSecond = () => client.ticks.filter((tick) => second.published.includes(tick.id));
      await waitFor(() => fromSecond().length >= 20, '20 ticks from the new process', 20_000);

      expect(client.resets).toEqual([]);
      const ids = client.ticks.map((tick) => tick.id);
      expect(new Set(ids).size).toBe(ids.length);
      // Every tick the first process got into Redis (and said so), and every one of the second's.
      for (const id of first.published) expect(ids).toContain(id);
      expect(fromSecond().map((tick) => tick.id)).toEqual(publishedUpTo(second, fromSecond()));
      // One order: the Redis ids only grow.
      const ordered = [...ids].sort((a, b) => {
        const [am, as] = a.split('-').map(Number) as [number, number];
        const [bm, bs] = b.split('-').map(Number) as [number, number];
        return am - bm || as - bs;
      });
      expect(ids).toEqual(ordered);
      console.log(`[restart, redis] ${ids.length} ticks across both processes, ${first.published.length} + ${publishedUpTo(second, fromSecond()).length} published, no reset, 0 lost, 0 duplicated`);
    });
  });
});
