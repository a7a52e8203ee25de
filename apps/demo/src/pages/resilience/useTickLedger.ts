import { useReducer } from 'react';
import type { TickEvent } from '../../lib/events';

/**
 * Every `tick` the page received, checked as it lands. The dev server numbers ticks 1, 2, 3…, so
 * a lost event shows as a gap and a replayed one as a duplicate. A `reset` means the server could
 * not replay from our Last-Event-ID (after a restart its memory is empty and its counter starts
 * again): that starts a new segment, shown as such, never hidden.
 */
export interface TickLedger {
  /** One array of sequence numbers per segment; a new segment starts at each `reset`. */
  segments: number[][];
  gaps: number;
  duplicates: number;
  resets: number;
}

type Action = { type: 'tick'; seq: TickEvent['seq'] } | { type: 'reset' };

function reduce(ledger: TickLedger, action: Action): TickLedger {
  if (action.type === 'reset') return { ...ledger, resets: ledger.resets + 1, segments: [...ledger.segments, []] };
  const current = ledger.segments.at(-1) ?? [];
  const previous = current.at(-1);
  let { gaps, duplicates } = ledger;
  if (previous !== undefined && action.seq <= previous) duplicates++;
  else if (previous !== undefined && action.seq !== previous + 1) gaps++;
  return { ...ledger, gaps, duplicates, segments: [...ledger.segments.slice(0, -1), [...current, action.seq]] };
}

const empty: TickLedger = { segments: [[]], gaps: 0, duplicates: 0, resets: 0 };

export function useTickLedger() {
  return useReducer(reduce, empty);
}
