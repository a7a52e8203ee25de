import { ConnectionStatus, SSEProvider } from '@kit/sse-react';
import { ConnectionCount } from '../../components/ConnectionCount';
import { TabSharingCard } from '../../components/TabSharingCard';
import { AlertFeed } from './AlertFeed';
import { DeployList } from './DeployList';
import { KpiTiles } from './KpiTiles';
import { MetricsCharts } from './MetricsCharts';

// Every tab asks for the same url, so with `shareAcrossTabs` they share one connection (the leader
// tab holds it); the dev server's /api/stats counts it under this client id.
const id = 'overview';
// `?tabSharing=off` (before the #) gives each tab its own connection, to see the difference.
const shareAcrossTabs = typeof location === 'undefined' || new URLSearchParams(location.search).get('tabSharing') !== 'off';

// ONE provider, ONE HTTP connection for the whole browser: every widget below subscribes to its
// own event name on it, and every open tab of this page shares it.
export function OverviewExample() {
  return (
    <SSEProvider
      url={`/api/stream?topics=metrics,alert,deploy,tick&clientId=${id}`}
      options={{ idleTimeout: 15_000, shareAcrossTabs }}
    >
      <div className="toolbar">
        <ConnectionStatus className="status-badge" />
        <ConnectionCount clientId={id} />
      </div>
      <KpiTiles />
      <MetricsCharts />
      <div className="grid-2">
        <AlertFeed />
        <DeployList />
      </div>
      <TabSharingCard shareAcrossTabs={shareAcrossTabs} />
    </SSEProvider>
  );
}
