import { useState } from 'react';
import { useSSEEvent } from '@kit/sse-react';
import type { Metrics } from '../../server/events';

interface Ledger {
  last: number;
  received: number;
  gaps: number;
  duplicates: number;
}

const empty: Ledger = { last: 0, received: 0, gaps: 0, duplicates: 0 };

/**
 * Every `metrics` event carries a sequence number. After a drop, the browser reconnects with
 * Last-Event-ID and the server replays what was missed: the ledger stays at 0 gaps, 0 duplicates.
 */
export function Ledger() {
  const [ledger, setLedger] = useState(empty);
  useSSEEvent('metrics', (metrics: Metrics) =>
    setLedger((l) => ({
      last: Math.max(l.last, metrics.seq),
      received: l.received + 1,
      gaps: l.gaps + (l.last !== 0 && metrics.seq > l.last + 1 ? 1 : 0),
      duplicates: l.duplicates + (metrics.seq <= l.last ? 1 : 0),
    })),
  );
  const cpu = useSSEEvent('metrics', { select: (m: Metrics) => m.cpu, initialValue: 0 });
  return (
    <section aria-label="Metrics" data-testid="ledger" data-last={ledger.last} data-gaps={ledger.gaps} data-duplicates={ledger.duplicates}>
      <p>
        CPU <output>{Math.round(cpu * 100)} %</output>
      </p>
      <p>
        metrics #{ledger.last}: {ledger.received} received, {ledger.gaps} gaps, {ledger.duplicates} duplicates
      </p>
    </section>
  );
}
