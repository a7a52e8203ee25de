import { useReducer } from 'react';
import type { TickEvent } from '../../lib/events';

/**
 * Every `tick` the page received, checked as it lands. The dev server numbers ticks 1, 2, 3…, so
 * a lost event shows as a gap and a replayed one as a duplicate.
 *
 * A reset (`sse:reset`: the server could not replay from our Last-Event-ID) starts a new segment,
 * shown as such, never hidden. The page then refetches the counter (GET /api/ticks/state) and
 * counts on from it: ticks that arrive before the refetched value are held, and those it already
 * covers are counted as `covered`, not as duplicates. After an in-process restart the counter
 * continues, so the new segment goes on where the old one stopped; after a crash without shared
 * history it starts again near 1.
 */
export interface TickLedger {
  /** One array of sequence numbers per segment; a new segment starts at each reset. */
  segments: number[][];
  /** The counter refetched at the start of each segment after the first (one per reset, once fetched). */
  refetched: number[];
  gaps: number;
  duplicates: number;
  resets: number;
  /** Ticks that arrived after a reset but were already counted in the refetched value. */
  covered: number;
  /** Ticks received since the last reset, waiting for the refetch; null when none is pending. */
  held: number[] | null;
}

export type LedgerAction =
  | { type: 'tick'; seq: TickEvent['seq'] }
  | { type: 'reset' }
  | { type: 'refetched'; seq: TickEvent['seq'] };

function append(ledger: TickLedger, seq: number): TickLedger {
  const current = ledger.segments.at(-1) ?? [];
  const base = ledger.segments.length > 1 ? ledger.refetched[ledger.segments.length - 2] : undefined;
  const previous = current.at(-1) ?? base;
  if (base !== undefined && current.length === 0 && seq <= base) return { ...ledger, covered: ledger.covered + 1 };
  let { gaps, duplicates } = ledger;
  if (previous !== undefined && seq <= previous) duplicates++;
  else if (previous !== undefined && seq !== previous + 1) gaps++;
  return { ...ledger, gaps, duplicates, segments: [...ledger.segments.slice(0, -1), [...current, seq]] };
}

function reduce(ledger: TickLedger, action: LedgerAction): TickLedger {
  switch (action.type) {
    case 'reset':
      // A second reset before the refetch landed: same segment, and the page refetches again.
      if (ledger.held) return { ...ledger, resets: ledger.resets + 1, held: [] };
      return { ...ledger, resets: ledger.resets + 1, segments: [...ledger.segments, []], held: [] };
    case 'tick':
      if (ledger.held) return { ...ledger, held: [...ledger.held, action.seq] };
      return append(ledger, action.seq);
    case 'refetched': {
      if (!ledger.held) return ledger;
      const held = ledger.held;
      let next: TickLedger = { ...ledger, held: null, refetched: [...ledger.refetched, action.seq] };
      for (const seq of held) next = append(next, seq);
      return next;
    }
  }
}

const empty: TickLedger = { segments: [[]], refetched: [], gaps: 0, duplicates: 0, resets: 0, covered: 0, held: null };

export function useTickLedger() {
  return useReducer(reduce, empty);
}
