import type { AddressInfo } from 'node:net';
import { createRedisBroker } from '@kit/sse-server-redis';
import { startRedisServer, type RedisServer } from '@kit/sse-server-redis/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDevServer } from '../src/server';
import { connect, postJson, waitFor, type ParsedEvent } from './sse';

// The first start may apt-get install redis-server (when root and missing): allow for it.
const INSTALL_TIMEOUT_MS = 300_000;

let redis: RedisServer;
const cleanups: (() => unknown)[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
}, INSTALL_TIMEOUT_MS);
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A dev server with its own generators on a Redis stream: what `main.ts --broker` builds. */
async function generatingInstance(stream: string) {
  const broker = createRedisBroker({ url: redis.url, stream, retryDelay: () => 50 });
  const server = createDevServer({ heartbeatMs: 60_000, tickMs: 10, metricsMs: 60_000, logMs: 60_000, alertMs: 60_000, broker });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    server.closeAllConnections();
    await server.shutdown();
  };
  cleanups.push(close);
  await waitFor(() => broker.status.ok, 5000);
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close };
}

const seqs = (events: ParsedEvent[]) =>
  events.filter((e) => e.event === 'tick').map((e) => (JSON.parse(e.data) as { seq: number }).seq);

describe('tick numbering with a Redis broker', () => {
  it('a restarted dev server continues the tick sequence from Redis: one run, no gap, no repeat', { timeout: 20_000 }, async () => {
    const stream = 'ticks:restart';
    const before = await generatingInstance(stream);
    const first = await connect(`${before.base}/api/stream?topics=tick`);
    cleanups.push(() => first.close());
    await first.until((events) => seqs(events).length >= 10, 5000);
    await before.close();
    await first.ended;
    const lastId = first.events().at(-1)?.id as string;

    // A new process's worth of state: new broker, new generators, same stream.
    const after = await generatingInstance(stream);
    const second = await connect(`${after.base}/api/stream?topics=tick`, { 'Last-Event-ID': lastId });
    cleanups.push(() => second.close());
    const lastBefore = seqs(first.events()).at(-1) ?? 0;
    await second.until((events) => (seqs(events).at(-1) ?? 0) >= lastBefore + 10, 5000);

    expect(second.events().filter((e) => e.event === 'sse:reset')).toEqual([]);
    const received = [...seqs(first.events()), ...seqs(second.events())];
    const from = received[0] ?? 0;
    // Without the broker's last tick the new instance would have started again at 1.
    expect(received).toEqual(Array.from({ length: received.length }, (_, i) => from + i));
  });

  it('an in-process restart (POST /api/chaos restart) keeps a Redis history: the client resumes with no reset, no gap, no repeat', { timeout: 20_000 }, async () => {
    const instance = await generatingInstance('ticks:in-process-restart');
    const first = await connect(`${instance.base}/api/stream?topics=tick`);
    cleanups.push(() => first.close());
    await first.until((events) => seqs(events).length >= 5, 5000);
    const res = await postJson(`${instance.base}/api/chaos`, { action: 'restart' });
    expect(await res.json()).toMatchObject({ dropped: 1, restart: { historyKept: true, restarts: 1 } });
    await first.ended;
    const lastId = first.events().at(-1)?.id as string;

    const second = await connect(`${instance.base}/api/stream?topics=tick`, { 'Last-Event-ID': lastId });
    cleanups.push(() => second.close());
    const lastBefore = seqs(first.events()).at(-1) ?? 0;
    await second.until((events) => (seqs(events).at(-1) ?? 0) >= lastBefore + 5, 5000);
    expect(second.events().filter((e) => e.event !== 'tick')).toEqual([]);
    const received = [...seqs(first.events()), ...seqs(second.events())];
    const from = received[0] ?? 0;
    expect(received).toEqual(Array.from({ length: received.length }, (_, i) => from + i));
  });
});
