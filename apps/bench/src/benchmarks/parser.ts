import { createParser as createOurParser } from '@kit/sse-react/core';
import type * as EventsourceParser from 'eventsource-parser';
import { byteChunks, decodeChunks, largeEvents, smallEvents } from '../fixtures/streams';
import { fmt, ratio, spread } from '../harness/format';
import { interleave } from '../harness/interleave';
import { importPublished } from '../harness/published';
import { rawLineCounter } from '../harness/rawLines';
import type { Benchmark, Target } from '../harness/report';
import { summarize, type Summary } from '../harness/stats';
import type { ChartGroup } from '../harness/svg';
import type { Table } from '../harness/table';

interface Workload {
  name: string;
  bytes: number;
  events: number;
  chunks: Uint8Array[];
  strings: string[];
}

interface Sample {
  /** On process CPU time: other work sharing a 2-core machine inflates wall time, not this. */
  mbps: number;
  eventsPerSecond: number;
  wallMbps: number;
}

type Feeder = (workload: Workload) => number;

// The published dist/, not the `source` export the bench's --conditions=source would pick.
const { createParser: createTheirParser } = await importPublished<typeof EventsourceParser>('eventsource-parser');

// Each returns the number of events it saw, checked against the workload so no contender can win by skipping work.
const feeders: Record<string, Feeder> = {
  '@kit/sse-react createParser': (w) => {
    let n = 0;
    const parser = createOurParser({ onEvent: () => void n++ });
    for (const s of w.strings) parser.feed(s);
    return n;
  },
  'eventsource-parser': (w) => {
    let n = 0;
    const parser = createTheirParser({ onEvent: () => void n++ });
    for (const s of w.strings) parser.feed(s);
    return n;
  },
  'raw: decode + split lines': (w) => {
    const raw = rawLineCounter();
    for (const c of w.chunks) raw.feed(c);
    return raw.blankLines;
  },
  // What a client really does: decode each network chunk, then parse. Both parsers get this
  // variant, so each one's code sees both kinds of input string (fresh and pre-decoded) alike.
  '@kit/sse-react + decode': (w) => {
    let n = 0;
    const decoder = new TextDecoder();
    const parser = createOurParser({ onEvent: () => void n++ });
    for (const c of w.chunks) parser.feed(decoder.decode(c, { stream: true }));
    return n;
  },
  'eventsource-parser + decode': (w) => {
    let n = 0;
    const decoder = new TextDecoder();
    const parser = createTheirParser({ onEvent: () => void n++ });
    for (const c of w.chunks) parser.feed(decoder.decode(c, { stream: true }));
    return n;
  },
};
const OURS = '@kit/sse-react createParser';
const THEIRS = 'eventsource-parser';
const RAW = 'raw: decode + split lines';
const OURS_DECODE = '@kit/sse-react + decode';
const THEIRS_DECODE = 'eventsource-parser + decode';

function workload(name: string, text: string, events: number, chunkSize: number): Workload {
  const chunks = byteChunks(text, chunkSize);
  return { name, bytes: chunks.reduce((sum, c) => sum + c.byteLength, 0), events, chunks, strings: decodeChunks(chunks) };
}

/** Repeats the workload enough times that one sample lasts about `targetMs`: timer noise stays below 1%. */
function calibrate(feed: Feeder, w: Workload, targetMs: number): number {
  const started = performance.now();
  feed(w);
  const ms = Math.max(performance.now() - started, 0.01);
  return Math.max(1, Math.round(targetMs / ms));
}

