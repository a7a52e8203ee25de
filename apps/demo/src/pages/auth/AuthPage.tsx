import { ExamplePage } from '../../components/ExamplePage';
import { docs } from '../../lib/docs';
import { AuthExample } from './AuthExample';
import authExample from './AuthExample.tsx?raw';
import tokenClient from './tokenClient.ts?raw';

export function AuthPage() {
  return (
    <ExamplePage
      title="Auth"
      intro={
        <p>
          The stream needs <code>Authorization: Bearer …</code>. Tokens live a few seconds; the server ends the stream when the
          token expires. The reconnect gets a 401, the kit calls the <code>headers</code> function again at once, a fresh
          token is fetched and the stream resumes where it stopped, without a page reload.
        </p>
      }
      docs={docs.createConnection}
      files={[
        { name: 'AuthExample.tsx', source: authExample },
        { name: 'tokenClient.ts', source: tokenClient },
      ]}
    >
      <AuthExample />
    </ExamplePage>
  );
}
