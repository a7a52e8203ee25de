export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

/** Median and full spread: with 5–10 samples on a shared machine, a mean hides more than it tells. */
export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN, n: 0 };
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
  return { median, min: sorted[0] as number, max: sorted[sorted.length - 1] as number, n: sorted.length };
}

/** Nearest-rank percentile of an unsorted sample. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}

/**
 * The ratio a/b of each round's samples, summarized: with contenders alternating in every round, a
 * round's ratio cancels the machine noise both saw, and the min–max of the ratios is the spread a
 * claim on the ratio must beat.
 */
export function roundRatios(a: readonly number[], b: readonly number[]): Summary {
  const n = Math.min(a.length, b.length);
  const ratios: number[] = [];
  for (let i = 0; i < n; i++) ratios.push((a[i] as number) / (b[i] as number));
  return summarize(ratios.filter(Number.isFinite));
}
