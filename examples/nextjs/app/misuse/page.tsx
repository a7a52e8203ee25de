// Deliberately wrong, to show the error: a Server Component cannot pass a function to
// SSEProvider (functions cannot be sent to the browser). Open /misuse and read the server log:
// "[@kit/sse-react] <SSEProvider> is rendered by a Server Component, and its options.headers is a
// function. … Move the provider into a Client Component …". The fix is app/widgets/… style: a
// file starting with 'use client' that renders <SSEProvider> with the function.
import { SSEProvider } from '@kit/sse-react';

export const dynamic = 'force-dynamic';

export default function Misuse() {
  return (
    <SSEProvider url="/api/stream" options={{ transport: 'fetch', headers: () => ({ authorization: 'Bearer token' }) }}>
      <p>Never rendered: the provider throws first.</p>
    </SSEProvider>
  );
}
