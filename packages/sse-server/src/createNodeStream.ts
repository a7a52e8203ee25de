import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatComment } from './formatComment';
import { formatRetry } from './formatRetry';
import {
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_MAX_QUEUE_BYTES,
  DEFAULT_RETRY_MS,
  SSE_HEADERS,
  type CloseReason,
  type SSESink,
  type SSEStreamOptions,
} from './SSESink';

function byteLength(frame: string | Uint8Array): number {
  return typeof frame === 'string' ? Buffer.byteLength(frame) : frame.byteLength;
}

/**
 * Turns a node:http response into an event stream: writes the headers at once, sends the `retry:`
 * hint, keeps the connection alive with heartbeat comments and cleans up when the client leaves
 * (the response's 'close').
 *
 * Back-pressure: once `res.write` returns false, frames wait in a per-client queue until 'drain'.
 * A client whose queue grows past `maxQueueBytes` is disconnected (reason `slow`), so one stuck
 * reader cannot make the server buffer without bound while everyone else keeps streaming.
 */
export function createNodeStream(req: IncomingMessage, res: ServerResponse, options: SSEStreamOptions = {}): SSESink {
  const { retry = DEFAULT_RETRY_MS, heartbeatMs = DEFAULT_HEARTBEAT_MS, maxQueueBytes = DEFAULT_MAX_QUEUE_BYTES } = options;
  const queue: (string | Uint8Array)[] = [];
  const closeListeners = new Set<(reason: CloseReason) => void>();
  let queuedBytes = 0;
  let waitingForDrain = false;
  let paused = false;
  let closeReason: CloseReason | null = null;
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const headers: Record<string, string> = { ...SSE_HEADERS, ...options.headers };
  // Connection is a hop-by-hop header that HTTP/2 forbids; it only means something on HTTP/1.x.
  if (req.httpVersionMajor === 1) headers.Connection = 'keep-alive';
  res.writeHead(200, headers);
  // Without this the headers wait for the first body write, and the client sees no `open`.
  res.flushHeaders();
  // Events must go out as written, not coalesced by Nagle's algorithm.
  res.socket?.setNoDelay(true);

  function finish(reason: CloseReason): void {
    if (closeReason) return;
    closeReason = reason;
    if (heartbeat) clearInterval(heartbeat);
    queue.length = 0;
    queuedBytes = 0;
    res.off('drain', flush);
    res.off('close', onClientClose);
    for (const listener of closeListeners) listener(reason);
    closeListeners.clear();
  }

  function flush(): void {
    waitingForDrain = false;
    while (!paused && !closeReason && queue.length > 0) {
      const frame = queue.shift() as string | Uint8Array;
      queuedBytes -= byteLength(frame);
      if (!res.write(frame)) {
        waitingForDrain = true;
        res.once('drain', flush);
        return;
      }
    }
  }

  function enqueue(frame: string | Uint8Array): boolean {
    if (closeReason) return false;
    if (!paused && !waitingForDrain && queue.length === 0) {
      if (!res.write(frame)) {
        waitingForDrain = true;
        res.once('drain', flush);
      }
      return true;
    }
    queue.push(frame);
    queuedBytes += byteLength(frame);
    if (queuedBytes > maxQueueBytes) {
      finish('slow');
      res.destroy();
      return false;
    }
    return true;
  }

  function onClientClose(): void {
    finish('client');
  }
  // The response's 'close' is the disconnect signal. The request's 'close' is not: since Node 16
  // it fires as soon as a request body has been read (a POST stream), with the socket still open.
  res.once('close', onClientClose);

  // A client that left before we got here (say, during an awaited auth check) never emits again.
  if (!res.socket || res.socket.destroyed) queueMicrotask(onClientClose);
  if (retry !== null) enqueue(formatRetry(retry));
  if (heartbeatMs > 0) {
    heartbeat = setInterval(() => {
      // A paused (stalled) stream sends nothing at all, heartbeats included.
      if (!paused) enqueue(formatComment());
    }, heartbeatMs);
    heartbeat.unref();
  }

  return {
    write: enqueue,
    comment: (text) => enqueue(formatComment(text)),
    close() {
      if (closeReason) return;
      finish('server');
      res.end();
    },
    abort() {
      if (closeReason) return;
      finish('aborted');
      res.destroy();
    },
    pause() {
      paused = true;
    },
    resume() {
      if (!paused) return;
      paused = false;
      if (!waitingForDrain) flush();
    },
    get closed() {
      return closeReason !== null;
    },
    get closeReason() {
      return closeReason;
    },
    get queuedBytes() {
      return queuedBytes;
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
}
