import type { ComparisonLoad, LoadReading } from './load';
import type { Chart } from './svg';
import type { Table } from './table';

export interface Target {
  name: string;
  goal: string;
  measured: string;
  met: boolean | null;
}

/** What one benchmark hands back to the runner, serializable so it can come from a child process. */
export interface BenchmarkResult {
  id: string;
  title: string;
  /** Markdown paragraph: what is measured and how. */
  method: string;
  tables: Table[];
  charts: { file: string; chart: Chart }[];
  targets: Target[];
  notes: string[];
  /** The table that goes into the README, if this benchmark has a headline. */
  headline?: Table;
  seconds: number;
  /** 1-minute load average when the benchmark started and ended: other work on the machine shows here. */
  load: [number, number];
  /**
   * Set by the runner, never by a benchmark (optional only so that benchmarks typed against
   * `Omit<BenchmarkResult, 'seconds' | 'load'>` still compile): the machine's load over the whole
   * benchmark, and of every round of every comparison it ran (processRounds and interleave record it).
   */
  loadDuring?: LoadReading;
  loadRounds?: ComparisonLoad[];
}

export interface BenchmarkContext {
  quick: boolean;
  log(message: string): void;
}

export type Benchmark = (context: BenchmarkContext) => Promise<Omit<BenchmarkResult, 'seconds' | 'load' | 'loadDuring' | 'loadRounds'>>;
