import type { IncomingMessage, ServerResponse } from 'node:http';
import { formatComment } from '../format/formatComment';
import { SSE_HEADERS, type CloseReason, type SSESink, type SSEStreamOptions } from './SSESink';
import { formatPreamble, streamSettings } from './streamOptions';

type Frame = string | Uint8Array;

function byteLength(frame: Frame): number {
  return typeof frame === 'string' ? Buffer.byteLength(frame) : frame.byteLength;
}

/**
 * A client written to within this many flush intervals counts as busy: its next frame is held back
 * (for at most one interval). Wider than the interval itself so that a loaded machine descheduling
 * the process between two broadcasts does not throw every client back to one write per frame.
 */
const BUSY_INTERVALS = 10;

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
 * One interval timer per heartbeat period for every sink that uses it, instead of one per sink.
 * A sink's first heartbeat therefore comes within one period of connecting, not exactly one period.
 */
class Heartbeats {
  private readonly sinks = new Set<NodeSink>();
  private timer: ReturnType<typeof setInterval> | null = null;
  constructor(private readonly ms: number) {}

  add(sink: NodeSink): void {
    this.sinks.add(sink);
    if (this.timer === null) {
      this.timer = setInterval(this.beat, this.ms);
      this.timer.unref();
    }
  }

  delete(sink: NodeSink): void {
    this.sinks.delete(sink);
    if (this.sinks.size === 0 && this.timer !== null) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private readonly beat = (): void => {
    const comment = formatComment();
    // A paused (stalled) stream sends nothing at all, heartbeats included.
    for (const sink of this.sinks) if (!sink.isPaused) sink.write(comment);
  };
}

const heartbeats = new Map<number, Heartbeats>();
function heartbeatsFor(ms: number): Heartbeats {
  let group = heartbeats.get(ms);
  if (!group) {
    group = new Heartbeats(ms);
    heartbeats.set(ms, group);
  }
  return group;
}

// The response's listeners are shared functions (EventEmitter calls them with the response as
// `this`), finding their sink through this key: no closures per connection.
const SINK = Symbol('sse-sink');
type SinkResponse = ServerResponse & { [SINK]?: NodeSink };

function onResponseClose(this: SinkResponse): void {
  this[SINK]?.end('client');
}

function onResponseDrain(this: SinkResponse): void {
  this[SINK]?.flush();
}

type CloseListener = (reason: CloseReason) => void;

/** A class, so the methods live once on the prototype instead of as closures on every sink. */
class NodeSink implements SSESink {
  private reason: CloseReason | null = null;
  // Created on first use: most of the time a connected client has nothing queued.
  private queue: Frame[] | null = null;
  private queued = 0;
  private waitingForDrain = false;
  private paused = false;
  // When this sink last handed bytes to the socket, and whether it waits on the flush batch.
  private lastWrite: Turn | null = null;
  private inBatch = false;
  // The channel registers one listener per sink; a Set only when there are more.
  private listeners: CloseListener | Set<CloseListener> | null = null;

  constructor(
    private readonly res: SinkResponse,
    private readonly maxQueueBytes: number,
    private readonly batch: FlushBatch | null,
    private readonly busyMs: number,
    private readonly heartbeat: Heartbeats | null,
  ) {
    heartbeat?.add(this);
  }

  get closed(): boolean {
    return this.reason !== null;
  }

  get closeReason(): CloseReason | null {
    return this.reason;
  }

