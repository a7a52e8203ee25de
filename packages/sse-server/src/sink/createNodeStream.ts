import { ServerResponse, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { chunkedFrame } from './chunkedFrame';
import type { Frame } from './frames';
import { SSE_HEADERS, type SSESink, type SSEStreamOptions } from './SSESink';
import { compactListeners, shareStreamState } from './shareStreamState';
import { sinkRegistry } from './sinkRegistry';
import { StreamSink } from './StreamSink';
import { formatPreamble, streamSettings, type StreamSettings } from './streamOptions';

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

// The socket's 'drain' listener (fast path, under back-pressure), shared the same way: the sink
// waiting for the socket is in the registry's WeakMap until then.
function onSocketDrain(this: Socket): void {
  const sink = sinkRegistry.drainingSockets.get(this);
  sinkRegistry.drainingSockets.delete(this);
  sink?.flush();
}

type ChunkedResponse = SinkResponse & { chunkedEncoding?: boolean };
const plainWrite = ServerResponse.prototype.write;

/**
 * The node:http adapter: `res.write`'s return value and 'drain' are the back-pressure signal.
 *
 * Fast path: an HTTP/1.1 response that owns its socket, with chunked framing and a `write` nobody
 * wrapped (compression middleware, say), gets each chunk framed once per broadcast and written
 * to the socket in one call. `res.write` would cork the socket, write the size, CRLF, the bytes
 * and CRLF, and uncork on the next tick: a third of the server's CPU per write in the fan-out
 * profile. The bytes on the wire are the same; the response's own state is untouched (its end
 * still writes the last chunk), and anything else (HTTP/2, HTTP/1.0, a socket not yet assigned)
 * goes through `res.write`.
 */
class ResponseSink extends StreamSink {
  constructor(
    private readonly res: ChunkedResponse,
    settings: StreamSettings,
  ) {
    super(settings, true);
  }

  protected send(chunk: Frame): boolean {
    const { res } = this;
    const socket = res.socket;
    if (socket === null || res.chunkedEncoding !== true || res.write !== plainWrite) {
      if (res.write(chunk)) return true;
      res.once('drain', onResponseDrain);
      return false;
    }
    // An empty chunk would end the chunked body: there is nothing to write.
    if ((typeof chunk === 'string' ? chunk.length : chunk.byteLength) === 0) return true;
    if (socket.write(chunkedFrame(chunk))) return true;
    sinkRegistry.drainingSockets.set(socket, this);
    socket.once('drain', onSocketDrain);
    return false;
  }

  protected endStream(): void {
    this.res.end();
  }

  protected destroyStream(): void {
    this.res.destroy();
  }

  protected stopListening(): void {
    const { res } = this;
    res.off('drain', onResponseDrain);
    res.off('close', onResponseClose);
    // A socket that drained (or a response already detached from it: its socket had drained
    // before the response could finish) has no listener of ours left.
    const socket = res.socket;
    if (socket && sinkRegistry.drainingSockets.get(socket) === this) {
      sinkRegistry.drainingSockets.delete(socket);
      socket.off('drain', onSocketDrain);
    }
  }
}

/**
 * Turns a node:http response into an event stream: writes the headers at once, sends the `retry:`
 * hint and the advertised heartbeat, keeps the connection alive with heartbeat comments and cleans
 * up when the client leaves (the response's 'close').
 *
 * Back-pressure: once a write returns false, frames wait in a per-client queue until 'drain'.
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
  // What node:http keeps per open stream and many streams have in common, kept once.
  shareStreamState(req, res);
  // Events must go out as written, not coalesced by Nagle's algorithm.
  res.socket?.setNoDelay(true);

  const sink = new ResponseSink(res, settings);
  (res as SinkResponse)[SINK] = sink;
  // The response's 'close' is the disconnect signal. The request's 'close' is not: since Node 16
  // it fires as soon as a request body has been read (a POST stream), with the socket still open.
  // `on`, not `once`: end() runs once anyway, and release() removes it (no wrapper per connection).
  res.on('close', onResponseClose);
  compactListeners(res);

  // A client that left before we got here (say, during an awaited auth check) never emits again.
  if (!res.socket || res.socket.destroyed) queueMicrotask(() => sink.end('client'));
  // Straight to the socket: the hints must not make the first event wait for a flush.
  const preamble = formatPreamble(settings);
  if (preamble !== '') res.write(preamble);
  return sink;
}
