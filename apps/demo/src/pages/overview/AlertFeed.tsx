import { useSSEBuffer } from '@kit/sse-react';
import type { AlertEvent } from '../../lib/events';

export function AlertFeed() {
  const alerts = useSSEBuffer<AlertEvent>('alert', { max: 8 });
  return (
    <section className="panel" aria-labelledby="alert-feed-title">
      <h2 id="alert-feed-title">Alerts</h2>
      {alerts.length === 0 ? (
        <p className="muted">No alerts yet.</p>
      ) : (
        <ol className="feed" reversed>
          {[...alerts].reverse().map((alert) => (
            <li key={alert.id} className={`feed-item severity-${alert.severity}`}>
              <span className="pill">{alert.severity}</span> <strong>{alert.service}</strong> {alert.message}
              <time dateTime={new Date(alert.ts).toISOString()}> {new Date(alert.ts).toLocaleTimeString()}</time>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
