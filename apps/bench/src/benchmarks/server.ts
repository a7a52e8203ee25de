import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadReport } from '../fixtures/fanoutClients';
import { fmt, ratio, spread } from '../harness/format';
import { startHelper, type Helper } from '../harness/ipc';
import { logComparison, startLoadReading, type LoadReading } from '../harness/load';
import { benchDir } from '../harness/paths';
import type { Benchmark, BenchmarkResult } from '../harness/report';
import { summarize, type Summary } from '../harness/stats';

interface Sample {
  deliveriesPerSecond: number;
  /** Server process CPU (user + system) from the first publish to the last delivery, per delivery. */
  cpuMicrosPerDelivery: number;
  p50: number;
  p99: number;
  /** Marginal heap used + external per open connection, after a full GC (see the method). */
  heapPerConnection: number;
  rssPerConnection: number;
  /** The client process's CPU time over the measured span: near 1, the load generator set the pace. */
  clientBusy: number;
  complete: boolean;
}

type Metric = Exclude<keyof Sample, 'complete'>;

interface Workload {
  clients: number;
  events: number;
  /** Deliveries per sample: every event to every client. */
  expected: number;
  rounds: number;
}

/** Events published to the first half of the clients before anything is measured: every code path has run once. */
const WARMUP_EVENTS = 3;

const CONTENDERS = [
  { id: 'ours', name: '@kit/sse-server createChannel', ours: true },
  { id: 'tutorial', name: 'tutorial server (stringify + 3 writes per client)' },
  { id: 'better-sse', name: 'better-sse channel' },
] as const;
const OURS = CONTENDERS[0].name;
const TARGET_CLIENTS = 2000;
const TUTORIAL = CONTENDERS[1].name;

const fixture = (name: string): string => join(benchDir, 'src/fixtures', name);
const heapOf = (m: NodeJS.MemoryUsage): number => m.heapUsed + m.external;
// tsx's loader, without this process's own --cpu-prof flags (BENCH_CPU_PROF profiles the server's fan-out instead).
const childFlags = (): string[] => process.execArgv.filter((flag) => !flag.startsWith('--cpu-prof'));

/** Waits for the clients' report, asking for it 10 s after the last publish if some deliveries never came. */
async function collect(load: Helper, server: Helper, events: number): Promise<{ result: LoadReport; started: number }> {
  const done = load.next<LoadReport>('done', 90_000);
  const published = await server.request<{ started: number }>({ type: 'publish', events }, 'published', 90_000);
  const timer = setTimeout(() => load.child.send({ type: 'report' }), 10_000);
  const result = await done;
  clearTimeout(timer);
  return { result, started: published.started };
}

/**
 * One sample of one contender, in fresh server and client processes: half the clients connect and
 * get a warm-up, then the other half connects, then the measured events go to all of them.
 */
async function sample(contender: string, { clients, events, expected }: Workload): Promise<Sample> {
  const server = startHelper(fixture('fanoutServer.ts'), [contender], [...childFlags(), '--expose-gc']);
  const load = startHelper(fixture('fanoutClients.ts'), [], childFlags());
  /** Memory after a full GC, checked to be of `open` connections: a client lost on the way would skew the per-connection figure. */
  const memory = async (open: number): Promise<NodeJS.MemoryUsage> => {
    const reply = await server.request<{ memory: NodeJS.MemoryUsage; connections: number }>({ type: 'memory' }, 'memory');
    if (reply.connections !== open) throw new Error(`${contender}: ${reply.connections} open connections where ${open} were expected`);
    return reply.memory;
  };
  const cpu = async (): Promise<NodeJS.CpuUsage> => (await server.request<{ cpu: NodeJS.CpuUsage }>({ type: 'cpu' }, 'cpu')).cpu;
  try {
    const { port } = await server.next<{ port: number }>('listening');
    const first = Math.floor(clients / 2);
    await load.request({ type: 'connect', port, clients: first, expected: first * WARMUP_EVENTS }, 'ready');
    await collect(load, server, WARMUP_EVENTS);
    const before = await memory(first);
    await load.request({ type: 'connect', add: true, port, clients: clients - first }, 'ready');
    await load.request({ type: 'start', expected }, 'started');
    const profiling = process.env.BENCH_CPU_PROF;
    if (profiling) await server.request({ type: 'profile-start' }, 'profiling');
    const cpuBefore = await cpu();
    const { result, started } = await collect(load, server, events);
    const cpuAfter = await cpu();
    if (profiling) {
      mkdirSync(join(profiling, 'server'), { recursive: true });
      await server.request({ type: 'profile-stop', file: join(profiling, 'server', `${contender}-${Date.now()}.cpuprofile`) }, 'profiled');
    }
    const after = await memory(clients);
    const span = (result.lastAt - started) / 1e6;
    return {
      deliveriesPerSecond: result.received / span,
      cpuMicrosPerDelivery: (cpuAfter.user - cpuBefore.user + cpuAfter.system - cpuBefore.system) / Math.max(1, result.received),
      p50: result.p50,
      p99: result.p99,
      heapPerConnection: (heapOf(after) - heapOf(before)) / (clients - first),
      rssPerConnection: (after.rss - before.rss) / (clients - first),
      clientBusy: result.cpu / 1000 / span,
      complete: result.received === expected,
    };
  } finally {
    load.stop();
    server.stop();
  }
}

