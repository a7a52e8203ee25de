import { clientId } from '../../lib/clientId';
import { ConnectionStatus, SSEProvider, useSSEBuffer, useSSEEvent } from './dashboardHooks';

function BusiestService() {
  // `metrics` is typed MetricsEvent: `services`, `rps` and `service` autocomplete and are checked.
  const busiest = useSSEEvent('metrics', {
    select: (metrics) => metrics.services.reduce((a, b) => (b.rps > a.rps ? b : a)).service,
  });
  return (
    <p>
      Busiest service right now: <strong data-testid="busiest">{busiest ?? '—'}</strong>
    </p>
  );
}

function RecentErrors() {
  // readonly LogEvent[]: `line.level` is the union 'debug' | 'info' | 'warn' | 'error'.
  const lines = useSSEBuffer('log', { max: 200 });
  const errors = lines.filter((line) => line.level === 'error').length;
  return (
    <p>
      Errors in the last {lines.length} log lines: <strong>{errors}</strong>
    </p>
  );
}

// Never rendered: it is here so `pnpm typecheck` proves the contract rejects what it should.
export function WhatDoesNotCompile() {
  // @ts-expect-error 'metric' is not an event name of DashboardEvents
  useSSEEvent('metric');
  // @ts-expect-error a tick's `seq` is a number, not a string
  useSSEEvent('tick', (tick: { seq: string }) => tick.seq.toUpperCase());
  return null;
}

export function TypedExample() {
  return (
    <SSEProvider url={`/api/stream?topics=metrics,log&clientId=${clientId('typed')}`}>
      <p>
        Connection: <ConnectionStatus className="status-badge" />
      </p>
      <BusiestService />
      <RecentErrors />
    </SSEProvider>
  );
}
