import { fileURLToPath } from 'node:url';
import { PARSER_WORKLOADS, parserWorkload, type ParserWorkloadId } from '../fixtures/streams';
import { fmt, spread } from '../harness/format';
import { processRounds, type ProcessContender } from '../harness/processRounds';
import type { Benchmark, Target } from '../harness/report';
import { summarize, type Summary } from '../harness/stats';
import type { ChartGroup } from '../harness/svg';
import type { Table } from '../harness/table';
import type { ParserSample, ParserSampleArgs } from './parser/measure';

// Each contender is a module under ./parser/ that times one sample in its own process
// (profile one with ./parser/runOne.ts).
const moduleOf = (name: string): string => fileURLToPath(new URL(`./parser/${name}.ts`, import.meta.url));
const OURS = '@kit/sse-react createParser';
const COMPETITORS = ['eventsource-parser 3.1.1', 'eventsource-parser 4.1.3'];
const RAW = 'raw ceiling: decode + split lines (bytes in)';
const FLOOR = 'line floor: split lines, read each (strings in)';
const CONTENDER_MODULES: Record<string, string> = {
  [OURS]: 'ours',
  [COMPETITORS[0] as string]: 'eventsourceParser3',
  [COMPETITORS[1] as string]: 'eventsourceParser4',
  [RAW]: 'raw',
  [FLOOR]: 'lineFloor',
};
const GOAL = 1.3;

/** `ours / theirs` of the medians, and the spread of the same ratio taken round by round. */
function ratioSummary(ours: readonly number[], theirs: readonly number[]): { median: number; perRound: Summary } {
  const perRound = summarize(ours.map((value, round) => value / (theirs[round] ?? Number.NaN)));
  return { median: summarize(ours).median / summarize(theirs).median, perRound };
}

