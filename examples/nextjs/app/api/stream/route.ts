import { createFetchStream } from '@kit/sse-server';
import { getFeed } from '../../../lib/feed';

// A stream is never cached or prerendered.
export const dynamic = 'force-dynamic';

export function GET(request: Request): Response {
  const { channel } = getFeed();
  const topics = channel.parseTopics(new URL(request.url).searchParams.get('topics'));
  if (!topics.ok) return Response.json({ error: topics.error }, { status: 400 });
  // Ends with the request's abort signal (the tab closed), which stops the heartbeat too.
  const { response, sink } = createFetchStream(request, { heartbeatMs: 15_000 });
  // Last-Event-ID: the browser's reconnects, and its first request too (the page passed the id
  // it rendered), so what was published between server rendering and connecting is replayed.
  void channel.connect(sink, { lastEventId: request.headers.get('last-event-id'), topics: topics.topics });
  return response;
}
