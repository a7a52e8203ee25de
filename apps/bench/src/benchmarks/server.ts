import { join } from 'node:path';
import { fmt, ratio, spread } from '../harness/format';
import { interleave } from '../harness/interleave';
import { startHelper } from '../harness/ipc';
import { benchDir } from '../harness/paths';
import type { LoadReport } from '../fixtures/fanoutClients';
import type { Benchmark, BenchmarkResult } from '../harness/report';
import { summarize, type Summary } from '../harness/stats';

interface Sample {
  eventsPerSecond: number;
  /** Server process CPU (user + system) from the first publish to the last delivery, per delivery. */
  cpuMicrosPerDelivery: number;
  p50: number;
  p99: number;
  heapPerConnection: number;
  rssPerConnection: number;
  complete: boolean;
}

interface Workload {
  clients: number;
  events: number;
  /** Deliveries per sample: every event to every client. */
  expected: number;
  rounds: number;
}

const CONTENDERS = [
  { id: 'ours', name: '@kit/sse-server createChannel', ours: true },
  { id: 'tutorial', name: 'tutorial server (stringify + 3 writes per client)' },
  { id: 'better-sse', name: 'better-sse channel' },
] as const;

const fixture = (name: string): string => join(benchDir, 'src/fixtures', name);

/** One sample of one contender: fresh server and client processes, connect, publish, collect. */
async function sample(contender: string, { clients, events, expected }: Workload, log: (message: string) => void): Promise<Sample> {
  const t0 = performance.now();
  // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of every server process (see the README).
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${join(process.env.BENCH_CPU_PROF, `server-${contender}`)}`] : [];
  // Fresh server and client processes per sample: a clean heap to measure, and no state (or a
  // stuck socket) carried from one contender's sample into the next.
  const server = startHelper(fixture('fanoutServer.ts'), [contender], [...process.execArgv, '--expose-gc', ...profile]);
  const load = startHelper(fixture('fanoutClients.ts'), []);
  try {
    const listening = await server.next<{ port: number; memory: NodeJS.MemoryUsage }>('listening');
    const t1 = performance.now();
    await load.request({ type: 'connect', port: listening.port, clients, expected }, 'ready');
    const t2 = performance.now();
    const { memory } = await server.request<{ memory: NodeJS.MemoryUsage }>({ type: 'memory' }, 'memory');
    const heap = (m: NodeJS.MemoryUsage): number => m.heapUsed + m.external;
    const cpuBefore = (await server.request<{ cpu: NodeJS.CpuUsage }>({ type: 'cpu' }, 'cpu')).cpu;
    const done = load.next<LoadReport>('done', 90_000);
    const published = await server.request<{ started: number; ended: number }>({ type: 'publish', events }, 'published', 90_000);
    // Give the last frames 10 s to arrive, then take whatever came.
    const timer = setTimeout(() => load.child.send({ type: 'report' }), 10_000);
    const result = await done;
    clearTimeout(timer);
    const cpuAfter = (await server.request<{ cpu: NodeJS.CpuUsage }>({ type: 'cpu' }, 'cpu')).cpu;
    const t3 = performance.now();
    if (process.env.BENCH_DEBUG) log(`${contender}: start ${(t1 - t0).toFixed(0)} ms, connect ${(t2 - t1).toFixed(0)} ms, publish+deliver ${(t3 - t2).toFixed(0)} ms, published in ${((published.ended - published.started) / 1000).toFixed(0)} ms, received ${result.received}`);
    return {
      eventsPerSecond: result.received / ((result.lastAt - published.started) / 1e6),
      cpuMicrosPerDelivery: (cpuAfter.user - cpuBefore.user + cpuAfter.system - cpuBefore.system) / Math.max(1, result.received),
      p50: result.p50,
      p99: result.p99,
      heapPerConnection: (heap(memory) - heap(listening.memory)) / clients,
      rssPerConnection: (memory.rss - listening.memory.rss) / clients,
      complete: result.received === expected,
    };
  } finally {
    load.stop();
    server.stop();
  }
}

/** The tables, chart, targets and headline of the samples. */
function report({ clients, events, expected, rounds }: Workload, samples: Map<string, Sample[]>): Omit<BenchmarkResult, 'seconds' | 'load'> {
  const stat = (name: string, key: keyof Omit<Sample, 'complete'>): Summary =>
    summarize((samples.get(name) ?? []).map((s) => s[key]));
  const OURS = CONTENDERS[0].name;
  const TUTORIAL = CONTENDERS[1].name;
  const oursRate = stat(OURS, 'eventsPerSecond').median;
  const tutorialRate = stat(TUTORIAL, 'eventsPerSecond').median;
  const oursCpu = stat(OURS, 'cpuMicrosPerDelivery').median;
  const tutorialCpu = stat(TUTORIAL, 'cpuMicrosPerDelivery').median;
  const incomplete = CONTENDERS.filter((c) => (samples.get(c.name) ?? []).some((s) => !s.complete)).map((c) => c.name);
  return {
    id: 'server',
    title: 'Server fan-out',
    method:
      `${fmt(clients)} loopback clients (raw \`net\` sockets speaking HTTP/1.1, in a child process) connect to one SSE server (a fresh child process per sample, so its heap is measured alone); the server then publishes ${events} events (a small JSON tick carrying its publish time, \`process.hrtime\` in µs, a clock shared by every process) as fast as it can, one per event-loop turn, each going to every client: ${fmt(expected)} deliveries per sample. ` +
      "Throughput = deliveries / (last delivery − first publish); server CPU = the server process's user + system time over the same span (GC included) / deliveries. Latency = arrival in the client process − publish time in the payload, over every delivery. Memory per connection = (heap used + external) and RSS after the clients connected minus before, after a GC, divided by the number of clients. " +
      `${rounds} interleaved rounds.`,
    tables: [
      {
        headers: [
          'Server',
          'deliveries/s median (min–max)',
          'server CPU µs / delivery',
          'p50 latency',
          'p99 latency median (min–max)',
          'heap+external / conn',
          'RSS / conn',
          'throughput ours / this',
          'CPU per delivery this / ours',
        ],
        rows: CONTENDERS.map((c) => [
          c.name,
          spread(stat(c.name, 'eventsPerSecond')),
          spread(stat(c.name, 'cpuMicrosPerDelivery')),
          `${fmt(stat(c.name, 'p50').median)} ms`,
          spread(stat(c.name, 'p99'), 'ms'),
          `${fmt(stat(c.name, 'heapPerConnection').median / 1024)} KiB`,
          `${fmt(stat(c.name, 'rssPerConnection').median / 1024)} KiB`,
          'ours' in c ? '1.00x' : ratio(oursRate, stat(c.name, 'eventsPerSecond').median),
          'ours' in c ? '1.00x' : ratio(stat(c.name, 'cpuMicrosPerDelivery').median, oursCpu),
        ]),
      },
    ],
    charts: [
      {
        file: 'server.svg',
        chart: {
          title: `Server fan-out: ${fmt(clients)} clients × ${events} events`,
          unit: '',
          subtitle: 'deliveries/s (higher is better), p99 latency in ms (lower is better)',
          groups: [
            {
              label: 'deliveries per second',
              bars: CONTENDERS.map((c) => ({ label: c.name, ours: 'ours' in c, ...stat(c.name, 'eventsPerSecond') })),
            },
            {
              label: 'p99 delivery latency (ms)',
              bars: CONTENDERS.map((c) => ({ label: c.name, ours: 'ours' in c, ...stat(c.name, 'p99') })),
            },
          ],
        },
      },
    ],
    targets: [
      {
        name: 'throughput vs the tutorial server',
        goal: '≥ 2x',
        measured: ratio(oursRate, tutorialRate),
        met: oursRate / tutorialRate >= 2,
      },
      {
        name: 'server CPU per delivery, tutorial / ours (the same target on CPU time, steadier on a shared machine)',
        goal: '≥ 2x',
        measured: ratio(tutorialCpu, oursCpu),
        met: tutorialCpu / oursCpu >= 2,
      },
    ],
    notes: incomplete.length > 0 ? [`Some samples of ${incomplete.join(', ')} did not deliver every event within 10 s of the last publish; their rates count what arrived.`] : [],
    headline: {
      headers: [`Server fan-out (${fmt(clients)} clients)`, 'deliveries/s', 'server CPU µs / delivery', 'p99 latency', 'memory / conn (heap+external)'],
      rows: CONTENDERS.map((c) => [
        c.name,
        fmt(stat(c.name, 'eventsPerSecond').median),
        fmt(stat(c.name, 'cpuMicrosPerDelivery').median),
        `${fmt(stat(c.name, 'p99').median)} ms`,
        `${fmt(stat(c.name, 'heapPerConnection').median / 1024)} KiB`,
      ]),
    },
  };
}

export const serverBenchmark: Benchmark = async ({ quick, log }) => {
  const clients = quick ? 500 : 2000;
  const events = quick ? 20 : 30;
  const workload: Workload = { clients, events, expected: clients * events, rounds: Number(process.env.BENCH_ROUNDS ?? 5) };
  log(`${clients} clients, ${events} events each, ${workload.rounds} rounds`);
  const samples = await interleave<Sample>(
    CONTENDERS.map((c) => ({ name: c.name, run: () => sample(c.id, workload, log) })),
    { rounds: workload.rounds, warmup: 0 },
  );
  return report(workload, samples);
};
