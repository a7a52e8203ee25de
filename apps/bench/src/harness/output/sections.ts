import { loadSpread } from '../load';
import type { BenchmarkResult, Target } from '../report';
import type { Table } from '../table';

function status(met: boolean | null): string {
  if (met === null) return 'n/a';
  return met ? 'met' : 'NOT MET';
}

/** Every target of every benchmark, in run order: the table a reader checks the claims against. */
export function targetsTable(results: readonly BenchmarkResult[]): Table {
  const rows = results.flatMap((r) => r.targets.map((t: Target) => [r.title, t.name, t.goal, t.measured, status(t.met)]));
  return { headers: ['Benchmark', 'Target', 'Goal', 'Measured', 'Status'], rows, align: ['l', 'l', 'l', 'l', 'l'] };
}

export function targetCounts(results: readonly BenchmarkResult[]): { met: number; notMet: number; other: number } {
  const all = results.flatMap((r) => r.targets);
  return { met: all.filter((t) => t.met === true).length, notMet: all.filter((t) => t.met === false).length, other: all.filter((t) => t.met === null).length };
}

/** One line: how long the benchmark took and what the machine did meanwhile. */
export function loadLine(result: BenchmarkResult, cores: number): string {
  const during = result.loadDuring;
  const busy = during ? `; ${during.busyCores.toFixed(2)} of ${cores} cores busy on average over it (every process on the machine)` : '';
  return `${result.id}: ${result.seconds.toFixed(0)} s; 1-minute load average ${result.load[0].toFixed(2)} at the start, ${result.load[1].toFixed(2)} at the end${busy}`;
}

/**
 * The load of each round of each comparison. `sample processes` is what the measured processes
 * used themselves (processRounds only): busy minus that is everything else, helper servers included.
 */
export function loadTable(result: BenchmarkResult): Table | undefined {
  const comparisons = result.loadRounds ?? [];
  if (comparisons.length === 0) return undefined;
  return {
    caption: 'Machine load per round (median (min–max) over the rounds; busy = cores in use machine-wide, the measured processes included):',
    headers: ['Comparison', 'method', 'rounds', 'load average', 'busy cores', 'sample processes, cores', 'per round: load average / busy cores'],
    // Numbered: a benchmark that runs one comparison per workload without a `label` repeats the contenders' names.
    rows: comparisons.map((c, i) => [
      `${i + 1}. ${c.label}`,
      c.method === 'process' ? 'a process per sample' : 'one process, interleaved',
      String(c.rounds.length),
      loadSpread(c.rounds, 'loadavg'),
      loadSpread(c.rounds, 'busyCores'),
      loadSpread(c.rounds, 'sampleCores'),
      c.rounds.map((r) => `${r.loadavg.toFixed(1)}/${r.busyCores.toFixed(1)}`).join(', '),
    ]),
    align: ['l', 'l', 'r', 'r', 'r', 'r', 'l'],
  };
}
