import { ExamplePage } from '../../components/ExamplePage';
import { docs } from '../../lib/docs';
import { AiExample } from './AiExample';
import aiExample from './AiExample.tsx?raw';

export function AiPage() {
  return (
    <ExamplePage
      title="AI answer"
      intro={
        <p>
          A POST with a JSON body whose response is the event stream, as chat APIs do. That needs the fetch transport. Tokens
          render as they arrive; Stop aborts the request and the server stops generating.
        </p>
      }
      docs={docs.useEventSource}
      files={[{ name: 'AiExample.tsx', source: aiExample }]}
    >
      <AiExample />
    </ExamplePage>
  );
}
