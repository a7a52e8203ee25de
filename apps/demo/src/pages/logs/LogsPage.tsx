import { ExamplePage } from '../../components/ExamplePage';
import { docs } from '../../lib/docs';
import { LogsExample } from './LogsExample';
import logsExample from './LogsExample.tsx?raw';

export function LogsPage() {
  return (
    <ExamplePage
      title="Logs"
      intro={
        <p>
          Logs arrive in bursts. <code>useSSEBuffer</code> keeps every line (up to <code>max</code>) and re-renders at most once
          per animation frame; TanStack Virtual keeps only the visible rows in the DOM. Pause freezes the view while the buffer
          keeps filling; the filter runs over everything kept.
        </p>
      }
      docs={docs.useSSEBuffer}
      files={[{ name: 'LogsExample.tsx', source: logsExample }]}
    >
      <LogsExample />
    </ExamplePage>
  );
}
