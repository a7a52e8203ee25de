import { useSSEEvent, useSSEReset, useSSEStatus } from '@kit/sse-react';
import { useEffect, useRef } from 'react';
import type { TickEvent } from '../../lib/events';
import { fetchTickState } from './fetchTickState';
import { useLabLog } from './labLog';
import { useTickLedger } from './useTickLedger';

/**
 * The handler form records every tick (no event is skipped by render batching). On a reset the
 * counter is refetched and the ledger counts on from it. The full sequence is also written to
 * `data-segments` so the end-to-end test reads exactly what the page received.
 */
export function TickSequence() {
  const [ledger, record] = useTickLedger();
  const log = useLabLog();
  const { resets, lastReset } = useSSEStatus();
  // One refetch at a time: a newer reset aborts the one before it, and so does unmounting.
  const refetch = useRef<AbortController | null>(null);
  useEffect(() => () => refetch.current?.abort(), []);

  useSSEEvent<TickEvent>('tick', (tick) => record({ type: 'tick', seq: tick.seq }));
  useSSEReset((reset) => {
    record({ type: 'reset' });
    log({ kind: 'reset', tag: reset.reason, title: reset.reason, detail: reset.message || 'the server could not replay what this page missed' });
    refetch.current?.abort();
    const controller = new AbortController();
    refetch.current = controller;
    fetchTickState(controller.signal, (reason) => log({ kind: 'refetch', tag: 'retry', title: 'tick counter refetch failed', detail: `${reason}; retrying` })).then(
      (state) => {
        record({ type: 'refetched', seq: state.seq });
        log({ kind: 'refetch', tag: 'ticks', title: `tick counter refetched: ${state.seq}`, detail: 'the ledger counts on from it' });
      },
      () => {
        // Aborted by a newer reset (which refetches) or by unmounting.
      },
    );
  });

  const received = ledger.segments.reduce((sum, segment) => sum + segment.length, 0);
  const current = ledger.segments.at(-1) ?? [];
  return (
    <section className="panel" aria-labelledby="ticks-title">
      <h2 id="ticks-title">Tick sequence</h2>
      <dl
        className="tick-stats"
        data-testid="ticks"
        data-segments={ledger.segments.map((segment) => segment.join(',')).join('|')}
        data-refetched={ledger.refetched.join(',')}
        data-gaps={ledger.gaps}
        data-duplicates={ledger.duplicates}
        data-covered={ledger.covered}
        data-resets={ledger.resets}
        data-holding={ledger.held ? 'true' : 'false'}
        data-last-reset={lastReset?.reason ?? ''}
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
          <dd>{resets}</dd>
        </div>
        <div>
          <dt>Refetched at</dt>
          <dd>{ledger.held ? '…' : (ledger.refetched.at(-1) ?? '–')}</dd>
        </div>
      </dl>
      <p className="muted small">
        {lastReset
          ? `Last reset: ${lastReset.reason} at ${new Date(lastReset.at).toLocaleTimeString()}. ${ledger.held ? 'Refetching the counter…' : `Counter refetched; ${ledger.covered} tick(s) it already covered were not counted twice.`}`
          : 'No reset yet: every reconnect resumed with Last-Event-ID.'}
      </p>
      <p className="muted small">Latest ticks (current segment):</p>
      <ol className="ticks" aria-hidden="true">
        {current.slice(-40).map((seq, index) => (
          <li key={`${seq}-${index}`}>{seq}</li>
        ))}
      </ol>
    </section>
  );
}