  get queuedBytes(): number {
    return this.queued;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  write(frame: Frame): boolean {
    if (this.reason) return false;
    if (!this.paused && !this.waitingForDrain && (this.queue === null || this.queue.length === 0)) {
      if (this.batch) {
        // Written to recently: hold this frame back (at most flushIntervalMs) so the ones that
        // follow share its write. A lone frame after a quiet spell goes out at once.
        if (this.lastWrite !== null && performance.now() - this.lastWrite.end < this.busyMs) {
          (this.queue ??= []).push(frame);
          this.queued += byteLength(frame);
          if (!this.inBatch) {
            this.inBatch = true;
            this.batch.add(this);
          }
          return true;
        }
        this.lastWrite = currentTurn();
      }
      if (!this.res.write(frame)) this.waitForDrain();
      return true;
    }
    (this.queue ??= []).push(frame);
    this.queued += byteLength(frame);
    // Frames held back only to be coalesced are not late: the bound applies once the socket or a
    // pause holds them up.
    if ((this.paused || this.waitingForDrain) && this.queued > this.maxQueueBytes) {
      this.end('slow');
      this.res.destroy();
      return false;
    }
    return true;
  }

  comment(text?: string): boolean {
    return this.write(formatComment(text));
  }

  close(): void {
    if (this.reason) return;
    // Frames held back for coalescing were accepted: send them before the end.
    if (!this.paused && !this.waitingForDrain) this.flush();
    this.end('server');
    this.res.end();
  }

  abort(): void {
    if (this.reason) return;
    this.end('aborted');
    this.res.destroy();
  }

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (!this.waitingForDrain) this.flush();
  }

  onClose(listener: CloseListener): () => void {
    if (this.reason) {
      listener(this.reason);
      return () => {};
    }
    if (this.listeners === null) this.listeners = listener;
    else if (this.listeners instanceof Set) this.listeners.add(listener);
    else this.listeners = new Set([this.listeners, listener]);
    return () => {
      if (this.listeners === listener) this.listeners = null;
      else if (this.listeners instanceof Set) this.listeners.delete(listener);
    };
  }

  /** Called by the flush batch. Paused or back-pressured: resume() or 'drain' flushes instead. */
  flushPending(): void {
    this.inBatch = false;
    if (!this.paused && !this.waitingForDrain) this.flush();
  }

  flush(): void {
    this.waitingForDrain = false;
    const queue = this.queue;
    if (queue === null) return;
    while (!this.paused && !this.reason && queue.length > 0) {
      // Several queued frames go out as one write: one syscall instead of one per frame.
      const { chunk, bytes } = takeChunk(queue);
      this.queued -= bytes;
      if (this.batch) this.lastWrite = currentTurn();
      if (!this.res.write(chunk)) {
        this.waitForDrain();
        return;
      }
    }
  }

  end(reason: CloseReason): void {
    if (this.reason) return;
    this.reason = reason;
    this.heartbeat?.delete(this);
    this.queue = null;
    this.queued = 0;
    this.res.off('drain', onResponseDrain);
    this.res.off('close', onResponseClose);
    const listeners = this.listeners;
    this.listeners = null;
    if (typeof listeners === 'function') listeners(reason);
    else if (listeners) for (const listener of listeners) listener(reason);
  }

  private waitForDrain(): void {
    this.waitingForDrain = true;
    this.res.once('drain', onResponseDrain);
  }
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
  const settings = streamSettings(options);
  const { heartbeatMs, maxQueueBytes, flushIntervalMs } = settings;

  const headers: Record<string, string> = { ...SSE_HEADERS, ...options.headers };
  // Connection is a hop-by-hop header that HTTP/2 forbids; it only means something on HTTP/1.x.
  if (req.httpVersionMajor === 1) headers.Connection = 'keep-alive';
  res.writeHead(200, headers);
  // Without this the headers wait for the first body write, and the client sees no `open`.
  res.flushHeaders();
  // Events must go out as written, not coalesced by Nagle's algorithm.
  res.socket?.setNoDelay(true);

  const sink = new NodeSink(
    res,
    maxQueueBytes,
    flushIntervalMs > 0 ? batchFor(flushIntervalMs) : null,
    flushIntervalMs * BUSY_INTERVALS,
    heartbeatMs > 0 ? heartbeatsFor(heartbeatMs) : null,
  );
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