const METHOD = (w: Workload): string =>
  `Each sample starts a fresh server process (one contender) and a fresh client process: ${fmt(w.clients)} loopback clients (raw \`net\` sockets speaking HTTP/1.1; each reads into one shared buffer and scans bytes, so the load generator outpaces every server: its CPU share is in the table). ` +
  `Half the clients connect and receive ${WARMUP_EVENTS} warm-up events (every code path has run once), then the other half connects; the server then publishes ${w.events} events (a small JSON tick carrying its publish time, \`process.hrtime\` µs, a clock shared by every process) as fast as it can, one per event-loop turn, each to every client: ${fmt(w.expected)} deliveries per sample. ` +
  'Throughput = deliveries / (last delivery − first publish). Server CPU = the server process\'s user + system time over that span (GC included) / deliveries. Latency = arrival in the client process − publish time in the payload, over every delivery (10 µs bins). ' +
  'Memory per connection = the marginal cost: (heap used + external) after a full GC (`gc()` twice) once the measured events were delivered, minus the same after the warm-up with half the clients, divided by the clients of the second half; RSS the same way. Both are taken with exactly that many connections open (the server reports its count). One-off costs (compiled code, caches) are in both figures and cancel; what the server keeps per open connection (the socket, the request and response objects every contender pays, then its own) remains. ' +
  `${w.rounds} rounds, contenders alternating (A B C, B C A, …), a fresh pair of processes per sample; medians with their min–max spread, and the ratios per round (each round's contenders ran back to back, under the same load). The machine's load in every round (load average, busy cores) is in the load table.`;

