import { fork, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { FetchEventSource } from '@kit/sse-react/core';
import type * as EventsourcePackage from 'eventsource';
import { smallEvents } from '../fixtures/streams';
import { fmt, ratio, spread } from '../harness/format';
import { interleave } from '../harness/interleave';
import { importPublished } from '../harness/published';
import { benchDir } from '../harness/paths';
import type { Benchmark } from '../harness/report';
import { summarize, type Summary } from '../harness/stats';

interface SourceLike {
  addEventListener(type: string, listener: (event: Event) => void): void;
  close(): void;
}

interface Sample {
  eventsPerSecond: number;
  /** This process's CPU time (user + system) per event: the client's own cost, whatever else runs. */
  cpuMicrosPerEvent: number;
}

/** Resolves once `count` `tick` events arrived; any error before that fails the run. */
function receive(open: () => SourceLike, count: number): Promise<Sample> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    let seen = 0;
    const source = open();
    source.addEventListener('tick', () => {
      if (++seen === count) {
        const seconds = (performance.now() - started) / 1000;
        const cpu = process.cpuUsage(cpuStarted);
        source.close();
        resolve({ eventsPerSecond: count / seconds, cpuMicrosPerEvent: (cpu.user + cpu.system) / count });
      }
    });
    source.addEventListener('error', () => {
      if (seen < count) {
        source.close();
        reject(new Error(`stream failed after ${seen} of ${count} events`));
      }
    });
  });
}

function startServer(bytes: number): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(join(benchDir, 'src/fixtures/streamServer.ts'), [String(bytes)]);
    child.once('message', (message) => resolve({ child, port: (message as { port: number }).port }));
    child.once('error', reject);
  });
}

export const clientBenchmark: Benchmark = async ({ quick, log }) => {
  // The published dist/, not the `source` export the bench's --conditions=source would pick.
  const { EventSource } = await importPublished<typeof EventsourcePackage>('eventsource');
  const bytes = quick ? 2_000_000 : 8_000_000;
  const { events } = smallEvents(bytes);
  const { child, port } = await startServer(bytes);
  const url = `http://127.0.0.1:${port}/events`;
  log(`server on ${url}: ${fmt(events)} events, ${fmt(bytes / 1e6)} MB per connection`);
  const rounds = quick ? 5 : 7;
  const OURS = '@kit/sse-react FetchEventSource';
  const THEIRS = 'eventsource (npm) EventSource';
  try {
    const samples = await interleave<Sample>(
      [
        { name: OURS, run: () => receive(() => new FetchEventSource(url, { reconnect: false }), events) },
        { name: THEIRS, run: () => receive(() => new EventSource(url), events) },
      ],
      { rounds, warmup: 1, between: () => globalThis.gc?.() },
    );
    const s = new Map<string, Summary>([...samples].map(([name, list]) => [name, summarize(list.map((x) => x.eventsPerSecond))]));
    const cpu = new Map<string, Summary>([...samples].map(([name, list]) => [name, summarize(list.map((x) => x.cpuMicrosPerEvent))]));
    const med = (name: string): number => s.get(name)?.median ?? Number.NaN;
    const cpuMed = (name: string): number => cpu.get(name)?.median ?? Number.NaN;
    return {
      id: 'client',
      title: 'Client end to end',
      method:
        `One node:http server on 127.0.0.1 (an ephemeral port, in a child process so it does not share the event loop with the clients) answers every request with the same ${fmt(events)} pre-formatted events (${fmt(bytes / 1e6)} MB: \`id\`, \`event: tick\`, a small JSON \`data\`), written in 64 KiB slices as fast as the socket takes them. ` +
        `Each sample opens a source, counts \`tick\` events until all ${fmt(events)} arrived and closes it; the time includes connecting. Both clients run on Node's built-in fetch (undici). Client CPU is this process's user + system time over the sample (undici, decoding, parsing, dispatch, GC), divided by the events: steadier than events/s when other work shares the machine. ${rounds} interleaved rounds after a warm-up.`,
      tables: [
        {
          headers: ['Client', 'events/s median (min–max)', 'MB/s', 'ours / this', 'client CPU µs / event median (min–max)', 'CPU this / ours'],
          rows: [...s].map(([name, sum]) => [
            name,
            spread(sum),
            fmt((sum.median * bytes) / events / 1e6),
            name === OURS ? '1.00x' : ratio(med(OURS), sum.median),
            spread(cpu.get(name) as Summary),
            name === OURS ? '1.00x' : ratio(cpuMed(name), cpuMed(OURS)),
          ]),
        },
      ],
      charts: [
        {
          file: 'client.svg',
          chart: {
            title: 'Client end to end: events received per second',
            unit: 'events/s',
            subtitle: 'higher is better',
            groups: [{ label: `${fmt(events)} events from a local node:http server`, bars: [...s].map(([name, sum]) => ({ label: name, ours: name === OURS, ...sum })) }],
          },
        },
      ],
      targets: [],
      notes: [],
      headline: {
        headers: ['Client, ' + `${fmt(events)} events over loopback`, '@kit/sse-react FetchEventSource', 'eventsource', 'ours / eventsource'],
        rows: [
          ['events/s', fmt(med(OURS)), fmt(med(THEIRS)), ratio(med(OURS), med(THEIRS))],
          ['client CPU µs / event (lower is better)', fmt(cpuMed(OURS)), fmt(cpuMed(THEIRS)), ratio(cpuMed(OURS), cpuMed(THEIRS))],
        ],
      },
    };
  } finally {
    child.kill();
  }
};
