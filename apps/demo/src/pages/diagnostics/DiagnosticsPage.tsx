import { ExamplePage } from '../../components/ExamplePage';
import { docs } from '../../lib/docs';
import createDiagnosticsRecorder from './createDiagnosticsRecorder.ts?raw';
import createWireTap from './createWireTap.ts?raw';
import detectBursts from './detectBursts.ts?raw';
import { DiagnosticsExample } from './DiagnosticsExample';
import diagnosticsExample from './DiagnosticsExample.tsx?raw';
import diagnosticsReport from './DiagnosticsReport.tsx?raw';

export function DiagnosticsPage() {
  return (
    <ExamplePage
      title="Diagnostics"
      intro={
        <p>
          What to look at when a stream misbehaves in production. The figures come from the same inspection data as{' '}
          <code>&lt;SSEDevtools /&gt;</code> (<code>subscribeToEvents</code>, <code>inspectConnection</code> from{' '}
          <code>@kit/sse-react/devtools</code>), the connection&apos;s status subscription, and a wire tap passed as{' '}
          <code>environment.fetch</code> that sees headers, first bytes and heartbeat comments.
        </p>
      }
      docs={docs.devtools}
      files={[
        { name: 'DiagnosticsExample.tsx', source: diagnosticsExample },
        { name: 'createDiagnosticsRecorder.ts', source: createDiagnosticsRecorder },
        { name: 'createWireTap.ts', source: createWireTap },
        { name: 'detectBursts.ts', source: detectBursts },
        { name: 'DiagnosticsReport.tsx', source: diagnosticsReport },
      ]}
    >
      <DiagnosticsExample />
    </ExamplePage>
  );
}
