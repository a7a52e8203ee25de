import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ClientKind, ClientSample, ClientSampleArgs } from '../fixtures/clientSample';
import { fmt, ratio, ratioWithSpread, spread } from '../harness/format';
import { installedVersion } from '../harness/machine';
import { benchDir } from '../harness/paths';
import { processRounds, sampleInProcess, type ProcessContender } from '../harness/processRounds';
import type { Benchmark, Target } from '../harness/report';
import { roundRatios, summarize, type Summary } from '../harness/stats';
import type { Table } from '../harness/table';

interface Contender {
  name: string;
  client: ClientKind;
  ours: boolean;
}

const CONTENDERS: Contender[] = [
  { name: '@kit/sse-react createConnection', client: 'createConnection', ours: true },
  { name: '@kit/sse-react FetchEventSource', client: 'FetchEventSource', ours: true },
  { name: `eventsource ${installedVersion('eventsource')}`, client: 'eventsource', ours: false },
  { name: `eventsource ${installedVersion('eventsource-5')}`, client: 'eventsource-5', ours: false },
];
const GOAL = 1.3;
const sampleModule = join(benchDir, 'src/fixtures/clientSample.ts');

interface StreamServer {
  child: ChildProcess;
  port: number;
  events: number;
  warmupEvents: number;
  bytes: number;
}

function startServer(events: number, warmupEvents: number): Promise<StreamServer> {
  return new Promise((resolve, reject) => {
    const child = fork(join(benchDir, 'src/fixtures/streamServer.ts'), [String(events), String(warmupEvents)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (message) => resolve({ child, ...(message as Omit<StreamServer, 'child'>) }));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`stream server exited with code ${code} before listening`)));
  });
}

/**
 * BENCH_CPU_PROF=<dir>: one more sample of each contender, outside the rounds, with the inspector's
 * CPU profiler on around the measured stream only: <dir>/client/<client>.cpuprofile.
 */
async function profileEach(contenders: ProcessContender[], log: (message: string) => void): Promise<void> {
  const root = process.env.BENCH_CPU_PROF;
  if (!root) return;
  const dir = join(root, 'client');
  mkdirSync(dir, { recursive: true });
  for (const contender of contenders) {
    const args = contender.args as ClientSampleArgs;
    const profile = join(dir, `${args.client}.cpuprofile`);
    const measured = await sampleInProcess<ClientSample>({ ...contender, args: { ...args, profile } satisfies ClientSampleArgs });
    log(`profile of ${contender.name} (${fmt(measured.eventsPerSecond)} events/s while profiled): ${profile}`);
  }
}

