import { DocsLink } from '../../components/DocsLink';
import { SourceView } from '../../components/SourceView';
import { docs } from '../../lib/docs';
import alertFeed from './AlertFeed.tsx?raw';
import deployList from './DeployList.tsx?raw';
import kpiTiles from './KpiTiles.tsx?raw';
import latestBy from './latestBy.ts?raw';
import metricsCharts from './MetricsCharts.tsx?raw';
import tabSharingCard from '../../components/TabSharingCard.tsx?raw';
import { OverviewExample } from './OverviewExample';
import overviewExample from './OverviewExample.tsx?raw';

const files = [
  { name: 'OverviewExample.tsx', source: overviewExample },
  { name: 'KpiTiles.tsx', source: kpiTiles },
  { name: 'MetricsCharts.tsx', source: metricsCharts },
  { name: 'AlertFeed.tsx', source: alertFeed },
  { name: 'DeployList.tsx', source: deployList },
  { name: 'latestBy.ts', source: latestBy },
  { name: 'TabSharingCard.tsx', source: tabSharingCard },
];

/** The dashboard first; its source below, since here the running thing is the point. */
export function OverviewPage() {
  return (
    <article className="overview">
      <header className="page-header">
        <h1>Operations overview</h1>
        <p>
          Charts, key figures, alerts and deploys: every widget subscribes to its own event name under one{' '}
          <DocsLink anchor={docs.provider.anchor}>
            <code>SSEProvider</code>
          </DocsLink>
          , so the whole dashboard holds exactly one HTTP connection, and with <code>shareAcrossTabs</code> every open
          tab of this page shares that same one. The count below comes from the dev server, not from the page.
        </p>
      </header>
      <OverviewExample />
      <details className="source-details">
        <summary>Show the source of this page</summary>
        {files.map((file) => (
          <SourceView key={file.name} fileName={file.name} source={file.source} />
        ))}
      </details>
    </article>
  );
}
