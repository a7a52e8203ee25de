import { ExamplePage } from '../../components/ExamplePage';
import { docs } from '../../lib/docs';
// The event map itself, where the dev server defines it (the demo's lib/events.ts only re-exports it).
import events from '@kit/dev-server/events?raw';
import dashboardHooks from './dashboardHooks.ts?raw';
import { TypedExample } from './TypedExample';
import typedExample from './TypedExample.tsx?raw';

export function TypedPage() {
  return (
    <ExamplePage
      title="Typed contract"
      intro={
        <p>
          <code>createSSEHooks&lt;EventMap&gt;()</code> binds the hooks to one map of event names to payload types. A typo in a
          name, or a wrong payload shape, is a compile error; the lines marked <code>@ts-expect-error</code> below are checked by
          this demo&apos;s <code>typecheck</code>.
        </p>
      }
      docs={docs.createSSEHooks}
      files={[
        { name: 'TypedExample.tsx', source: typedExample },
        { name: 'dashboardHooks.ts', source: dashboardHooks },
        { name: 'apps/dev-server/src/events.ts (@kit/dev-server/events)', source: events },
      ]}
    >
      <TypedExample />
    </ExamplePage>
  );
}
