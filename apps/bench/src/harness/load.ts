import { cpus, loadavg } from 'node:os';
import { summarize } from './stats';

/**
 * What else the machine was doing while something was measured. The 1-minute load average lags
 * (it still shows a burst that ended 30 s ago), so each reading also carries the CPU actually
 * busy over the interval, machine-wide, from the kernel's per-core counters.
 */
export interface LoadReading {
  /** 1-minute load average at the start of the interval. */
  loadavg: number;
  /** Cores busy on average over the interval, every process on the machine included. */
  busyCores: number;
  /** Cores the measured sample processes used on average over the interval (known for processRounds only). */
  sampleCores?: number;
  seconds: number;
}

/** The load of every round of one comparison (one processRounds or interleave call). */
export interface ComparisonLoad {
  label: string;
  /** Fresh process per sample, or every contender in the benchmark's process. */
  method: 'process' | 'in-process';
  rounds: LoadReading[];
}

interface CpuTimes {
  busyMs: number;
  totalMs: number;
  at: number;
  loadavg: number;
}

function cpuTimes(): CpuTimes {
  let busyMs = 0;
  let totalMs = 0;
  for (const { times } of cpus()) {
    const total = times.user + times.nice + times.sys + times.idle + times.irq;
    totalMs += total;
    busyMs += total - times.idle;
  }
  return { busyMs, totalMs, at: performance.now(), loadavg: loadavg()[0] ?? 0 };
}

/** Starts a reading; the function it returns ends it. */
export function startLoadReading(): (sampleCpuMs?: number) => LoadReading {
  const start = cpuTimes();
  return (sampleCpuMs) => {
    const end = cpuTimes();
    const seconds = (end.at - start.at) / 1000;
    const total = end.totalMs - start.totalMs;
    const busyCores = total > 0 ? ((end.busyMs - start.busyMs) / total) * cpus().length : 0;
    const reading: LoadReading = { loadavg: start.loadavg, busyCores, seconds };
    if (sampleCpuMs !== undefined && seconds > 0) reading.sampleCores = sampleCpuMs / 1000 / seconds;
    return reading;
  };
}

// registry: the round loads of every comparison run in this benchmark process, in order. The runner
// reads them once the benchmark returns, so a benchmark records its load by calling processRounds or
// interleave alone and need not carry the readings through its result.
export const loadLog = { comparisons: [] as ComparisonLoad[] };

export function logComparison(comparison: ComparisonLoad): void {
  loadLog.comparisons.push(comparison);
}

/** `0.4 (0.1–1.2)` of one field over the rounds. */
export function loadSpread(rounds: readonly LoadReading[], field: 'loadavg' | 'busyCores' | 'sampleCores'): string {
  const values = rounds.map((r) => r[field]).filter((v): v is number => v !== undefined);
  if (values.length === 0) return '–';
  const { median, min, max } = summarize(values);
  return `${median.toFixed(2)} (${min.toFixed(2)}–${max.toFixed(2)})`;
}
