'use client';
import { useSSEBuffer } from '@kit/sse-react';
import type { Alert } from '../../lib/events';

const MAX = 20;

/** The alerts the server rendered, then every new one (the buffer re-renders once per frame). */
export function AlertFeed({ initial }: { initial: Alert[] }) {
  const live = useSSEBuffer<Alert>('alert', { max: MAX });
  const newest = initial.at(-1)?.id ?? 0;
  const alerts = [...initial, ...live.filter((alert) => alert.id > newest)].slice(-MAX).reverse();
  return (
    <section aria-label="Alerts">
      <h2>Alerts</h2>
      <ul data-testid="alerts">
        {alerts.map((alert) => (
          <li key={alert.id} data-id={alert.id}>
            {alert.severity === 'critical' ? '🔴' : '🔵'} #{alert.id} {alert.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
