import { formatComment } from '../format/formatComment';
import { SSE_HEADERS, type CloseReason, type SSESink, type SSEStreamOptions } from './SSESink';
import { formatPreamble, streamSettings } from './streamOptions';

export interface FetchStream {
  /** Return this from your handler (Hono, Next.js route handlers, Deno.serve, Bun.serve, ...). */
  response: Response;
  sink: SSESink;
}

const encoder = new TextEncoder();

/**
 * The Web-standards twin of `createNodeStream`: a `Response` whose body is a `ReadableStream`.
 * The stream's own queue is the back-pressure signal (its desiredSize goes negative as the reader
 * falls behind); past `maxQueueBytes` the client is dropped as slow. The request's abort signal
 * and the body's cancellation both end the stream and run the close listeners.
 */
export function createFetchStream(request: Request, options: SSEStreamOptions = {}): FetchStream {
  const settings = streamSettings(options);
  const { heartbeatMs, maxQueueBytes } = settings;
  const closeListeners = new Set<(reason: CloseReason) => void>();
  const held: Uint8Array[] = [];
  let heldBytes = 0;
  let paused = false;
  let closeReason: CloseReason | null = null;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let controller!: ReadableStreamDefaultController<Uint8Array>;

  const body = new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
      },
      cancel() {
        finish('client');
      },
    },
    // A high-water mark of 0 makes -desiredSize exactly the bytes the reader has not taken yet.
    { highWaterMark: 0, size: (chunk) => chunk.byteLength },
  );

  function finish(reason: CloseReason): void {
    if (closeReason) return;
    closeReason = reason;
    if (heartbeat) clearInterval(heartbeat);
    held.length = 0;
    heldBytes = 0;
    request.signal.removeEventListener('abort', onAbort);
    for (const listener of closeListeners) listener(reason);
    closeListeners.clear();
  }

  function unread(): number {
    return Math.max(0, -(controller.desiredSize ?? 0)) + heldBytes;
  }

  function enqueue(frame: string | Uint8Array): boolean {
    if (closeReason) return false;
    const bytes = typeof frame === 'string' ? encoder.encode(frame) : frame;
    if (paused) {
      held.push(bytes);
      heldBytes += bytes.byteLength;
    } else {
      controller.enqueue(bytes);
    }
    if (unread() > maxQueueBytes) {
      finish('slow');
      controller.error(new Error('[@kit/sse-server] Client dropped: it fell too far behind the stream.'));
      return false;
    }
    return true;
  }

  function onAbort(): void {
    finish('client');
    try {
      controller.close();
    } catch {
      // Already closed or errored by the runtime: nothing left to end.
    }
  }
  if (request.signal.aborted) queueMicrotask(onAbort);
  else request.signal.addEventListener('abort', onAbort, { once: true });

  const preamble = formatPreamble(settings);
  if (preamble !== '') enqueue(preamble);
  if (heartbeatMs > 0) {
    heartbeat = setInterval(() => {
      if (!paused) enqueue(formatComment());
    }, heartbeatMs);
    // Deno and browsers return a number; only Node's Timeout can be unref'd.
    (heartbeat as { unref?: () => void }).unref?.();
  }

  const sink: SSESink = {
    write: enqueue,
    comment: (text) => enqueue(formatComment(text)),
    close() {
      if (closeReason) return;
      finish('server');
      controller.close();
    },
    abort() {
      if (closeReason) return;
      finish('aborted');
      controller.error(new Error('[@kit/sse-server] Stream aborted by the server.'));
    },
    pause() {
      paused = true;
    },
    resume() {
      if (!paused) return;
      paused = false;
      const frames = held.splice(0);
      heldBytes = 0;
      for (const bytes of frames) if (!closeReason) controller.enqueue(bytes);
    },
    get closed() {
      return closeReason !== null;
    },
    get closeReason() {
      return closeReason;
    },
    get queuedBytes() {
      return closeReason ? 0 : unread();
    },
    onClose(listener) {
      if (closeReason) {
        listener(closeReason);
        return () => {};
      }
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
  };

  const response = new Response(body, { status: 200, headers: { ...SSE_HEADERS, ...options.headers } });
  return { response, sink };
}
