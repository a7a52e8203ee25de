import { ExamplePage } from '../../components/ExamplePage';
import { docs } from '../../lib/docs';
import { AlertsExample } from './AlertsExample';
import alertsExample from './AlertsExample.tsx?raw';
import useToasts from './useToasts.ts?raw';

export function AlertsPage() {
  return (
    <ExamplePage
      title="Alerts"
      intro={
        <p>
          The handler form of <code>useSSEEvent</code> runs a function once per event: the right tool for side effects such as
          toasts, sounds or counters. The component does not re-render because an event arrived; only its own state does.
        </p>
      }
      docs={docs.useSSEEvent}
      files={[
        { name: 'AlertsExample.tsx', source: alertsExample },
        { name: 'useToasts.ts', source: useToasts },
      ]}
    >
      <AlertsExample />
    </ExamplePage>
  );
}