export const clientBenchmark: Benchmark = async ({ quick, log }) => {
  const server = await startServer(quick ? 100_000 : 400_000, quick ? 20_000 : 50_000);
  const origin = `http://127.0.0.1:${server.port}`;
  const { events, bytes } = server;
  log(`server on ${origin}: ${fmt(events)} events, ${fmt(bytes / 1e6)} MB per stream after a ${fmt(server.warmupEvents)}-event warm-up stream`);
  const rounds = quick ? 5 : 7;
  const contenders: ProcessContender[] = CONTENDERS.map((c) => ({
    name: c.name,
    module: sampleModule,
    args: { client: c.client, origin, events, warmupEvents: server.warmupEvents } satisfies ClientSampleArgs,
  }));
  try {
    const { samples } = await processRounds<ClientSample>(contenders, {
      rounds,
      label: 'client end to end',
      onSample: (name, round) => log(`round ${round + 1}/${rounds}: ${name}`),
    });
    await profileEach(contenders, log);
    const list = (name: string, field: keyof ClientSample): number[] => (samples.get(name) ?? []).map((s) => s[field]);
    const rate = new Map<string, Summary>(CONTENDERS.map((c) => [c.name, summarize(list(c.name, 'eventsPerSecond'))]));
    const cpu = new Map<string, Summary>(CONTENDERS.map((c) => [c.name, summarize(list(c.name, 'cpuMicrosPerEvent'))]));
    const med = (m: Map<string, Summary>, name: string): number => m.get(name)?.median ?? Number.NaN;
    const ours = CONTENDERS.filter((c) => c.ours);
    const theirs = CONTENDERS.filter((c) => !c.ours);
    const pairs = ours.flatMap((o) => theirs.map((t) => ({ o, t })));
    const targets: Target[] = pairs.flatMap(({ o, t }) => {
      const eventsRatio = med(rate, o.name) / med(rate, t.name);
      const cpuRatio = med(cpu, t.name) / med(cpu, o.name);
      return [
        {
          name: `${o.name} vs ${t.name}: events/s, ours / theirs`,
          goal: `≥ ${GOAL}x`,
          measured: ratioWithSpread(eventsRatio, roundRatios(list(o.name, 'eventsPerSecond'), list(t.name, 'eventsPerSecond'))),
          met: eventsRatio >= GOAL,
        },
        {
          name: `${o.name} vs ${t.name}: CPU per event, theirs / ours`,
          goal: `≥ ${GOAL}x`,
          measured: ratioWithSpread(cpuRatio, roundRatios(list(t.name, 'cpuMicrosPerEvent'), list(o.name, 'cpuMicrosPerEvent'))),
          met: cpuRatio >= GOAL,
        },
      ];
    });
    const figures: Table = {
      caption: `**${fmt(events)} events over loopback** (${fmt(bytes / 1e6)} MB; ${rounds} rounds, a fresh client process per sample)`,
      headers: ['Client', 'rounds', 'events/s median (min–max)', 'MB/s', 'client CPU µs / event median (min–max)', 'wall ms median (min–max)'],
      rows: CONTENDERS.map((c) => [
        c.name,
        String(rate.get(c.name)?.n ?? 0),
        spread(rate.get(c.name) as Summary),
        fmt((med(rate, c.name) * bytes) / events / 1e6),
        spread(cpu.get(c.name) as Summary),
        spread(summarize(list(c.name, 'wallMs'))),
      ]),
    };
    const ratios: Table = {
      caption: 'Ours against each `eventsource` (ratio of the medians; in brackets the min–max of the per-round ratios):',
      headers: ['Ours', 'Theirs', 'events/s, ours / theirs', 'CPU per event, theirs / ours'],
      rows: pairs.map(({ o, t }) => [
        o.name,
        t.name,
        ratioWithSpread(med(rate, o.name) / med(rate, t.name), roundRatios(list(o.name, 'eventsPerSecond'), list(t.name, 'eventsPerSecond'))),
        ratioWithSpread(med(cpu, t.name) / med(cpu, o.name), roundRatios(list(t.name, 'cpuMicrosPerEvent'), list(o.name, 'cpuMicrosPerEvent'))),
      ]),
    };
    const reference = theirs[0] as Contender;
    return {
      id: 'client',
      title: 'Client end to end',
      method:
        `One node:http server on 127.0.0.1 (its own process) answers \`/events\` with the same ${fmt(events)} pre-formatted events (${fmt(bytes / 1e6)} MB: \`id\`, \`event: tick\`, a small JSON \`data\`), written in 64 KiB slices as fast as the socket takes them. ` +
        `Each sample is a fresh process (processRounds, contenders rotating for ${rounds} rounds) that loads one client from its published build, reads a ${fmt(server.warmupEvents)}-event warm-up stream with it, collects garbage, then opens \`/events\` and counts \`tick\` events until the last one, which must carry the last id and seq. ` +
        'Ours with default options: `createConnection(url)` (what `SSEProvider` runs: on Node it picks the fetch transport) and `new FetchEventSource(url)`; every client runs on Node\'s fetch (undici). events/s is over the wall time from opening to the last event, connecting included; CPU per event is the sample process\'s user + system time over the same span (undici, decoding, parsing, dispatch, GC) divided by the events, steadier than events/s on a shared machine. ' +
        '@microsoft/fetch-event-source is not a contender here: it needs a browser `document` and `window`. `BENCH_CPU_PROF=<dir>` adds one profiled sample of each client (the measured stream only) as `<dir>/client/<client>.cpuprofile`; `tsx src/harness/profile/topFunctions.ts <file>` lists its self time by function, mapped to our sources.',
      tables: [figures, ratios],
      charts: [
        {
          file: 'client.svg',
          chart: {
            title: 'Client end to end: events received per second',
            unit: 'events/s',
            subtitle: 'higher is better',
            groups: [{ label: `${fmt(events)} events from a local node:http server`, bars: CONTENDERS.map((c) => ({ label: c.name, ours: c.ours, ...(rate.get(c.name) as Summary) })) }],
          },
        },
      ],
      targets,
      notes: [],
      headline: {
        headers: [`Client, ${fmt(events)} events over loopback`, 'events/s', 'client CPU µs / event', `events/s vs ${reference.name}`, `CPU per event, ${reference.name} / this`],
        rows: CONTENDERS.map((c) => [
          c.name,
          fmt(med(rate, c.name)),
          fmt(med(cpu, c.name)),
          ratio(med(rate, c.name), med(rate, reference.name)),
          ratio(med(cpu, reference.name), med(cpu, c.name)),
        ]),
      },
    };
  } finally {
    server.child.kill();
  }
};
