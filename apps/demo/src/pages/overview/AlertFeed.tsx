import { useSSEBuffer } from '@kit/sse-react';
import type { AlertEvent } from '../../lib/events';
import { latestBy } from './latestBy';

const SHOWN = 8;

/** The newest alerts: the server's recent ones (sent when the stream opens), then live ones. */
export function AlertFeed() {
  // Room for the server's 20 recent alerts arriving again after a reset, and still 8 distinct ones.
  const received = useSSEBuffer<AlertEvent>('alert', { max: 20 + SHOWN });
  const alerts = latestBy(received, (alert) => alert.id)
    .sort((a, b) => a.ts - b.ts)
    .slice(-SHOWN);
  return (
    <section className="panel" aria-labelledby="alert-feed-title">
      <h2 id="alert-feed-title">Alerts</h2>
      {alerts.length === 0 ? (
        <p className="muted">No alerts yet.</p>
      ) : (
        <ol className="feed" reversed>
          {[...alerts].reverse().map((alert) => (
            <li key={alert.id} className={`feed-item severity-${alert.severity}`} data-alert-id={alert.id} data-ts={alert.ts}>
              <span className="pill">{alert.severity}</span> <strong>{alert.service}</strong> {alert.message}
              <time dateTime={new Date(alert.ts).toISOString()}> {new Date(alert.ts).toLocaleTimeString()}</time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