/** The tables, chart, targets and headline of the samples. */
function report(workload: Workload, samples: Map<string, Sample[]>): Omit<BenchmarkResult, 'seconds' | 'load'> {
  const of = (name: string): Sample[] => samples.get(name) ?? [];
  const stat = (name: string, key: Metric): Summary => summarize(of(name).map((s) => s[key]));
  /** ours / theirs (or theirs / ours), round by round. */
  const perRound = (name: string, key: Metric, oursOver = true): Summary =>
    summarize(of(OURS).map((s, i) => (oursOver ? s[key] / (of(name)[i]?.[key] ?? NaN) : (of(name)[i]?.[key] ?? NaN) / s[key])));
  const ratios = (s: Summary): string => `${s.median.toFixed(2)}x (${s.min.toFixed(2)}–${s.max.toFixed(2)})`;
  const kib = (name: string, key: 'heapPerConnection' | 'rssPerConnection'): string => {
    const s = stat(name, key);
    return `${fmt(s.median / 1024)} KiB (${fmt(s.min / 1024)}–${fmt(s.max / 1024)})`;
  };
  const median = (name: string, key: Metric): number => stat(name, key).median;
  const incomplete = CONTENDERS.filter((c) => of(c.name).some((s) => !s.complete)).map((c) => c.name);
  const oursMemory = median(OURS, 'heapPerConnection') / 1024;
  // The targets are about 2,000 clients: a smaller (--quick) workload reports them without a verdict.
  const judged: true | null = workload.clients === TARGET_CLIENTS ? true : null;
  return {
    id: 'server',
    title: 'Server fan-out',
    method: METHOD(workload),
    tables: [
      {
        headers: ['Server', 'deliveries/s', 'server CPU µs / delivery', 'p50 latency', 'p99 latency', 'heap+external / conn', 'RSS / conn', 'client process busy'],
        rows: CONTENDERS.map((c) => [
          c.name,
          spread(stat(c.name, 'deliveriesPerSecond')),
          spread(stat(c.name, 'cpuMicrosPerDelivery')),
          spread(stat(c.name, 'p50'), 'ms'),
          spread(stat(c.name, 'p99'), 'ms'),
          kib(c.name, 'heapPerConnection'),
          kib(c.name, 'rssPerConnection'),
          `${(median(c.name, 'clientBusy') * 100).toFixed(0)}% (max ${(stat(c.name, 'clientBusy').max * 100).toFixed(0)}%)`,
        ]),
      },
      {
        headers: ['Ours against', 'throughput ours / this, per round', 'CPU per delivery this / ours, per round', 'p99 latency ours / this, per round'],
        rows: CONTENDERS.filter((c) => !('ours' in c)).map((c) => [
          c.name,
          ratios(perRound(c.name, 'deliveriesPerSecond')),
          ratios(perRound(c.name, 'cpuMicrosPerDelivery', false)),
          ratios(perRound(c.name, 'p99')),
        ]),
      },
    ],
    charts: [
      {
        file: 'server.svg',
        chart: {
          title: `Server fan-out: ${fmt(workload.clients)} clients × ${workload.events} events`,
          unit: '',
          subtitle: 'deliveries/s (higher is better), p99 latency in ms (lower is better)',
          groups: [
            { label: 'deliveries per second', bars: CONTENDERS.map((c) => ({ label: c.name, ours: 'ours' in c, ...stat(c.name, 'deliveriesPerSecond') })) },
            { label: 'p99 delivery latency (ms)', bars: CONTENDERS.map((c) => ({ label: c.name, ours: 'ours' in c, ...stat(c.name, 'p99') })) },
          ],
        },
      },
    ],
    targets: [
      {
        name: `throughput vs the tutorial server at ${fmt(workload.clients)} clients (ratio of medians; per round in the second table)`,
        goal: '≥ 4x',
        measured: ratio(median(OURS, 'deliveriesPerSecond'), median(TUTORIAL, 'deliveriesPerSecond')),
        met: judged && median(OURS, 'deliveriesPerSecond') / median(TUTORIAL, 'deliveriesPerSecond') >= 4,
      },
      {
        name: 'server CPU per delivery, tutorial / ours (the same claim on CPU time, steadier on a shared machine)',
        goal: '≥ 4x',
        measured: ratio(median(TUTORIAL, 'cpuMicrosPerDelivery'), median(OURS, 'cpuMicrosPerDelivery')),
        met: judged && median(TUTORIAL, 'cpuMicrosPerDelivery') / median(OURS, 'cpuMicrosPerDelivery') >= 4,
      },
      {
        name: 'p99 latency no worse than the tutorial server’s (medians)',
        goal: '≤ 1.00x',
        measured: `${fmt(median(OURS, 'p99'))} ms vs ${fmt(median(TUTORIAL, 'p99'))} ms (${ratio(median(OURS, 'p99'), median(TUTORIAL, 'p99'))})`,
        met: judged && median(OURS, 'p99') <= median(TUTORIAL, 'p99'),
      },
      {
        name: 'memory per open connection (marginal heap used + external after GC)',
        goal: '≤ 4 KiB',
        measured: `${fmt(oursMemory)} KiB (tutorial ${fmt(median(TUTORIAL, 'heapPerConnection') / 1024)} KiB)`,
        met: judged && oursMemory <= 4,
      },
    ],
    notes: incomplete.length > 0 ? [`Some samples of ${incomplete.join(', ')} did not deliver every event within 10 s of the last publish; their rates count what arrived.`] : [],
    headline: {
      headers: [`Server fan-out (${fmt(workload.clients)} clients)`, 'deliveries/s', 'server CPU µs / delivery', 'p99 latency', 'memory / conn (heap+external)'],
      rows: CONTENDERS.map((c) => [
        c.name,
        fmt(median(c.name, 'deliveriesPerSecond')),
        fmt(median(c.name, 'cpuMicrosPerDelivery')),
        `${fmt(median(c.name, 'p99'))} ms`,
        `${fmt(median(c.name, 'heapPerConnection') / 1024)} KiB`,
      ]),
    },
  };
}

export const serverBenchmark: Benchmark = async ({ quick, log }) => {
  const clients = quick ? 500 : TARGET_CLIENTS;
  const events = quick ? 20 : 30;
  const workload: Workload = { clients, events, expected: clients * events, rounds: Number(process.env.BENCH_ROUNDS ?? (quick ? 5 : 7)) };
  log(`${clients} clients, ${events} events each, ${workload.rounds} rounds`);
  // Rounds of A B C, B C A, C A B, ...; every sample in its own pair of processes (startHelper
  // rather than processRounds: a sample is a long-lived server and a client process talking over IPC).
  const samples = new Map<string, Sample[]>(CONTENDERS.map((c) => [c.name, []]));
  const loads: LoadReading[] = [];
  for (let round = 0; round < workload.rounds; round++) {
    const endReading = startLoadReading();
    for (let i = 0; i < CONTENDERS.length; i++) {
      const contender = CONTENDERS[(round + i) % CONTENDERS.length] as (typeof CONTENDERS)[number];
      samples.get(contender.name)?.push(await sample(contender.id, workload));
    }
    loads.push(endReading());
  }
  logComparison({ label: `server fan-out, ${fmt(clients)} clients`, method: 'process', rounds: loads });
  return report(workload, samples);
};
