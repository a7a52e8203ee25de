import type { Broker } from '@kit/sse-server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRedisBroker } from '../src/index';
import { startRedisServer, type RedisServer } from '../src/testing/index';
import { collect, fastRetry, waitFor } from './helpers';

// The first start may apt-get install redis-server (when root and missing): allow for it.
const INSTALL_TIMEOUT_MS = 300_000;

let redis: RedisServer;
const brokers: Broker[] = [];

beforeEach(async () => {
  redis = await startRedisServer();
}, INSTALL_TIMEOUT_MS);
afterEach(async () => {
  await Promise.all(brokers.splice(0).map((broker) => broker.close()));
  await redis?.stop();
});

async function open(): Promise<Broker> {
  const broker = createRedisBroker({ url: redis.url, stream: 'outage', ...fastRetry });
  brokers.push(broker);
  await waitFor(() => broker.status.ok, 'the broker to connect');
  return broker;
}

describe('Redis down and back', () => {
  it('reports degraded while Redis is down, rejects publish clearly, and recovers', async () => {
    const broker = await open();
    await redis.kill();
    await waitFor(() => !broker.status.ok, 'the status to turn degraded');
    expect(broker.status).toMatchObject({ ok: false, kind: 'redis' });
    expect(broker.status.detail).toMatch(new RegExp(`^Redis at 127\\.0\\.0\\.1:${redis.port} is unavailable \\(.+\\): reconnecting with backoff`));
    await expect(broker.publish({ event: 'tick', data: 1 })).rejects.toThrow(
      /^\[@kit\/sse-server-redis\] publish of event "tick" failed: Redis at 127\.0\.0\.1:\d+ is unavailable/,
    );
    // The channel turns a failed replay into a reset; the broker's part is to fail, not to hang.
    await expect(broker.replaySince('1-0')).rejects.toThrow(/^\[@kit\/sse-server-redis\] replay failed/);

    await redis.restart();
    await waitFor(() => broker.status.ok, 'the broker to reconnect');
    const seen = collect(broker);
    await broker.publish({ event: 'tick', data: 2 });
    await waitFor(() => seen.length === 1, 'the event published after the restart');
    expect(seen[0]).toMatchObject({ event: 'tick', data: 2 });
  });

  it('two instances deliver everything published after Redis is back, once and in order', async () => {
    const a = await open();
    const b = await open();
    const seenA = collect(a);
    const seenB = collect(b);
    const before: string[] = [];
    for (let i = 0; i < 10; i++) before.push((await a.publish({ event: 'n', data: i })).id);
    await waitFor(() => seenA.length === 10 && seenB.length === 10, 'the first ten on both');

    await redis.kill();
    await waitFor(() => !a.status.ok && !b.status.ok, 'both to turn degraded');
    const failures = await Promise.allSettled([a.publish({ event: 'n', data: 'lost' }), b.publish({ event: 'n', data: 'lost' })]);
    expect(failures.map((f) => f.status)).toEqual(['rejected', 'rejected']);

    await redis.restart();
    await waitFor(() => a.status.ok && b.status.ok, 'both to reconnect');
    const after: string[] = [];
    for (let i = 10; i < 30; i++) after.push((await (i % 2 ? a : b).publish({ event: 'n', data: i })).id);
    await waitFor(() => seenA.length === 30 && seenB.length === 30, 'the twenty published after the restart on both');
    // Give a duplicate the chance to show up before checking there is none.
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const seen of [seenA, seenB]) {
      expect(seen.map((e) => e.id)).toEqual([...before, ...after]);
      expect(seen.map((e) => e.data)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    }
  });

  it('publishes in flight when Redis dies reject with the prefix, never hang, and are not resent', async () => {
    const broker = await open();
    const seen = collect(broker);
    // Handlers attached at once: these reject while the kill is still being awaited.
    const inFlight = Array.from({ length: 300 }, (_, i) =>
      broker.publish({ event: 'n', data: i }).then(
        () => null,
        (error: Error) => error.message,
      ),
    );
    await redis.kill();
    const settled = await Promise.all(inFlight);
    const failures = settled.filter((message): message is string => message !== null);
    for (const message of failures) {
      expect(message).toMatch(/^\[@kit\/sse-server-redis\] publish of event "n" failed: Redis at 127\.0\.0\.1:\d+ is unavailable \(/);
    }
    await redis.restart();
    await waitFor(() => broker.status.ok, 'the broker to reconnect');
    await broker.publish({ event: 'n', data: 'after' });
    await waitFor(() => seen.at(-1)?.data === 'after', 'the event published after the restart');
    // Nothing resent after the reconnect: the new stream holds only what was published after it.
    expect(seen.filter((e) => broker.compareIds(e.id, seen.at(-1)?.id as string) >= 0)).toHaveLength(1);
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
  });

  it('an id from before a restart without persistence gets a reset, not a wrong replay', async () => {
    const broker = await open();
    const seen = collect(broker);
    const { id: old } = await broker.publish({ event: 'n', data: 1 });
    await redis.kill();
    await redis.restart();
    await waitFor(() => broker.status.ok, 'the broker to reconnect');
    // Empty stream, and `old` is where this instance stopped: nothing was missed (yet).
    expect(await broker.replaySince(old)).toEqual({ ok: true, events: [] });
    // Any other id names entries that are gone.
    expect(await broker.replaySince('1-1')).toEqual({ ok: false, reason: 'unknown-id', latestId: old });
    const { id: fresh } = await broker.publish({ event: 'n', data: 2 });
    await waitFor(() => seen.length === 2, 'the new event');
    expect(broker.compareIds(fresh, old)).toBeGreaterThan(0);
    // Older than anything the new stream holds: the events after it may have existed, so too-old.
    expect(await broker.replaySince(old)).toEqual({ ok: false, reason: 'too-old', latestId: fresh });
  });

  it('starts degraded when Redis is not there yet, and connects once it is', async () => {
    const port = redis.port;
    await redis.kill();
    const broker = createRedisBroker({ url: `redis://127.0.0.1:${port}`, stream: 'late', ...fastRetry });
    brokers.push(broker);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(broker.status.ok).toBe(false);
    await expect(broker.publish({ event: 'n', data: 1 })).rejects.toThrow(/^\[@kit\/sse-server-redis\] publish of event "n" failed/);
    await redis.restart();
    await waitFor(() => broker.status.ok, 'the broker to connect');
    const seen = collect(broker);
    await broker.publish({ event: 'n', data: 2 });
    await waitFor(() => seen.length === 1, 'the event');
  });
});
