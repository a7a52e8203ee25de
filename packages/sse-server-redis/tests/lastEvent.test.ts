import { Redis } from 'ioredis';
import type { Broker } from '@kit/sse-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findLastEntry } from '../src/findLastEntry';
import { createRedisBroker } from '../src/index';
import { startRedisServer, type RedisServer } from '../src/testing/index';
import { fastRetry, waitFor } from './helpers';

// The first start may apt-get install redis-server (when root and missing): allow for it.
const INSTALL_TIMEOUT_MS = 300_000;

let redis: RedisServer;
let admin: Redis;
const brokers: Broker[] = [];
let streamCount = 0;

beforeAll(async () => {
  redis = await startRedisServer();
  admin = new Redis(redis.url, { protocol: 2 });
}, INSTALL_TIMEOUT_MS);
afterAll(async () => {
  admin.disconnect();
  await redis?.stop();
});
afterEach(async () => {
  await Promise.all(brokers.splice(0).map((broker) => broker.close()));
});

async function open(stream: string): Promise<Broker> {
  const broker = createRedisBroker({ url: redis.url, stream, ...fastRetry });
  brokers.push(broker);
  await waitFor(() => broker.status.ok, 'the broker to connect');
  return broker;
}

describe('createRedisBroker lastEvent', () => {
  it('finds the newest event of a name in the stream, also from a fresh instance (a restarted process)', async () => {
    const stream = `last:${++streamCount}`;
    const first = await open(stream);
    expect(await first.lastEvent?.('tick')).toBeNull();

    await first.publish({ event: 'tick', data: { seq: 41 } });
    const { id } = await first.publish({ event: 'tick', data: { seq: 42 } });
    // 250 other events after it: the search has to page past them (pages of 100).
    for (let i = 0; i < 250; i++) await first.publish({ event: 'log', data: i });
    expect(await first.lastEvent?.('tick')).toEqual({ id, event: 'tick', data: { seq: 42 } });
    await first.close();

    const restarted = await open(stream);
    expect(await restarted.lastEvent?.('tick')).toEqual({ id, event: 'tick', data: { seq: 42 } });
    expect((await restarted.lastEvent?.('log'))?.data).toBe(249);
    expect(await restarted.lastEvent?.('alert')).toBeNull();
  });

  it('pages with exclusive bounds: every entry is looked at once, none skipped', async () => {
    const stream = `last:${++streamCount}`;
    const oldest = await admin.xadd(stream, '*', 'event', 'tick', 'data', '1');
    for (let i = 0; i < 9; i++) await admin.xadd(stream, '*', 'event', 'log', 'data', String(i));
    // Pages of 3 over 10 entries: 3 + 3 + 3 + 1, the tick is the very last entry read.
    expect(await findLastEntry(admin, stream, 'tick', 3)).toEqual([oldest, ['event', 'tick', 'data', '1']]);
    // Pages of exactly the stream's length, then an empty page.
    expect(await findLastEntry(admin, stream, 'alert', 5)).toBeNull();
    expect(await findLastEntry(admin, 'last:missing', 'tick')).toBeNull();
  });

  it('rejects with a clear error while Redis is unreachable, rather than answering null', async () => {
    // A port nothing listens on: the broker never gets a connection.
    const probe = await startRedisServer();
    const url = probe.url;
    await probe.stop();
    const broker = createRedisBroker({ url, stream: 'last:down', ...fastRetry });
    brokers.push(broker);
    await expect(broker.lastEvent?.('tick')).rejects.toThrow(/^\[@kit\/sse-server-redis\] lastEvent\("tick"\) failed: Redis at 127\.0\.0\.1:\d+ is unavailable/);
  });
});
