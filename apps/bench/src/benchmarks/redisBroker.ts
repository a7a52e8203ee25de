import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { createChannel, createMemoryBroker, createNodeStream, type Broker, type Channel } from '@kit/sse-server';
import { createRedisBroker } from '@kit/sse-server-redis';
import { startRedisServer } from '@kit/sse-server-redis/testing';
import { fmt, ratio, spread } from '../harness/format';
import { interleave } from '../harness/interleave';
import type { Benchmark } from '../harness/report';
import { summarize } from '../harness/stats';
import { markdownTable } from '../harness/table';

interface Sample {
  /** Events that reached every client, per second. */
  eventsPerSecond: number;
  /** Frames delivered (events × clients), per second. */
  deliveriesPerSecond: number;
  complete: boolean;
}

const CONTENDERS = [
  { id: 'memory-1', name: 'in-memory broker, 1 instance', instances: 1, redis: false, ours: true },
  { id: 'redis-1', name: 'Redis broker, 1 instance', instances: 1, redis: true },
  { id: 'redis-2', name: 'Redis broker, 2 instances', instances: 2, redis: true },
] as const;

// Publishes in flight at once: enough to keep Redis's pipe full, bounded so nothing piles up.
const WINDOW = 64;

interface Instance {
  channel: Channel;
  server: Server;
  port: number;
}

async function startInstance(broker: Broker): Promise<Instance> {
  const channel = createChannel({ broker });
  const server = createServer((req, res) => {
    // No retry line and no heartbeats: every "\n\n" the client sees ends an event.
    const sink = createNodeStream(req, res, { retry: null, heartbeatMs: 0, maxQueueBytes: 64 * 1024 * 1024 });
    void channel.connect(sink);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { channel, server, port: (server.address() as AddressInfo).port };
}

/** A client that only counts frames: parsing is the client benchmark's business, not this one's. */
function countingClient(port: number, onFrame: () => void): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path: '/', agent: false, headers: { Accept: 'text/event-stream' } }, (res) => {
      let lastWasNewline = false;
      res.on('data', (chunk: Buffer) => {
        for (let i = 0; i < chunk.length; i++) {
          const isNewline = chunk[i] === 10;
          if (isNewline && lastWasNewline) onFrame();
          lastWasNewline = isNewline;
        }
      });
      resolve(res);
    });
    req.on('error', reject);
  });
}

async function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return true;
}

let streamCount = 0;

async function sample(contender: (typeof CONTENDERS)[number], redisUrl: string, clients: number, events: number): Promise<Sample> {
  const stream = `bench:${process.pid}:${++streamCount}`;
  const brokers: Broker[] = Array.from({ length: contender.instances }, () =>
    contender.redis ? createRedisBroker({ url: redisUrl, stream, maxLen: events + 100 }) : createMemoryBroker({ replaySize: 1000 }),
  );
  const instances: Instance[] = [];
  const responses: IncomingMessage[] = [];
  try {
    if (!(await waitUntil(() => brokers.every((b) => b.status.ok), 10_000))) throw new Error('broker did not connect');
    for (const broker of brokers) instances.push(await startInstance(broker));
    const counts = new Array<number>(clients).fill(0);
    let finished = 0;
    let lastAt = 0;
    for (let i = 0; i < clients; i++) {
      // Round-robin, as a load balancer would spread them.
      const instance = instances[i % instances.length] as Instance;
      responses.push(
        await countingClient(instance.port, () => {
          if (++counts[i]! === events) {
            finished++;
            lastAt = performance.now();
          }
        }),
      );
    }
    const publisher = (instances[0] as Instance).channel;
    const started = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < events) {
        const seq = ++next;
        await publisher.publish({ event: 'tick', data: { seq, ts: Date.now() } });
      }
    };
    await Promise.all(Array.from({ length: WINDOW }, worker));
    const complete = await waitUntil(() => finished === clients, 30_000);
    const end = complete ? lastAt : performance.now();
    const delivered = counts.reduce((sum, n) => sum + n, 0);
    const seconds = (end - started) / 1000;
    return { eventsPerSecond: delivered / clients / seconds, deliveriesPerSecond: delivered / seconds, complete };
  } finally {
    for (const res of responses) res.destroy();
    for (const { server, channel } of instances) {
      channel.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    await Promise.all(brokers.map((b) => b.close()));
  }
}

export const redisBrokerBenchmark: Benchmark = async ({ quick, log }) => {
  const clients = quick ? 50 : 200;
  const events = quick ? 500 : 2000;
  const rounds = quick ? 2 : 5;
  // The bench starts its own redis-server (installing Debian's package when root and missing).
  const redis = await startRedisServer();
  try {
    log(`${clients} clients, ${events} events, ${rounds} interleaved rounds, redis-server on port ${redis.port}`);
    const samples = await interleave<Sample>(
      CONTENDERS.map((c) => ({ name: c.name, run: () => sample(c, redis.url, clients, events) })),
      { rounds, warmup: quick ? 0 : 1 },
    );
    const stat = (name: string, key: 'eventsPerSecond' | 'deliveriesPerSecond') =>
      summarize((samples.get(name) ?? []).map((s) => s[key]));
    const memoryRate = stat(CONTENDERS[0].name, 'eventsPerSecond').median;
    const incomplete = CONTENDERS.filter((c) => (samples.get(c.name) ?? []).some((s) => !s.complete)).map((c) => c.name);
    const table = {
      headers: ['Broker', 'events/s to all clients, median (min–max)', 'deliveries/s median', 'vs in-memory'],
      rows: CONTENDERS.map((c) => [
        c.name,
        spread(stat(c.name, 'eventsPerSecond')),
        fmt(stat(c.name, 'deliveriesPerSecond').median),
        'ours' in c ? '1.00x' : ratio(stat(c.name, 'eventsPerSecond').median, memoryRate),
      ]),
    };
    return {
      id: 'redis-broker',
      title: 'Redis broker vs in-memory broker',
      method:
        `${clients} loopback SSE clients (node:http, counting frames) spread round-robin over the instances; one instance publishes ${fmt(events)} small JSON \`tick\` events, ${WINDOW} publishes in flight at a time. ` +
        'With the Redis broker every publish is an `XADD MAXLEN ~` and every instance (the publishing one included) receives it back through its blocking `XREAD` before fanning it out; with the in-memory broker the publish fans out directly. ' +
        'events/s = events that reached every client / (last delivery − first publish). Servers, clients and the publisher share one process and one event loop; redis-server (Debian package, no persistence) runs on loopback. ' +
        `${rounds} interleaved rounds.`,
      tables: [table],
      charts: [],
      targets: [],
      notes: incomplete.length > 0 ? [`Some samples of ${incomplete.join(', ')} did not deliver every event within 30 s; their rates count what arrived.`] : [],
      headline: {
        headers: [`Broker (${fmt(clients)} clients)`, 'events/s to all clients'],
        rows: CONTENDERS.map((c) => [c.name, fmt(stat(c.name, 'eventsPerSecond').median)]),
      },
    };
  } finally {
    await redis.stop();
  }
};

// Runnable on its own: npx tsx --conditions=source apps/bench/src/benchmarks/redisBroker.ts [--quick]
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await redisBrokerBenchmark({ quick: process.argv.includes('--quick'), log: (message) => console.log(message) });
  console.log(`\n${result.method}\n`);
  for (const table of result.tables) console.log(`${markdownTable(table)}\n`);
  for (const note of result.notes) console.log(note);
}
