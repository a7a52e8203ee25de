import { ExamplePage } from '../../components/ExamplePage';
import { docs } from '../../lib/docs';
import chaosButtons from './ChaosButtons.tsx?raw';
import explainStatus from './explainStatus.ts?raw';
import reconnectTimeline from './ReconnectTimeline.tsx?raw';
import { ResilienceExample } from './ResilienceExample';
import resilienceExample from './ResilienceExample.tsx?raw';
import tickSequence from './TickSequence.tsx?raw';
import tickLedger from './useTickLedger.ts?raw';

export function ResiliencePage() {
  return (
    <ExamplePage
      title="Resilience lab"
      intro={
        <p>
          Break the stream on purpose. The kit reconnects with backoff, honours <code>Retry-After</code>, drops a stalled
          stream with its idle watchdog and resumes with <code>Last-Event-ID</code>: the tick counter below shows no gap and
          no duplicate across drops, and the timeline says why each wait is as long as it is. <strong>Restart the server</strong>{' '}
          replaces its in-memory history, as a deploy does: the page's Last-Event-ID belongs to a history that is gone, the
          server says so with <code>sse:reset</code> (then sends the new history), and the page (<code>useSSEReset</code>)
          refetches the counter and counts on from it, with no duplicate. Started with <code>--broker redis://host:port</code>, the history outlives the restart: the page resumes
          with no reset at all.
        </p>
      }
      docs={docs.connectionStatus}
      files={[
        { name: 'ResilienceExample.tsx', source: resilienceExample },
        { name: 'TickSequence.tsx', source: tickSequence },
        { name: 'useTickLedger.ts', source: tickLedger },
        { name: 'ReconnectTimeline.tsx', source: reconnectTimeline },
        { name: 'explainStatus.ts', source: explainStatus },
        { name: 'ChaosButtons.tsx', source: chaosButtons },
      ]}
    >
      <ResilienceExample />
    </ExamplePage>
  );
}
