import { useState } from 'react';
import { useSSEEvent, useSSEStatus } from '@kit/sse-react';
import type { TickEvent } from '../lib/events';

/**
 * How many tabs share the provider's connection, and this tab's role (`useSSEStatus().tabs`).
 * It renders under the Overview's one provider, so it adds no connection of its own.
 */
export function TabSharingCard({ shareAcrossTabs }: { shareAcrossTabs: boolean }) {
  const { status, tabs } = useSSEStatus();
  const [ticks, setTicks] = useState<readonly number[]>([]);
  useSSEEvent<TickEvent>('tick', (tick) => setTicks((seen) => [...seen, tick.seq]));
  const role = tabs?.role ?? 'local';
  const count = tabs?.count ?? 1;
  const roleText = role === 'leader' ? 'this tab holds the connection' : role === 'follower' ? 'this tab listens to the leading tab' : 'this tab has its own connection';
  return (
    <p
      className="tab-sharing"
      data-testid="tab-sharing"
      data-role={role}
      data-count={count}
      data-status={status}
      data-ticks={ticks.join(',')}
    >
      {shareAcrossTabs ? (
        <>
          Tabs sharing one <code>tick</code> stream: <strong>{count}</strong> · {roleText} · last tick{' '}
          <strong>{ticks.at(-1) ?? '…'}</strong>. Open this page in another tab to see the count change.
        </>
      ) : (
        <>
          Tab sharing is off (<code>?tabSharing=off</code>): each tab has its own connection · last tick{' '}
          <strong>{ticks.at(-1) ?? '…'}</strong>.
        </>
      )}
    </p>
  );
}

