/** A clump of events after a long silence on a stream that stayed open: the mark of a buffering proxy. */
export interface Burst {
  /** When the clump started (its first event). */
  readonly at: number;
  /** How long nothing arrived before it. */
  readonly silenceMs: number;
  /** Events within `windowMs` of the first. */
  readonly events: number;
}

export interface BurstRules {
  /** Silence that counts as long. Default 2000 ms. */
  silenceMs?: number;
  /** Events in the clump. Default 5. */
  minEvents?: number;
  /** How close together they must arrive. Default 100 ms. */
  windowMs?: number;
}

/**
 * Scans sorted arrival times. A silence that spans a (re)open is not counted: after a reconnect
 * the server replays what was missed in one go, which is resuming, not buffering.
 */
export function detectBursts(arrivals: readonly number[], opens: readonly number[], rules: BurstRules = {}): Burst[] {
  const { silenceMs = 2000, minEvents = 5, windowMs = 100 } = rules;
  const bursts: Burst[] = [];
  for (let index = 1; index < arrivals.length; index++) {
    const before = arrivals[index - 1] ?? 0;
    const at = arrivals[index] ?? 0;
    if (at - before < silenceMs) continue;
    if (opens.some((open) => open > before && open <= at)) continue;
    let events = 0;
    while (index + events < arrivals.length && (arrivals[index + events] ?? Infinity) - at <= windowMs) events++;
    if (events >= minEvents) bursts.push({ at, silenceMs: at - before, events });
  }
  return bursts;
}
