import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startRedisServer } from '@kit/sse-server-redis/testing';
import type { LoadReport } from '../fixtures/fanoutClients';
import { fmt, ratio, spread } from '../harness/format';
import { interleave } from '../harness/interleave';
import { startHelper, type Helper } from '../harness/ipc';
import { benchDir } from '../harness/paths';
import type { Benchmark } from '../harness/report';
import { summarize } from '../harness/stats';
import { markdownTable } from '../harness/table';

interface Sample {
  /** Events that reached every client, per second. */
  eventsPerSecond: number;
  p99: number;
  complete: boolean;
}

const CONTENDERS = [
  { id: 'memory-1', name: 'in-memory broker, 1 instance', instances: 1, redis: false, ours: true },
  // Separates what Redis costs from what a second process brings.
  { id: 'redis-1', name: 'Redis broker, 1 instance', instances: 1, redis: true },
  { id: 'redis-2', name: 'Redis broker, 2 instances', instances: 2, redis: true },
] as const;

const fixture = (name: string): string => join(benchDir, 'src/fixtures', name);

export const redisBrokerBenchmark: Benchmark = async ({ quick, log }) => {
  const clients = quick ? 100 : 500;
  const events = quick ? 200 : 1000;
  const rounds = quick ? 2 : 5;
  // Its own redis-server (Debian's package; installed when missing and running as root).
  const redis = await startRedisServer();
  // One client process per instance for the whole run, so each instance's clients are measured
  // outside every server's event loop.
  const loads: Helper[] = [startHelper(fixture('fanoutClients.ts'), []), startHelper(fixture('fanoutClients.ts'), [])];
  let streamCount = 0;

  async function sample(contender: (typeof CONTENDERS)[number]): Promise<Sample> {
    const stream = `bench:${++streamCount}`;
    const args = contender.redis ? ['redis', redis.url, stream] : ['memory'];
    const servers = Array.from({ length: contender.instances }, () => startHelper(fixture('redisBrokerServer.ts'), args));
    try {
      const ports = await Promise.all(servers.map((s) => s.next<{ port: number }>('listening', 20_000).then((m) => m.port)));
      const perInstance = clients / contender.instances;
      const active = loads.slice(0, contender.instances);
      // Round-robin as a load balancer would: the same number of clients on every instance.
      await Promise.all(
        active.map((load, i) => load.request({ type: 'connect', port: ports[i], clients: perInstance, expected: perInstance * events }, 'ready')),
      );
      const done = active.map((load) => load.next<LoadReport>('done', 90_000));
      const published = await (servers[0] as Helper).request<{ started: number; failed: number }>({ type: 'publish', events }, 'published', 90_000);
      // Give the last frames 10 s to arrive, then take whatever came.
      const timer = setTimeout(() => {
        for (const load of active) load.child.send({ type: 'report' });
      }, 10_000);
      const results = await Promise.all(done);
      clearTimeout(timer);
      await Promise.all(active.map((load) => load.request({ type: 'close' }, 'closed')));
      const received = results.reduce((sum, r) => sum + r.received, 0);
      const lastAt = Math.max(...results.map((r) => r.lastAt));
      return {
        eventsPerSecond: received / clients / ((lastAt - published.started) / 1e6),
        // The worse instance's p99: a client does not care which instance it landed on.
        p99: Math.max(...results.map((r) => r.p99)),
        complete: received === clients * events && published.failed === 0,
      };
    } finally {
      for (const server of servers) server.stop();
    }
  }

  try {
    log(`${clients} clients, ${events} events, ${rounds} interleaved rounds, redis-server on port ${redis.port}`);
    const samples = await interleave<Sample>(
      CONTENDERS.map((c) => ({ name: c.name, run: () => sample(c) })),
      { rounds, warmup: quick ? 0 : 1 },
    );
    const stat = (name: string, key: 'eventsPerSecond' | 'p99') => summarize((samples.get(name) ?? []).map((s) => s[key]));
    const memoryRate = stat(CONTENDERS[0].name, 'eventsPerSecond').median;
    const incomplete = CONTENDERS.filter((c) => (samples.get(c.name) ?? []).some((s) => !s.complete)).map((c) => c.name);
    return {
      id: 'redis-broker',
      title: 'Redis broker vs in-memory broker',
      method:
        `${clients} loopback SSE clients (raw \`net\` sockets, in client processes: one per instance) spread evenly over the server instances, each instance its own process. ` +
        `The first instance publishes ${fmt(events)} small JSON \`tick\` events carrying their publish time (\`process.hrtime\` µs), one per event-loop turn. ` +
        'With the Redis broker each publish is an `XADD MAXLEN ~` and every instance, the publishing one included, receives it back through its own blocking `XREAD` before fanning it out; the in-memory broker fans out directly. ' +
        'events/s = deliveries / clients / (last delivery − first publish); p99 = publish → arrival at the client, worst instance. redis-server is Debian\'s package, no persistence, on loopback. ' +
        `${rounds} interleaved rounds.`,
      tables: [
        {
          headers: ['Broker', 'events/s to all clients, median (min–max)', 'p99 latency median (min–max)', 'vs in-memory'],
          rows: CONTENDERS.map((c) => [
            c.name,
            spread(stat(c.name, 'eventsPerSecond')),
            spread(stat(c.name, 'p99'), 'ms'),
            'ours' in c ? '1.00x' : ratio(stat(c.name, 'eventsPerSecond').median, memoryRate),
          ]),
        },
      ],
      charts: [],
      targets: [],
      notes: [
        'Read throughput together with latency: the Redis broker hands events to its channel in `XREAD` batches (up to 1000 entries per read) as they come back from Redis, while the in-memory broker fans each event out within its publish call, one per event-loop turn here.',
        ...(incomplete.length > 0 ? [`Some samples of ${incomplete.join(', ')} did not deliver every event within 10 s of the last publish; their rates count what arrived.`] : []),
      ],
      headline: {
        headers: [`Broker (${clients} clients)`, 'events/s to all clients', 'p99 latency'],
        rows: CONTENDERS.map((c) => [c.name, fmt(stat(c.name, 'eventsPerSecond').median), `${fmt(stat(c.name, 'p99').median)} ms`]),
      },
    };
  } finally {
    for (const load of loads) load.stop();
    await redis.stop();
  }
};

// Runnable on its own: cd apps/bench && npx tsx src/benchmarks/redisBroker.ts [--quick]
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await redisBrokerBenchmark({ quick: process.argv.includes('--quick'), log: (message) => console.log(message) });
  console.log(`\n${result.method}\n`);
  for (const table of result.tables) console.log(`${markdownTable(table)}\n`);
  for (const note of result.notes) console.log(note);
}
