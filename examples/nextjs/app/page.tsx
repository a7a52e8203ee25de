// A Server Component (no 'use client'): it reads the feed on the server and renders SSEProvider
// from '@kit/sse-react' directly. The widgets are Client Components of this app.
import { ConnectionStatus, SSEProvider } from '@kit/sse-react';
import { STREAM_URL } from '../lib/events';
import { getFeed } from '../lib/feed';
import { AlertFeed } from './widgets/AlertFeed';
import { CpuTile } from './widgets/CpuTile';
import { StreamHealth } from './widgets/StreamHealth';

// Rendered per request, so the HTML carries the current values.
export const dynamic = 'force-dynamic';

export default function Page() {
  const feed = getFeed();
  return (
    // Only plain values cross to the client: a url, and the id of the last event this HTML shows,
    // from which the browser resumes (nothing published in between is lost).
    <SSEProvider url={STREAM_URL} options={{ lastEventId: feed.lastEventId ?? undefined, idleTimeout: 45_000 }}>
      <h1>
        Live metrics <ConnectionStatus />
      </h1>
      <StreamHealth url={STREAM_URL} />
      <CpuTile initial={feed.latest} />
      <AlertFeed initial={feed.alerts} />
    </SSEProvider>
  );
}
