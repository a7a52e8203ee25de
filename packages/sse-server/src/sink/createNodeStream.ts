import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Frame } from './frames';
import { SSE_HEADERS, type SSESink, type SSEStreamOptions } from './SSESink';
import type { SinkTransport } from './SinkTransport';
import { createStreamSink, type StreamSink } from './StreamSink';
import { formatPreamble, streamSettings } from './streamOptions';

// The response's listeners are shared functions (EventEmitter calls them with the response as
// `this`), finding their sink through this key: no closures per connection.
const SINK = Symbol('sse-sink');
type SinkResponse = ServerResponse & { [SINK]?: StreamSink };

function onResponseClose(this: SinkResponse): void {
  this[SINK]?.end('client');
}

function onResponseDrain(this: SinkResponse): void {
  this[SINK]?.flush();
}

/** The node:http adapter: `res.write`'s return value and 'drain' are the back-pressure signal. */
class ResponseTransport implements SinkTransport {
  constructor(private readonly res: SinkResponse) {}

  write(chunk: Frame): boolean {
    if (this.res.write(chunk)) return true;
    this.res.once('drain', onResponseDrain);
    return false;
  }

  end(): void {
    this.res.end();
  }

  destroy(): void {
    this.res.destroy();
  }

  release(): void {
    this.res.off('drain', onResponseDrain);
    this.res.off('close', onResponseClose);
  }
}

/**
 * Turns a node:http response into an event stream: writes the headers at once, sends the `retry:`
 * hint and the advertised heartbeat, keeps the connection alive with heartbeat comments and cleans
 * up when the client leaves (the response's 'close').
 *
 * Back-pressure: once `res.write` returns false, frames wait in a per-client queue until 'drain'.
 * A client whose live queue grows past `maxQueueBytes` is disconnected (reason `slow`), so one
 * stuck reader cannot make the server buffer without bound while everyone else keeps streaming.
 */
export function createNodeStream(req: IncomingMessage, res: ServerResponse, options: SSEStreamOptions = {}): SSESink {
  const settings = streamSettings(options);

  const headers: Record<string, string> = { ...SSE_HEADERS, ...options.headers };
  // Connection is a hop-by-hop header that HTTP/2 forbids; it only means something on HTTP/1.x.
  if (req.httpVersionMajor === 1) headers.Connection = 'keep-alive';
  res.writeHead(200, headers);
  // Without this the headers wait for the first body write, and the client sees no `open`.
  res.flushHeaders();
  // Events must go out as written, not coalesced by Nagle's algorithm.
  res.socket?.setNoDelay(true);

  const sink = createStreamSink(new ResponseTransport(res), settings, true);
  (res as SinkResponse)[SINK] = sink;
  // The response's 'close' is the disconnect signal. The request's 'close' is not: since Node 16
  // it fires as soon as a request body has been read (a POST stream), with the socket still open.
  res.once('close', onResponseClose);

  // A client that left before we got here (say, during an awaited auth check) never emits again.
  if (!res.socket || res.socket.destroyed) queueMicrotask(() => sink.end('client'));
  // Straight to the socket: the hints must not make the first event wait for a flush.
  const preamble = formatPreamble(settings);
  if (preamble !== '') res.write(preamble);
  return sink;
}
