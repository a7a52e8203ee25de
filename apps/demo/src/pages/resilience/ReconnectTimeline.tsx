import { useSSEStatus, type SSEStatusSnapshot } from '@kit/sse-react';
import { useEffect, useRef } from 'react';
import { explainStatus } from './explainStatus';
import { useLabLog, type LabEntry } from './labLog';

/**
 * Every change of the provider's connection snapshot, explained: which attempt, how long it waits
 * and why (backoff attempt n, Retry-After, idle timeout, connect timeout), from `status`,
 * `retryCount`, `nextRetryAt` and `error` alone. Chaos actions, resets and refetches are logged
 * into the same list by the other panels, newest first.
 */
export function ReconnectTimeline({ entries }: { entries: readonly LabEntry[] }) {
  const snapshot = useSSEStatus();
  const log = useLabLog();
  const previous = useRef<SSEStatusSnapshot | null>(null);
  useEffect(() => {
    const before = previous.current;
    previous.current = snapshot;
    // Only what the timeline explains: a retry count that drops back to 0 is not an event.
    if (before && before.status === snapshot.status && before.error === snapshot.error && before.nextRetryAt === snapshot.nextRetryAt) return;
    const { title, detail } = explainStatus(snapshot, before, Date.now());
    log({ kind: 'status', tag: snapshot.status, title, detail });
  }, [snapshot, log]);

  return (
    <section className="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Reconnect timeline</h2>
      <ol className="timeline" data-testid="timeline" data-retry-count={snapshot.retryCount}>
        {entries.map((entry) => (
          <li key={entry.id} data-id={entry.id} data-kind={entry.kind} data-status={entry.kind === 'status' ? entry.tag : undefined} data-tag={entry.tag}>
            <time dateTime={new Date(entry.at).toISOString()}>{new Date(entry.at).toLocaleTimeString()}</time>{' '}
            <strong>{entry.kind === 'status' ? entry.title : `${entry.kind}: ${entry.title}`}</strong>{' '}
            {entry.detail && <span className="muted small">{entry.detail}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
