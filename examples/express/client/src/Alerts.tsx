import { useSSEBuffer } from '@kit/sse-react';
import type { Alert } from '../../server/events';

/** The last 10 alerts; a burst costs one render per animation frame. */
export function Alerts() {
  const alerts = useSSEBuffer<Alert>('alert', { max: 10 });
  return (
    <section aria-label="Alerts">
      <h2>Alerts</h2>
      <ul data-testid="alerts">
        {[...alerts].reverse().map((alert) => (
          <li key={alert.id} data-id={alert.id}>
            {alert.severity === 'critical' ? '🔴' : '🔵'} #{alert.id} {alert.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
