/** Numbers for humans: 3 significant digits, thousands separated, SI suffix when large. */
export function fmt(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return '–';
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${(value / 1e9).toPrecision(digits)} G`;
  if (abs >= 1e6) return `${(value / 1e6).toPrecision(digits)} M`;
  if (abs >= 1e4) return `${(value / 1e3).toPrecision(digits)} k`;
  if (abs >= 100) return Math.round(value).toLocaleString('en');
  if (abs === 0) return '0';
  return value.toPrecision(digits);
}

/** `median (min–max)` */
export function spread(s: { median: number; min: number; max: number }, unit = ''): string {
  const u = unit ? ` ${unit}` : '';
  return `${fmt(s.median)}${u} (${fmt(s.min)}–${fmt(s.max)})`;
}

export function ratio(ours: number, theirs: number): string {
  if (!Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0) return '–';
  return `${(ours / theirs).toFixed(2)}x`;
}

export function kB(bytes: number): string {
  return `${(bytes / 1000).toFixed(2)} kB`;
}

/** `1.42x (rounds 1.30–1.55)`: a ratio of medians with the spread of the per-round ratios. */
export function ratioWithSpread(ofMedians: number, perRound: { min: number; max: number; n: number }): string {
  if (!Number.isFinite(ofMedians)) return '–';
  return `${ofMedians.toFixed(2)}x (rounds ${perRound.min.toFixed(2)}–${perRound.max.toFixed(2)}, n=${perRound.n})`;
}
