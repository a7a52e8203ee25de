import { ConnectionStatus, SSEProvider, useSSEEvent } from '@kit/sse-react';
import { useState } from 'react';
import { clientId } from '../../lib/clientId';
import type { AlertEvent, AlertSeverity } from '../../lib/events';
import { useToasts } from './useToasts';

function AlertToasts() {
  const { toasts, push, dismiss } = useToasts<AlertEvent>();
  const [counts, setCounts] = useState<Record<AlertSeverity, number>>({ info: 0, warning: 0, critical: 0 });

  // The handler form: called once per alert, with the latest closure, and never re-renders by
  // itself. Side effects (a toast, a counter) belong here, not in a render.
  useSSEEvent<AlertEvent>('alert', (alert) => {
    push(alert);
    setCounts((previous) => ({ ...previous, [alert.severity]: previous[alert.severity] + 1 }));
  });

  return (
    <>
      <ul className="severity-counts" aria-label="Alerts received">
        {(Object.keys(counts) as AlertSeverity[]).map((severity) => (
          <li key={severity} className={`severity-${severity}`}>
            {severity}: <strong>{counts[severity]}</strong>
          </li>
        ))}
      </ul>
      {/* A polite live region: screen readers read each new toast without stealing focus. */}
      <ol className="toasts" aria-live="polite" aria-label="Alert notifications">
        {toasts.map(({ key, value }) => (
          <li key={key} className={`toast severity-${value.severity}`}>
            <span className="pill">{value.severity}</span>
            <span>
              <strong>{value.service}</strong>: {value.message}
            </span>
            <button type="button" className="icon-button" aria-label={`Dismiss ${value.severity} alert`} onClick={() => dismiss(key)}>
              ×
            </button>
          </li>
        ))}
      </ol>
      {toasts.length === 0 && <p className="muted">Waiting for the next alert (one every few seconds)…</p>}
    </>
  );
}

export function AlertsExample() {
  return (
    <SSEProvider url={`/api/stream?topics=alert&clientId=${clientId('alerts')}`}>
      <p>
        Connection: <ConnectionStatus className="status-badge" />
      </p>
      <AlertToasts />
    </SSEProvider>
  );
}
