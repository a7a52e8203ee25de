import { useState } from 'react';
import { SSEProvider, useSSEEvent, useSSEStatus } from '@kit/sse-react';
import type { TickEvent } from '../lib/events';

// Every tab uses the same url (one fixed clientId), so the tabs' streams have the same key and
// share one connection; the dev server's /api/stats counts them under that id.
export const TAB_SHARING_CLIENT_ID = 'tab-sharing';
const url = `/api/stream?topics=tick&clientId=${TAB_SHARING_CLIENT_ID}`;

// `?tabSharing=off` (before the #) turns sharing off, so the difference can be seen and tested.
const shareAcrossTabs = typeof location === 'undefined' || new URLSearchParams(location.search).get('tabSharing') !== 'off';

function TabCounter() {
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

/** `shareAcrossTabs`: every open tab of the demo shares one HTTP connection for the tick stream. */
export function TabSharingCard() {
  return (
    <SSEProvider url={url} options={{ shareAcrossTabs }}>
      <TabCounter />
    </SSEProvider>
  );
}
