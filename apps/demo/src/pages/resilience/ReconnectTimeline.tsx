import { useSSEStatus } from '@kit/sse-react';
import { useEffect, useState } from 'react';

interface Entry {
  at: number;
  status: string;
  detail: string;
}

/** Every status change of the provider's connection, newest first, with the error that caused it. */
export function ReconnectTimeline() {
  const { status, error, retryCount } = useSSEStatus();
  const [entries, setEntries] = useState<Entry[]>([]);
  useEffect(() => {
    const detail = error ? `${error.kind}: ${error.message}` : retryCount > 0 ? `attempt ${retryCount}` : '';
    // One entry per status change; a new error or retry count during the same status updates it.
    setEntries((list) => {
      const [head, ...rest] = list;
      if (head?.status === status) return [{ ...head, detail }, ...rest];
      return [{ at: Date.now(), status, detail }, ...list].slice(0, 30);
    });
  }, [status, error, retryCount]);
  return (
    <section className="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Reconnect timeline</h2>
      <ol className="timeline" data-testid="timeline" data-retry-count={retryCount}>
        {entries.map((entry) => (
          <li key={`${entry.at}-${entry.status}`} data-status={entry.status}>
            <time dateTime={new Date(entry.at).toISOString()}>{new Date(entry.at).toLocaleTimeString()}</time>{' '}
            <strong>{entry.status}</strong> {entry.detail && <span className="muted small">{entry.detail}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
