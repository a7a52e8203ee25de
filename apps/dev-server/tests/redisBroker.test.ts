import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Broker } from '@kit/sse-server';
import { createRedisBroker } from '@kit/sse-server-redis';
import { startRedisServer, type RedisServer } from '@kit/sse-server-redis/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { brokerFromArgs } from '../src/brokerFromArgs';
import { createDevServer } from '../src/server';
import { connect, waitFor, type ParsedEvent, type TestClient } from './sse';

// The first start may apt-get install redis-server (when root and missing): allow for it.
const INSTALL_TIMEOUT_MS = 300_000;

// Two dev-server instances sharing one Redis, as behind a load balancer. Ticks come from a third
// broker (a publisher that outlives the instances), numbered, so a gap or a duplicate shows.

let redis: RedisServer;
const cleanups: (() => unknown)[] = [];
let streamCount = 0;

beforeAll(async () => {
  redis = await startRedisServer();
}, INSTALL_TIMEOUT_MS);
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const fastRetry = { retryDelay: () => 50 };

async function instance(stream: string) {
  const broker = createRedisBroker({ url: redis.url, stream, ...fastRetry });
  const server = createDevServer({ generators: false, heartbeatMs: 60_000, broker });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = () => server.shutdown();
  cleanups.push(close);
  await waitFor(() => broker.status.ok, 5000);
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close };
}

