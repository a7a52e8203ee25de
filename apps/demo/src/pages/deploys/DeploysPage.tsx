import { ExamplePage } from '../../components/ExamplePage';
import { docs } from '../../lib/docs';
import { DeploysExample } from './DeploysExample';
import deploysExample from './DeploysExample.tsx?raw';

export function DeploysPage() {
  return (
    <ExamplePage
      title="Deploys"
      intro={
        <p>
          Commands go up as ordinary <code>POST</code> requests; their progress comes down the one stream. Every deploy sends
          many <code>deploy</code> events; the buffer keeps them and the list shows the latest state of each.
        </p>
      }
      docs={docs.useSSEBuffer}
      files={[{ name: 'DeploysExample.tsx', source: deploysExample }]}
    >
      <DeploysExample />
    </ExamplePage>
  );
}
