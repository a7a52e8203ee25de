import { Redis } from 'ioredis';
import type { Broker } from '@kit/sse-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisBroker, type RedisBrokerOptions } from '../src/index';
import { startRedisServer, type RedisServer } from '../src/testing/index';
import { collect, fastRetry, waitFor } from './helpers';

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

/** A broker on a stream of its own (unless `stream` is given), ready to read. */
async function open(options: Partial<RedisBrokerOptions> = {}): Promise<Broker> {
  const broker = createRedisBroker({ url: redis.url, stream: `test:${++streamCount}`, ...fastRetry, ...options });
  brokers.push(broker);
  await waitFor(() => broker.status.ok, 'the broker to connect');
  return broker;
}

describe('createRedisBroker', () => {
  it('gives every instance the same events with the same ids, in order', async () => {
    const stream = `shared:${++streamCount}`;
    const a = await open({ stream });
    const b = await open({ stream });
    const seenA = collect(a);
    const seenB = collect(b);
    const published: string[] = [];
    for (let i = 0; i < 40; i++) {
      const { id } = await (i % 2 === 0 ? a : b).publish({ event: 'tick', data: { seq: i } });
      published.push(id);
    }
    await waitFor(() => seenA.length === 40 && seenB.length === 40, '40 events on both instances');
    expect(seenA.map((e) => e.id)).toEqual(published);
    expect(seenB).toEqual(seenA);
    expect(seenA.map((e) => (e.data as { seq: number }).seq)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(published.every((id, i) => i === 0 || a.compareIds(id, published[i - 1] as string) > 0)).toBe(true);
    expect(a.status).toEqual({ ok: true, kind: 'redis', detail: `stream ${JSON.stringify(stream)} on 127.0.0.1:${redis.port}` });
  });

  it('round-trips strings, objects and missing data as the memory broker keeps them', async () => {
    const broker = await open();
    const seen = collect(broker);
    await broker.publish({ event: 'log', data: 'plain text\nsecond line' });
    await broker.publish({ event: 'metrics', data: { cpu: 0.5, tags: ['a'] } });
    await broker.publish({ event: 'ping', data: undefined });
    await waitFor(() => seen.length === 3, 'three events');
    expect(seen.map(({ event, data }) => ({ event, data }))).toEqual([
      { event: 'log', data: 'plain text\nsecond line' },
      { event: 'metrics', data: { cpu: 0.5, tags: ['a'] } },
      { event: 'ping', data: undefined },
    ]);
  });

  it('replays exactly the events after an id, from any instance', async () => {
    const stream = `replay:${++streamCount}`;
    const a = await open({ stream });
    const b = await open({ stream });
    const seenB = collect(b);
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) ids.push((await a.publish({ event: 'n', data: i })).id);
    await waitFor(() => seenB.length === 5, 'b to read five events');
    const result = await b.replaySince(ids[1] as string);
    expect(result).toEqual({ ok: true, events: seenB.slice(2) });
    expect(await a.replaySince(ids[4] as string)).toEqual({ ok: true, events: [] });
    expect(await a.replaySince(ids[0] as string)).toMatchObject({ ok: true, events: [{ data: 2 }, { data: 3 }, { data: 4 }, { data: 5 }] });
  });

  it('answers malformed, foreign, unknown and too-old ids with the reason', async () => {
    const stream = `reasons:${++streamCount}`;
    // Explicit ids, so "inside the range but never issued" is exact.
    await admin.xadd(stream, '100-1', 'event', 'n', 'data', '1');
    await admin.xadd(stream, '100-3', 'event', 'n', 'data', '3');
    await admin.xadd(stream, '200-0', 'event', 'n', 'data', '4');
    const broker = await open({ stream });
    const garbage = ['', 'abc', '42', '1-', '-1', '01-0', '1-01', '1-2-3', ' 1-2', '18446744073709551616-0', 'x'.repeat(20_000), 'm4x2.\u00e9'];
    for (const bad of garbage) {
      expect(await broker.replaySince(bad), bad.slice(0, 40)).toEqual({ ok: false, reason: 'malformed-id', latestId: '200-0' });
    }
    // An in-memory broker's id (a client that comes from a single-process deploy): another history.
    for (const foreign of ['m4x2k9qa7f.42', 'test.0']) {
      expect(await broker.replaySince(foreign), foreign).toEqual({ ok: false, reason: 'foreign-epoch', latestId: '200-0' });
    }
    expect(await broker.replaySince('100-2')).toEqual({ ok: false, reason: 'unknown-id', latestId: '200-0' });
    expect(await broker.replaySince('300-0')).toEqual({ ok: false, reason: 'unknown-id', latestId: '200-0' });
    expect(await broker.replaySince('100-0')).toEqual({ ok: false, reason: 'too-old', latestId: '200-0' });
    expect(await broker.replaySince('100-1')).toMatchObject({ ok: true, events: [{ id: '100-3', data: 3 }, { id: '200-0', data: 4 }] });
  });

  it('on an empty stream, resumes 0-0 (its reset position) and says unknown-id for any other id', async () => {
    const broker = await open();
    await waitFor(() => broker.status.ok, 'the broker to connect');
    expect(await broker.replaySince('1-0')).toEqual({ ok: false, reason: 'unknown-id', latestId: '0-0' });
    expect(await broker.replaySince('0-0')).toEqual({ ok: true, events: [] });
  });

  it('caps the stream with MAXLEN: ids trimmed away get too-old', async () => {
    const broker = await open({ maxLen: 3, trim: 'exact' });
    const seen = collect(broker);
    const ids: string[] = [];
    for (let i = 1; i <= 10; i++) ids.push((await broker.publish({ event: 'n', data: i })).id);
    await waitFor(() => seen.length === 10, 'ten events');
    const stream = `test:${streamCount}`;
    expect(await admin.xlen(stream)).toBe(3);
    expect(await broker.replaySince(ids[0] as string)).toEqual({ ok: false, reason: 'too-old', latestId: ids[9] });
    // The oldest kept entry itself is fine: everything after it is still there.
    expect(await broker.replaySince(ids[7] as string)).toMatchObject({ ok: true, events: [{ data: 9 }, { data: 10 }] });
  });

  it('approximate trimming keeps at least maxLen entries', async () => {
    const broker = await open({ maxLen: 50 });
    for (let i = 0; i < 400; i++) await broker.publish({ event: 'n', data: i });
    const length = await admin.xlen(`test:${streamCount}`);
    expect(length).toBeGreaterThanOrEqual(50);
    expect(length).toBeLessThan(400);
  });

  it('a client ahead of this instance waits for it to catch up, so live and replayed never overlap', async () => {
    const stream = `ahead:${++streamCount}`;
    const a = await open({ stream });
    const b = await open({ stream });
    const seenB = collect(b);
    const first = await a.publish({ event: 'n', data: 1 });
    await waitFor(() => seenB.length === 1, 'b to read the first event');
    // Written behind b's back and asked about at once: b has not read it yet, the client has.
    const second = await a.publish({ event: 'n', data: 2 });
    const replay = await b.replaySince(second.id);
    expect(replay).toEqual({ ok: true, events: [] });
    expect(seenB.map((e) => e.id)).toEqual([first.id, second.id]);
  });

  it('compares ids numerically, ms then seq, without losing 64-bit precision', async () => {
    const broker = await open();
    expect(broker.compareIds('1-2', '1-10')).toBeLessThan(0);
    expect(broker.compareIds('10-0', '9-99')).toBeGreaterThan(0);
    expect(broker.compareIds('5-5', '5-5')).toBe(0);
    expect(broker.compareIds('18446744073709551615-1', '18446744073709551614-9')).toBeGreaterThan(0);
    expect(broker.compareIds('9007199254740993-0', '9007199254740992-0')).toBeGreaterThan(0);
  });

  it('rejects bad options and unserializable data with clear errors', async () => {
    expect(() => createRedisBroker({ url: 'http://localhost' })).toThrow(/^\[@kit\/sse-server-redis\] url must start with redis:\/\//);
    expect(() => createRedisBroker({ url: redis.url, maxLen: 0 })).toThrow(/maxLen must be a positive integer/);
    const broker = await open();
    await expect(broker.publish({ event: 'n', data: 1n })).rejects.toThrow(/cannot be serialized as JSON/);
    await broker.close();
    expect(broker.status).toEqual({ ok: false, kind: 'redis', detail: 'closed' });
    await expect(broker.publish({ event: 'n', data: 1 })).rejects.toThrow(/after the broker was closed/);
  });

  it('tells a refusal from Redis apart from an outage', async () => {
    await admin.set('not-a-stream', 'x');
    const broker = createRedisBroker({ url: redis.url, stream: 'not-a-stream', ...fastRetry });
    brokers.push(broker);
    await waitFor(() => broker.status.detail?.includes('WRONGTYPE') === true, 'the reader to report WRONGTYPE');
    expect(broker.status).toMatchObject({ ok: false, kind: 'redis', detail: expect.stringMatching(/^Reading stream "not-a-stream" on 127\.0\.0\.1:\d+ failed \(WRONGTYPE/) });
    await expect(broker.publish({ event: 'n', data: 1 })).rejects.toThrow(
      /^\[@kit\/sse-server-redis\] publish of event "n" failed: Redis at 127\.0\.0\.1:\d+ answered "WRONGTYPE/,
    );
  });

  it('keeps delivering when a subscriber throws', async () => {
    const errors: unknown[] = [];
    const broker = await open({ onError: (error) => errors.push(error) });
    broker.subscribe(() => {
      throw new Error('boom');
    });
    const seen = collect(broker);
    await broker.publish({ event: 'n', data: 1 });
    await broker.publish({ event: 'n', data: 2 });
    await waitFor(() => seen.length === 2, 'both events');
    expect(errors).toHaveLength(2);
  });
});
