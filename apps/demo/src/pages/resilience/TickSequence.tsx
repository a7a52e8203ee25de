import { useSSEEvent } from '@kit/sse-react';
import type { ResetEvent, TickEvent } from '../../lib/events';
import { useTickLedger } from './useTickLedger';

/**
 * The handler form records every tick (no event is skipped by render batching). The full sequence
 * is also written to `data-segments` so the end-to-end test reads exactly what the page received.
 */
export function TickSequence() {
  const [ledger, record] = useTickLedger();
  useSSEEvent<TickEvent>('tick', (tick) => record({ type: 'tick', seq: tick.seq }));
  useSSEEvent<ResetEvent>('reset', () => record({ type: 'reset' }));

  const received = ledger.segments.reduce((sum, segment) => sum + segment.length, 0);
  const current = ledger.segments.at(-1) ?? [];
  return (
    <section className="panel" aria-labelledby="ticks-title">
      <h2 id="ticks-title">Tick sequence</h2>
      <dl
        className="tick-stats"
        data-testid="ticks"
        data-segments={ledger.segments.map((segment) => segment.join(',')).join('|')}
        data-gaps={ledger.gaps}
        data-duplicates={ledger.duplicates}
        data-resets={ledger.resets}
      >
        <div>
          <dt>Received</dt>
          <dd>{received}</dd>
        </div>
        <div>
          <dt>Gaps</dt>
          <dd className={ledger.gaps > 0 ? 'bad' : 'good'}>{ledger.gaps}</dd>
        </div>
        <div>
          <dt>Duplicates</dt>
          <dd className={ledger.duplicates > 0 ? 'bad' : 'good'}>{ledger.duplicates}</dd>
        </div>
        <div>
          <dt>Server resets</dt>
          <dd>{ledger.resets}</dd>
        </div>
      </dl>
      <p className="muted small">Latest ticks (current segment):</p>
      <ol className="ticks" aria-hidden="true">
        {current.slice(-40).map((seq, index) => (
          <li key={`${seq}-${index}`}>{seq}</li>
        ))}
      </ol>
    </section>
  );
}