/** Publishes tick {seq} every few ms; remembers which publishes Redis accepted, and when. */
function startTicker(stream: string) {
  const broker: Broker = createRedisBroker({ url: redis.url, stream, ...fastRetry });
  const accepted: { seq: number; at: number }[] = [];
  let seq = 0;
  let failures = 0;
  let running = true;
  const loop = (async () => {
    await waitFor(() => broker.status.ok, 5000);
    while (running) {
      const next = ++seq;
      try {
        await broker.publish({ event: 'tick', data: { seq: next } });
        accepted.push({ seq: next, at: Date.now() });
      } catch {
        failures++;
      }
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
  })();
  const stop = async () => {
    running = false;
    await loop;
    await broker.close();
  };
  cleanups.push(stop);
  return { accepted, stop, failures: () => failures };
}

const seqs = (events: ParsedEvent[]) =>
  events.filter((e) => e.event === 'tick').map((e) => (JSON.parse(e.data) as { seq: number }).seq);

async function stats(base: string): Promise<{ broker: { ok: boolean; kind: string; detail?: string } }> {
  return (await fetch(`${base}/api/stats`)).json() as Promise<{ broker: { ok: boolean; kind: string; detail?: string } }>;
}

const devServerDir = fileURLToPath(new URL('..', import.meta.url));

/** The real CLI in its own process: `src/main.ts --broker <url> --no-generators` on a free port. */
async function spawnInstance(stream: string): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(
    process.execPath,
    ['--conditions=source', '--import', 'tsx', 'src/main.ts', '--port', '0', '--broker', redis.url, '--no-generators'],
    { cwd: devServerDir, env: { ...process.env, SSE_BROKER_STREAM: stream }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let output = '';
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`dev-server did not start within 15 s:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] as string);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`dev-server exited (${code}) before listening:\n${output}`));
    });
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (!(await stats(base)).broker.ok) {
    if (Date.now() > deadline) throw new Error('the spawned dev-server never reported its broker ok');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return { child, base };
}

describe('dev-server with --broker redis://', () => {
  it('a client resumes on instance B after A dies, with no gap and no duplicate', { timeout: 20_000 }, async () => {
    const stream = `dev:${++streamCount}`;
    const a = await instance(stream);
    const b = await instance(stream);
    const ticker = startTicker(stream);

    const first = await connect(`${a.base}/api/stream?topics=tick`);
    cleanups.push(() => first.close());
    await first.until((events) => seqs(events).length >= 40, 5000);
    // Killed: every socket cut at once, mid-stream, as a crashed process would.
    a.server.closeAllConnections();
    await first.ended;
    await a.close();
    const lastId = first.events().at(-1)?.id;
    expect(lastId).toMatch(/^\d+-\d+$/);

    const second: TestClient = await connect(`${b.base}/api/stream?topics=tick`, { 'Last-Event-ID': lastId as string });
    cleanups.push(() => second.close());
    const target = (seqs(first.events()).at(-1) ?? 0) + 80;
    await second.until((events) => (seqs(events).at(-1) ?? 0) >= target, 5000);

    expect(second.events().filter((e) => e.event === 'sse:reset')).toEqual([]);
    const received = [...seqs(first.events()), ...seqs(second.events())];
    const from = received[0] ?? 0;
    expect(received.slice(0, target - from + 1)).toEqual(Array.from({ length: target - from + 1 }, (_, i) => from + i));
    expect(new Set(received).size).toBe(received.length);
    expect(ticker.failures()).toBe(0);
  });

  it('spawned processes: A is SIGKILLed mid-stream, the client resumes on B with Last-Event-ID', { timeout: 40_000 }, async () => {
    const stream = `dev:${++streamCount}`;
    const [a, b] = await Promise.all([spawnInstance(stream), spawnInstance(stream)]);
    const ticker = startTicker(stream);
    const first = await connect(`${a.base}/api/stream?topics=tick`);
    cleanups.push(() => first.close());
    await first.until((events) => seqs(events).length >= 40, 5000);
    a.child.kill('SIGKILL');
    await first.ended;
    const lastId = first.events().at(-1)?.id as string;
    const second = await connect(`${b.base}/api/stream?topics=tick`, { 'Last-Event-ID': lastId });
    cleanups.push(() => second.close());
    const target = (seqs(first.events()).at(-1) ?? 0) + 60;
    await second.until((events) => (seqs(events).at(-1) ?? 0) >= target, 5000);
    expect(second.events().filter((e) => e.event === 'sse:reset')).toEqual([]);
    const received = [...seqs(first.events()), ...seqs(second.events())];
    const from = received[0] ?? 0;
    expect(received.slice(0, target - from + 1)).toEqual(Array.from({ length: target - from + 1 }, (_, i) => from + i));
    expect(new Set(received).size).toBe(received.length);
    expect(ticker.failures()).toBe(0);
  });

  it('a Redis restart mid-stream: clients stay connected, stats say degraded, nothing published after it is back is lost', { timeout: 25_000 }, async () => {
    const stream = `dev:${++streamCount}`;
    const a = await instance(stream);
    const b = await instance(stream);
    const ticker = startTicker(stream);
    const clients = [await connect(`${a.base}/api/stream?topics=tick`), await connect(`${b.base}/api/stream?topics=tick`)];
    for (const client of clients) cleanups.push(() => client.close());
    for (const client of clients) await client.until((events) => seqs(events).length >= 20, 5000);

    await redis.kill();
    await waitFor(() => ticker.failures() > 5, 5000);
    const degraded = await stats(b.base);
    expect(degraded.broker).toMatchObject({ ok: false, kind: 'redis' });
    expect(degraded.broker.detail).toMatch(/^Redis at 127\.0\.0\.1:\d+ is unavailable/);
    expect((await (await fetch(`${a.base}/health`)).json()).broker.ok).toBe(false);

    await redis.restart();
    const backAt = Date.now();
    // A count, not a sleep: on a loaded machine the ticker may publish slower than its interval.
    await waitFor(() => ticker.accepted.filter((t) => t.at > backAt).length > 20, 15_000);
    await ticker.stop();
    expect((await stats(a.base)).broker.ok).toBe(true);
    const afterRestart = ticker.accepted.filter((t) => t.at > backAt).map((t) => t.seq);
    const lastSeq = afterRestart.at(-1) as number;
    expect(afterRestart.length).toBeGreaterThan(20);

    for (const client of clients) {
      await client.until((events) => seqs(events).includes(lastSeq), 5000);
      // The same HTTP response from before the outage: the client never had to reconnect.
      expect(client.res.closed).toBe(false);
      const received = seqs(client.events());
      expect(new Set(received).size).toBe(received.length);
      expect(received.every((seq, i) => i === 0 || seq > (received[i - 1] as number))).toBe(true);
      for (const seq of afterRestart) expect(received).toContain(seq);
      // Nothing was delivered that Redis did not accept.
      const accepted = new Set(ticker.accepted.map((t) => t.seq));
      expect(received.filter((seq) => !accepted.has(seq))).toEqual([]);
    }
  });

  it('brokerFromArgs: --broker, --broker=, SSE_BROKER_URL, memory, and a clear error otherwise', async () => {
    expect(brokerFromArgs(['node', 'main.ts'], {})).toEqual({});
    expect(brokerFromArgs(['node', 'main.ts', '--broker', 'memory'], {})).toEqual({});
    expect(() => brokerFromArgs(['node', 'main.ts', '--broker', 'http://x'], {})).toThrow(
      /^\[@kit\/dev-server\] --broker \(or SSE_BROKER_URL\) must be redis:\/\/host:port or memory/,
    );
    for (const [argv, env] of [
      [['--broker', redis.url], {}],
      [[`--broker=${redis.url}`], {}],
      [[], { SSE_BROKER_URL: redis.url, SSE_BROKER_STREAM: 'dev:env' }],
    ] as const) {
      const { broker } = brokerFromArgs(['node', 'main.ts', ...argv], env);
      expect(broker?.status.kind).toBe('redis');
      await broker?.close();
    }
  });
});
