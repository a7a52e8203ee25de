import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatComment } from './formatComment';
import { formatRetry } from './formatRetry';
import {
  DEFAULT_FLUSH_INTERVAL_MS,
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_MAX_QUEUE_BYTES,
  DEFAULT_RETRY_MS,
  SSE_HEADERS,
  type CloseReason,
  type SSESink,
  type SSEStreamOptions,
} from './SSESink';

type Frame = string | Uint8Array;

function byteLength(frame: Frame): number {
  return typeof frame === 'string' ? Buffer.byteLength(frame) : frame.byteLength;
}

/**
 * A client written to within this many flush intervals counts as busy: its next frame is held back
 * (for at most one interval). Wider than the interval itself so that a loaded machine descheduling
 * the process between two broadcasts does not throw every client back to one write per frame.
 */
const BUSY_INTERVALS = 5;

/** Largest chunk handed to `res.write` in one call when a queue is flushed. */
const MAX_CHUNK_BYTES = 64 * 1024;

interface Coalesced {
  flushPending(): void;
}

/**
 * One timer per flush interval for every sink that has frames waiting to be coalesced, instead of
 * one per sink. Sinks join when their first frame is held back and are flushed together.
 */
class FlushBatch {
  private entries: Coalesced[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  constructor(private readonly ms: number) {}

  add(entry: Coalesced): void {
    this.entries.push(entry);
    if (this.timer === null) {
      this.timer = setTimeout(this.run, this.ms);
      // Open sockets keep the process alive; this timer alone need not.
      this.timer.unref();
    }
  }

  private readonly run = (): void => {
    this.timer = null;
    const entries = this.entries;
    this.entries = [];
    for (const entry of entries) entry.flushPending();
    // Do not keep the last batch's frames alive.
    shared.frames = [];
    shared.chunk = null;
  };
}

/**
 * The stretch of synchronous work (one broadcast to every client, say) in which a sink wrote; its
 * end is stamped by a microtask. Windows count from the end of that work, not from each write: a
 * broadcast to thousands of sockets can itself outlast a window.
 */
interface Turn {
  end: number;
}
let turn: Turn | null = null;
function currentTurn(): Turn {
  if (turn === null) {
    const current: Turn = { end: Number.POSITIVE_INFINITY };
    turn = current;
    queueMicrotask(() => {
      current.end = performance.now();
      turn = null;
    });
  }
  return turn;
}

const batches = new Map<number, FlushBatch>();
function batchFor(ms: number): FlushBatch {
  let batch = batches.get(ms);
  if (!batch) {
    batch = new FlushBatch(ms);
    batches.set(ms, batch);
  }
  return batch;
}

/**
 * A broadcast queues the same frames on every sink: the first sink of a batch concatenates them,
 * the next ones with the very same frames reuse that chunk.
 */
const shared: { frames: Frame[]; chunk: Buffer | null } = { frames: [], chunk: null };

function sameFrames(a: readonly Frame[], b: readonly Frame[], count: number): boolean {
  if (a.length !== count || b.length < count) return false;
  for (let i = 0; i < count; i++) if (a[i] !== b[i]) return false;
  return true;
}

function toBuffer(frame: Frame): Buffer | Uint8Array {
  return typeof frame === 'string' ? Buffer.from(frame) : frame;
}

/** Removes up to MAX_CHUNK_BYTES worth of frames (at least one) from the queue, as one chunk. */
function takeChunk(queue: Frame[]): { chunk: Frame; bytes: number } {
  if (queue.length === 1) {
    const frame = queue.pop() as Frame;
    return { chunk: frame, bytes: byteLength(frame) };
  }
  let count = 0;
  let bytes = 0;
  while (count < queue.length && (count === 0 || bytes < MAX_CHUNK_BYTES)) bytes += byteLength(queue[count++] as Frame);
  if (shared.chunk && sameFrames(shared.frames, queue, count)) {
    queue.splice(0, count);
    return { chunk: shared.chunk, bytes };
  }
  const frames = queue.splice(0, count);
  const chunk = Buffer.concat(frames.map(toBuffer), bytes);
  shared.frames = frames;
  shared.chunk = chunk;
  return { chunk, bytes };
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
  const {
    retry = DEFAULT_RETRY_MS,
    heartbeatMs = DEFAULT_HEARTBEAT_MS,
    maxQueueBytes = DEFAULT_MAX_QUEUE_BYTES,
    flushIntervalMs = DEFAULT_FLUSH_INTERVAL_MS,
  } = options;
  const queue: Frame[] = [];
  const closeListeners = new Set<(reason: CloseReason) => void>();
  let queuedBytes = 0;
  let waitingForDrain = false;
  let paused = false;
  let closeReason: CloseReason | null = null;
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  // When this sink last handed bytes to the socket, and whether it waits on the flush batch.
  let lastWrite: Turn | null = null;
  let inBatch = false;
  const batch = flushIntervalMs > 0 ? batchFor(flushIntervalMs) : null;
  const busyMs = flushIntervalMs * BUSY_INTERVALS;
  const coalesced: Coalesced = {
    flushPending() {
      inBatch = false;
      // Paused or back-pressured: resume() or 'drain' flushes instead.
      if (!paused && !waitingForDrain) flush();
    },
  };

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
      // Several queued frames go out as one write: one syscall instead of one per frame.
      const { chunk, bytes } = takeChunk(queue);
      queuedBytes -= bytes;
      if (batch) lastWrite = currentTurn();
      if (!res.write(chunk)) {
        waitingForDrain = true;
        res.once('drain', flush);
        return;
      }
    }
  }

  function enqueue(frame: Frame): boolean {
    if (closeReason) return false;
    if (!paused && !waitingForDrain && queue.length === 0) {
      if (batch) {
        // Written to recently: hold this frame back (at most flushIntervalMs) so the ones that
        // follow share its write. A lone frame after a quiet spell goes out at once.
        if (lastWrite !== null && performance.now() - lastWrite.end < busyMs) {
          queue.push(frame);
          queuedBytes += byteLength(frame);
          if (!inBatch) {
            inBatch = true;
            batch.add(coalesced);
          }
          return true;
        }
        lastWrite = currentTurn();
      }
      if (!res.write(frame)) {
        waitingForDrain = true;
        res.once('drain', flush);
      }
      return true;
    }
    queue.push(frame);
    queuedBytes += byteLength(frame);
    // Frames held back only to be coalesced are not late: the bound applies once the socket or a
    // pause holds them up.
    if ((paused || waitingForDrain) && queuedBytes > maxQueueBytes) {
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
  // Straight to the socket: the hint must not make the first event wait for a flush.
  if (retry !== null) res.write(formatRetry(retry));
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
      // Frames held back for coalescing were accepted: send them before the end.
      if (!paused && !waitingForDrain) flush();
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