export const parserBenchmark: Benchmark = async ({ quick, log }) => {
  const rounds = quick ? 5 : 7;
  const sampleArgs = { warmupMs: quick ? 100 : 200, sampleMs: quick ? 80 : 250 };
  // The raw ceiling and the line floor double as sanity checks of the fixtures; they are not worth
  // the time of a quick run.
  const names = quick ? [OURS, ...COMPETITORS] : [OURS, ...COMPETITORS, RAW, FLOOR];
  const tables: Table[] = [];
  const groups: ChartGroup[] = [];
  const targets: Target[] = [];
  const headlineRows: string[][] = [];
  const notes: string[] = [];
  const loads: number[] = [];
  for (const id of Object.keys(PARSER_WORKLOADS) as ParserWorkloadId[]) {
    const label = PARSER_WORKLOADS[id];
    const fixture = parserWorkload(id);
    log(`${label}: ${fmt(fixture.bytes)} bytes, ${fmt(fixture.events)} events, ${fmt(fixture.chunks.length)} chunks per pass; ${rounds} rounds`);
    const args: ParserSampleArgs = { workload: id, ...sampleArgs };
    const contenders: ProcessContender[] = names.map((name) => ({ name, module: moduleOf(CONTENDER_MODULES[name] as string), args }));
    const { samples, load } = await processRounds<ParserSample>(contenders, { rounds, label: `parser: ${label}` });
    loads.push(...load);
    const mbps = (name: string): number[] => (samples.get(name) ?? []).map((sample) => sample.mbps);
    const vs = new Map(COMPETITORS.map((name) => [name, ratioSummary(mbps(OURS), mbps(name))]));
    tables.push({
      caption: `**${label}** (${fmt(fixture.bytes / 1e6)} MB and ${fmt(fixture.events)} events per pass, ${fmt(fixture.chunks.length)} chunks; ${rounds} rounds, one process per sample)`,
      headers: ['Parser', 'MB/s median (min–max)', 'events/s median (min–max)', 'ours / this: of medians (per-round min–max)', 'wall-clock MB/s median (min–max)', 'passes per sample'],
      rows: names.map((name) => {
        const list = samples.get(name) ?? [];
        const ratio = vs.get(name);
        return [
          name,
          spread(summarize(list.map((s) => s.mbps))),
          spread(summarize(list.map((s) => s.eventsPerSecond))),
          name === OURS ? '1.00x' : ratio ? `${ratio.median.toFixed(2)}x (${ratio.perRound.min.toFixed(2)}–${ratio.perRound.max.toFixed(2)})` : '',
          spread(summarize(list.map((s) => s.wallMbps))),
          spread(summarize(list.map((s) => s.passes))),
        ];
      }),
    });
    groups.push({ label, bars: names.map((name) => ({ label: name, ours: name === OURS, ...summarize(mbps(name)) })) });
    for (const [name, ratio] of vs) {
      targets.push({
        name: `${label}: vs ${name}`,
        goal: `≥ ${GOAL}x`,
        measured: `${ratio.median.toFixed(2)}x (per round ${ratio.perRound.min.toFixed(2)}–${ratio.perRound.max.toFixed(2)})`,
        met: ratio.median >= GOAL,
      });
    }
    const median = (name: string): number => summarize(mbps(name)).median;
    if (samples.has(FLOOR)) {
      const floor = ratioSummary(mbps(OURS), mbps(FLOOR));
      notes.push(`${label}: ours runs at ${floor.median.toFixed(2)}x the line floor (per round ${floor.perRound.min.toFixed(2)}–${floor.perRound.max.toFixed(2)}), ${COMPETITORS.map((name) => `${name} at ${(median(name) / median(FLOOR)).toFixed(2)}x`).join(', ')}.`);
    }
    headlineRows.push([label, `${fmt(median(OURS))} MB/s`, ...COMPETITORS.map((name) => `${fmt(median(name))} MB/s (${vs.get(name)?.median.toFixed(2)}x)`)]);
  }
  const load = summarize(loads);

  return {
    id: 'parser',
    title: 'Parser throughput',
    method:
      'Every sample runs in a fresh process that loads one contender only (`apps/bench/src/benchmarks/parser/`), so no parser inherits another\'s JIT state or inline caches; rounds rotate the contenders (A B C, B C A, …). ' +
      `In its process a contender builds the workload, warms up for ${sampleArgs.warmupMs} ms of CPU time, collects garbage, then repeats whole passes (a fresh parser each) until ${sampleArgs.sampleMs} ms of process CPU time (user + system, GC threads included) have passed; rates are on that CPU time, because this 2-core machine is shared and wall time swings with its load (the wall-clock rate is shown too). ` +
      'Parsers are fed identical pre-decoded strings; every pass must deliver the exact event count and every char of data, and reads the last char of the data of each event (as any consumer reads it: a parser that hands over a rope of pieces pays for flattening it there), or the run aborts. The raw ceiling is fed the bytes and includes `TextDecoder` stream decoding. ' +
      'The line floor is fed the same strings as the parsers and only cuts them into lines, joins a line split across chunks and reads its last char: no parser that hands its consumer strings can do less, so a ratio to a competitor cannot exceed ours / floor over theirs / floor (for 1 MiB events, the join is nearly all of it). ' +
      `The ratio column is ours / theirs of the medians, with the min–max of the same ratio taken within each round. MB = 10^6 bytes. 1-minute load average during the run: ${load.median.toFixed(1)} (${load.min.toFixed(1)}–${load.max.toFixed(1)}).`,
    tables,
    charts: [{ file: 'parser.svg', chart: { title: 'Parser throughput', unit: 'MB/s', subtitle: 'higher is better; each workload has its own scale', groups } }],
    targets,
    notes,
    headline: {
      headers: ['Parser workload (MB/s, CPU time)', '@kit/sse-react', ...COMPETITORS.map((name) => `${name} (ours / it)`)],
      rows: headlineRows,
    },
  };
};
