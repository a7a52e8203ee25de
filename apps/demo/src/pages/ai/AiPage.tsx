import { ExamplePage } from '../../components/ExamplePage';
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
      docs={{ anchor: 'useeventsource', label: 'useEventSource and the fetch transport (method, body, headers)' }}
      files={[{ name: 'AiExample.tsx', source: aiExample }]}
    >
      <AiExample />
    </ExamplePage>
  );
}
