import type { IncomingMessage, ServerResponse } from 'node:http';
import { createNodeStream } from '@kit/sse-server';
import type { Chaos } from './createChaos';
import type { Connections } from './createConnections';
import type { History } from '../history/createHistory';
import { sendJson } from '../http/http';
import type { ResolvedOptions } from '../options';

export interface StreamContext {
  options: ResolvedOptions;
  /** Read at connect time: a restart replaces its channel. */
  history: History;
  connections: Connections;
  chaos: Chaos;
}

const CLIENT_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** Waits, or stops waiting when the client leaves (the response's 'close'; see createNodeStream). */
function delay(ms: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    res.once('close', done);
    function done() {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    }
  });
}

/**
 * GET /api/stream and GET /api/secure/stream. Checks run cheapest first and before any byte of
 * the stream is written, so every refusal is a plain JSON answer with a status the client's
 * reconnect policy understands (400 stop, 429/503 honour Retry-After).
 * `expiresAt` ends the stream when the caller's token expires.
 */
export async function handleStream(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: StreamContext,
  expiresAt: number | null = null,
): Promise<void> {
  const { options, history, connections, chaos } = ctx;
  const topics = history.channel.parseTopics(url.searchParams.get('topics'));
  if (!topics.ok) return sendJson(res, 400, { error: topics.error, unknownTopics: topics.unknown });

  const clientId = url.searchParams.get('clientId') ?? 'anonymous';
  if (!CLIENT_ID.test(clientId)) {
    return sendJson(res, 400, { error: 'clientId must be 1 to 64 characters among A-Z a-z 0-9 _ . -' });
  }
  const retryAfter = chaos.takeFailure();
  if (retryAfter !== null) {
    return sendJson(res, 503, { error: 'Service unavailable (chaos: fail).' }, { 'Retry-After': String(retryAfter) });
  }
  if (chaos.state.latencyMs > 0) {
    await delay(chaos.state.latencyMs, res);
    if (res.destroyed || !res.socket || res.socket.destroyed) return;
  }

  // Counted after the chaos delay and registered synchronously below, so concurrent delayed
  // connects cannot slip past the limit.
  if (connections.streamsOf(clientId) >= options.maxStreamsPerClient) {
    return sendJson(
      res,
      429,
      { error: `Client ${clientId} already has ${options.maxStreamsPerClient} open streams. Close one or retry later.` },
      { 'Retry-After': '5' },
    );
  }

  // Native EventSource cannot set headers on its first connect, so a query parameter is accepted too.
  const header = req.headers['last-event-id'];
  const lastEventId = typeof header === 'string' ? header : url.searchParams.get('lastEventId');

  const sink = createNodeStream(req, res, {
    retry: options.retryMs,
    heartbeatMs: options.heartbeatMs,
    maxQueueBytes: options.maxQueueBytes,
  });
  connections.add(clientId, sink, 'stream');
  chaos.joinStall(() => sink.pause());
  if (expiresAt !== null) {
    // Ending the stream makes the client reconnect; its expired token then gets a 401 and it refreshes.
    const timer = setTimeout(() => sink.close(), Math.max(0, expiresAt - Date.now()));
    timer.unref();
    sink.onClose(() => clearTimeout(timer));
  }
  // The channel of now, not of when the request came in: a restart during the latency must not
  // attach the stream to the history it replaced.
  await history.channel.connect(sink, { lastEventId, topics: topics.topics });
}
