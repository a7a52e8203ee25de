// What every parser contender's sample process does: build the workload, warm up, then time whole
// passes over it on process CPU time, checking each pass delivered every event and every data char.
import { parserWorkload, type ParserWorkload, type ParserWorkloadId } from '../../fixtures/streams';

export interface ParserSampleArgs {
  workload: ParserWorkloadId;
  /** Process CPU time spent warming up (JIT tiers, inline caches, heap sizing) before timing. */
  warmupMs: number;
  /** Process CPU time of the timed passes: long enough that timer and scheduling noise stay small. */
  sampleMs: number;
}

export interface ParserSample {
  /** 10^6 bytes of stream per second of process CPU time (user + system, GC threads included). */
  mbps: number;
  eventsPerSecond: number;
  wallMbps: number;
  cpuMs: number;
  passes: number;
}

/** What one pass saw. `dataLength` undefined: the contender does not read data (the raw ceiling). */
export interface Tally {
  events: number;
  dataLength?: number;
  /** The sum of each event's last data char code: reading a char makes the data a flat string. */
  lastChars?: number;
}

/** One pass over the workload with a fresh parser, counting what it delivered. */
export type Pass = (workload: ParserWorkload) => Tally;

/** The shape every contender's createParser shares: `onEvent` with the event's `data`, and `feed`. */
export type CreateParser = (callbacks: { onEvent(event: { data: string }): void }) => { feed(chunk: string): void };

/**
 * The pass every parser contender runs, written once so that each one's process executes the same
 * caller code around its own parser: a fresh parser per pass, counting events and data chars.
 */
export function parserPass(createParser: CreateParser): Pass {
  return ({ chunks }) => {
    const tally: Tally = { events: 0, dataLength: 0, lastChars: 0 };
    const parser = createParser({
      onEvent: ({ data }) => {
        tally.events++;
        tally.dataLength = (tally.dataLength as number) + data.length;
        // Every consumer reads the data (JSON.parse, a text node): reading one char makes V8 flatten a
        // string a parser left as a rope of pieces, so a parser cannot win by deferring its join.
        tally.lastChars = (tally.lastChars as number) + data.charCodeAt(data.length - 1);
      },
    });
    for (const chunk of chunks) parser.feed(chunk);
    return tally;
  };
}

function cpuMs(since?: NodeJS.CpuUsage): number {
  const usage = process.cpuUsage(since);
  return (usage.user + usage.system) / 1000;
}

function checkedPass(pass: Pass, workload: ParserWorkload): void {
  const tally = pass(workload);
  const wrongData = tally.dataLength !== undefined && (tally.dataLength !== workload.dataLength || tally.lastChars !== workload.lastChars);
  if (tally.events !== workload.events || wrongData) {
    throw new Error(
      `${workload.id}: a pass delivered ${tally.events} events and ${tally.dataLength ?? '?'} data chars (last chars ${tally.lastChars ?? '?'}), expected ${workload.events}, ${workload.dataLength} and ${workload.lastChars}`,
    );
  }
}

export function measurePasses(args: ParserSampleArgs, pass: Pass): ParserSample {
  const workload = parserWorkload(args.workload);
  const warmup = process.cpuUsage();
  for (let i = 0; i < 3 || cpuMs(warmup) < args.warmupMs; i++) checkedPass(pass, workload);
  globalThis.gc?.();

  const wallStart = performance.now();
  const cpuStart = process.cpuUsage();
  let passes = 0;
  let spent = 0;
  while (passes < 3 || spent < args.sampleMs) {
    checkedPass(pass, workload);
    passes++;
    spent = cpuMs(cpuStart);
  }
  const wallSeconds = (performance.now() - wallStart) / 1000;
  const seconds = spent / 1000;
  return {
    mbps: (workload.bytes * passes) / seconds / 1e6,
    eventsPerSecond: (workload.events * passes) / seconds,
    wallMbps: (workload.bytes * passes) / wallSeconds / 1e6,
    cpuMs: spent,
    passes,
  };
}
