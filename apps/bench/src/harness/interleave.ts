import { logComparison, startLoadReading, type LoadReading } from './load';

export interface Contender<S> {
  name: string;
  /** One measured sample (a duration, a rate, a record...). */
  run(): Promise<S> | S;
}

export interface InterleaveOptions {
  rounds: number;
  /** Unmeasured runs of each contender first, so the JIT has seen every code path. */
  warmup?: number;
  /** Called between samples: lets a benchmark collect garbage so one contender's heap does not bill the next. */
  between?: () => void;
  /** Names the comparison in the report's load table; the contenders' names by default. */
  label?: string;
}

/**
 * Runs contenders A B C, B C A, C A B, ...: every contender gets the same share of machine noise
 * (thermal drift, a neighbour's burst) and the rotation removes any "always runs second" bias.
 */
export async function interleave<S>(contenders: readonly Contender<S>[], options: InterleaveOptions): Promise<Map<string, S[]>> {
  const samples = new Map<string, S[]>(contenders.map((c) => [c.name, []]));
  for (let w = 0; w < (options.warmup ?? 0); w++) {
    for (const contender of contenders) {
      await contender.run();
      options.between?.();
    }
  }
  const n = contenders.length;
  const loads: LoadReading[] = [];
  for (let round = 0; round < options.rounds; round++) {
    const endReading = startLoadReading();
    for (let i = 0; i < n; i++) {
      const contender = contenders[(round + i) % n] as Contender<S>;
      const sample = await contender.run();
      samples.get(contender.name)?.push(sample);
      options.between?.();
    }
    loads.push(endReading());
  }
  logComparison({ label: options.label ?? contenders.map((c) => c.name).join(' vs '), method: 'in-process', rounds: loads });
  return samples;
}
