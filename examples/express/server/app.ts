import express, { type Express } from 'express';
import { createNodeStream, type SSESink } from '@kit/sse-server';
import type { Feed } from './feed';

export interface AppOptions {
  feed: Feed;
  /** Heartbeat comment period; the client's idle watchdog is fed by it. */
  heartbeatMs: number;
}

/** The API: the stream (topics, Last-Event-ID replay, heartbeats), a drop switch and health. */
export function createApp({ feed, heartbeatMs }: AppOptions): Express {
  const { channel } = feed;
  const app = express();
  const open = new Set<SSESink>();
  let resumes = 0;

  // GET /api/stream?topics=metrics,alert — only those events are sent (the reset signal always is).
  app.get('/api/stream', (req, res) => {
    const topics = channel.parseTopics(typeof req.query.topics === 'string' ? req.query.topics : null);
    if (!topics.ok) {
      res.status(400).json({ error: topics.error });
      return;
    }
    // Sent by the browser on every reconnect: the channel replays exactly what was missed.
    const lastEventId = req.get('last-event-id') ?? null;
    if (lastEventId !== null) resumes++;
    const sink = createNodeStream(req, res, { heartbeatMs, retry: 1000 });
    open.add(sink);
    sink.onClose(() => open.delete(sink));
    void channel.connect(sink, { lastEventId, topics: topics.topics });
  });

  // Simulates a network drop: every stream is cut (the client sees a network error and resumes).
  app.post('/api/drop', (_req, res) => {
    const dropped = open.size;
    for (const sink of open) sink.abort();
    res.json({ dropped });
  });

  app.get('/api/health', (_req, res) => {
    res.json({ ok: true, clients: channel.stats.clients, eventsPublished: channel.stats.eventsPublished, resumes });
  });

  return app;
}