export const parserBenchmark: Benchmark = async ({ quick, log }) => {
  const MiB = 1024 * 1024;
  const small = smallEvents(quick ? 1 * MiB : 4 * MiB);
  const large = largeEvents(quick ? 2 : 4, MiB);
  const bytewise = smallEvents(quick ? 16 * 1024 : 64 * 1024);
  const workloads = [
    workload(`small JSON events, 16 KiB chunks`, small.text, small.events, 16 * 1024),
    workload(`1 MiB events, 16 KiB chunks`, large.text, large.events, 16 * 1024),
    workload(`small events, 1 byte per chunk`, bytewise.text, bytewise.events, 1),
  ];
  const rounds = quick ? 5 : 9;
  const targetMs = quick ? 40 : 120;

  const tables: Table[] = [];
  const groups: ChartGroup[] = [];
  const targets: Target[] = [];
  const headlineRows: string[][] = [];
  for (const w of workloads) {
    log(`${w.name}: ${fmt(w.bytes)} bytes, ${fmt(w.events)} events, ${w.chunks.length} chunks`);
    const reps = new Map<string, number>();
    for (const [name, feed] of Object.entries(feeders)) {
      const seen = feed(w);
      if (seen !== w.events) throw new Error(`${name} saw ${seen} events in "${w.name}", expected ${w.events}`);
      feed(w);
      reps.set(name, calibrate(feed, w, targetMs));
    }
    const samples = await interleave<Sample>(
      Object.entries(feeders).map(([name, feed]) => ({
        name,
        run: () => {
          const n = reps.get(name) ?? 1;
          const started = performance.now();
          const cpuStarted = process.cpuUsage();
          for (let i = 0; i < n; i++) feed(w);
          const wall = (performance.now() - started) / 1000;
          const cpu = process.cpuUsage(cpuStarted);
          const seconds = (cpu.user + cpu.system) / 1e6;
          return { mbps: (w.bytes * n) / seconds / 1e6, eventsPerSecond: (w.events * n) / seconds, wallMbps: (w.bytes * n) / wall / 1e6 };
        },
      })),
      { rounds, warmup: 1, between: () => globalThis.gc?.() },
    );
    const mb = new Map<string, Summary>();
    const ev = new Map<string, Summary>();
    const wall = new Map<string, Summary>();
    for (const [name, list] of samples) {
      mb.set(name, summarize(list.map((s) => s.mbps)));
      ev.set(name, summarize(list.map((s) => s.eventsPerSecond)));
      wall.set(name, summarize(list.map((s) => s.wallMbps)));
    }
    const med = (name: string): number => mb.get(name)?.median ?? Number.NaN;
    tables.push({
      caption: `**${w.name}** (${fmt(w.bytes / 1e6)} MB, ${fmt(w.events)} events; ${rounds} rounds)`,
      headers: ['Parser', 'MB/s median (min–max)', 'events/s median (min–max)', 'ours / this', 'wall-clock MB/s median (min–max)'],
      rows: [...samples.keys()].map((name) => [
        name,
        spread(mb.get(name) as Summary),
        spread(ev.get(name) as Summary),
        name === OURS ? '1.00x' : name === THEIRS_DECODE ? `${ratio(med(OURS_DECODE), med(name))} (ours + decode / this)` : name === OURS_DECODE ? '' : ratio(med(OURS), med(name)),
        spread(wall.get(name) as Summary),
      ]),
    });
    groups.push({
      label: w.name,
      bars: [...samples.keys()].map((name) => ({ label: name, ours: name.startsWith('@kit'), ...(mb.get(name) as Summary) })),
    });
    const vsTheirs = med(OURS) / med(THEIRS);
    const vsRaw = med(RAW) / med(OURS);
    targets.push({
      name: `${w.name}: vs eventsource-parser`,
      goal: '≥ 1.3x',
      measured: `${vsTheirs.toFixed(2)}x`,
      met: vsTheirs >= 1.3,
    });
    targets.push({
      name: `${w.name}: raw / ours`,
      goal: '≤ 2x (within 2x of raw)',
      measured: `${vsRaw.toFixed(2)}x`,
      met: vsRaw <= 2,
    });
    const vsRawDecoding = med(RAW) / med(OURS_DECODE);
    targets.push({
      name: `${w.name}: raw / (ours + decode), stricter: both decode`,
      goal: '≤ 2x',
      measured: `${vsRawDecoding.toFixed(2)}x`,
      met: vsRawDecoding <= 2,
    });
    headlineRows.push([w.name, `${fmt(med(OURS))} MB/s`, `${fmt(med(THEIRS))} MB/s`, `${fmt(med(RAW))} MB/s`, ratio(med(OURS), med(THEIRS))]);
  }

  return {
    id: 'parser',
    title: 'Parser throughput',
    method:
      'Parsers get identical, pre-decoded string chunks (both take strings); the raw baseline gets the bytes and includes `TextDecoder` stream decoding, then only cuts lines and counts blank ones — the practical ceiling. The `+ decode` rows feed each parser the bytes through a streaming `TextDecoder`, as a real client does: apples to apples with the raw ceiling and with each other. Every contender must report the exact event count or the run aborts. One sample repeats the workload for ≈' +
      `${targetMs} ms; ${rounds} interleaved rounds after a warm-up; MB = 10^6 bytes. Rates are computed on the process CPU time (user + system, GC threads included) because this 2-core machine is shared and wall time swings with the load; the wall-clock rate is in the last column.`,
    tables,
    charts: [{ file: 'parser.svg', chart: { title: 'Parser throughput', unit: 'MB/s', subtitle: 'higher is better; each workload has its own scale', groups } }],
    targets,
    notes: [],
    headline: {
      headers: ['Parser workload (MB/s, CPU time)', '@kit/sse-react', 'eventsource-parser', 'raw ceiling (with decode)', 'ours / eventsource-parser'],
      rows: headlineRows,
    },
  };
};
