import { ConnectionStatus, SSEProvider } from '@kit/sse-react';
import { ConnectionCount } from '../../components/ConnectionCount';
import { clientId } from '../../lib/clientId';
import { AlertFeed } from './AlertFeed';
import { DeployList } from './DeployList';
import { KpiTiles } from './KpiTiles';
import { MetricsCharts } from './MetricsCharts';

const id = clientId('overview');

// ONE provider, ONE HTTP connection: every widget below subscribes to its own event name on it.
export function OverviewExample() {
  return (
    <SSEProvider url={`/api/stream?topics=metrics,alert,deploy&clientId=${id}`} options={{ idleTimeout: 15_000 }}>
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
    </SSEProvider>
  );
}
