import { ExamplePage } from '../../components/ExamplePage';
import { docs } from '../../lib/docs';
import chaosButtons from './ChaosButtons.tsx?raw';
import reconnectTimeline from './ReconnectTimeline.tsx?raw';
import { ResilienceExample } from './ResilienceExample';
import resilienceExample from './ResilienceExample.tsx?raw';
import tickSequence from './TickSequence.tsx?raw';

export function ResiliencePage() {
  return (
    <ExamplePage
      title="Resilience lab"
      intro={
        <p>
          Break the stream on purpose. The kit reconnects with backoff, honours <code>Retry-After</code>, drops a stalled
          stream with its idle watchdog and resumes with <code>Last-Event-ID</code>: the tick counter below shows no gap and
          no duplicate across drops. If the server restarts with its in-memory history, it cannot replay (its memory is
          gone) and says so with a <code>reset</code> event, which starts a new segment. Started with{' '}
          <code>--broker redis://host:port</code>, the history outlives the process: after a restart the page resumes and
          the ticks continue with no gap and no duplicate.
        </p>
      }
      docs={docs.connectionStatus}
      files={[
        { name: 'ResilienceExample.tsx', source: resilienceExample },
        { name: 'TickSequence.tsx', source: tickSequence },
        { name: 'ReconnectTimeline.tsx', source: reconnectTimeline },
        { name: 'ChaosButtons.tsx', source: chaosButtons },
      ]}
    >
      <ResilienceExample />
    </ExamplePage>
  );
}
