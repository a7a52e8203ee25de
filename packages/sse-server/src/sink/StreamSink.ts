import { formatComment } from '../format/formatComment';
import { currentTurn, MAX_CHUNK_BYTES, takeChunk, type FlushBatch, type Turn } from './coalescing';
import { byteLength, type Frame } from './frames';
import type { Heartbeats } from './heartbeats';
import type { CloseReason, SSESink } from './SSESink';

/**
 * What the lifecycle needs from a transport (a node:http response, a ReadableStream controller).
 * The adapter is small on purpose: queueing, back-pressure, the slow-client limit, coalescing,
 * heartbeats and closing are written once, here.
 */
export interface SinkTransport {
  /**
   * Hands a chunk over. False means "no more for now": the adapter then calls the sink's
   * `flush()` once the transport takes bytes again (node's 'drain', the stream's pull).
   */
  write(chunk: Frame): boolean;
  /** Ends the stream after what was written. */
  end(): void;
  /** Ends it abruptly: the client sees a network error and reconnects with its Last-Event-ID. */
  destroy(reason: 'slow' | 'aborted'): void;
  /** The sink closed: stop listening to the transport. */
  release(): void;
}

type CloseListener = (reason: CloseReason) => void;

const RESOLVED: Promise<void> = Promise.resolve();

/**
 * One client's stream, whatever the transport. States: open (writing through, coalescing,
 * waiting for the transport to drain, or paused), then closed once with a reason. A class, so the
 * methods live once on the prototype instead of as closures on every sink: the live write path
 * allocates nothing unless a frame has to wait.
 */
export class StreamSink implements SSESink {
  private reason: CloseReason | null = null;
  // Created on first use: most of the time a connected client has nothing queued.
  private queue: Frame[] | null = null;
  private queued = 0;
  private waitingForDrain = false;
  private paused = false;
  // When this sink last handed bytes to the transport, and whether it waits on the flush batch.
  private lastWrite: Turn | null = null;
  private inBatch = false;
  // The channel registers one listener per sink; a Set only when there are more.
  private listeners: CloseListener | Set<CloseListener> | null = null;
  // One promise shared by every drain() caller until the sink can take more.
  private drained: { promise: Promise<void>; resolve: () => void } | null = null;

  constructor(
    private readonly transport: SinkTransport,
    readonly maxQueueBytes: number,
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
      if (!this.transport.write(frame)) this.waitingForDrain = true;
      return true;
    }
    (this.queue ??= []).push(frame);
    this.queued += byteLength(frame);
    if (this.paused || this.waitingForDrain) {
      // The bound applies to frames the transport or a pause holds up.
      if (this.queued > this.maxQueueBytes) {
        this.drop('slow');
        return false;
      }
    } else if (this.queued >= MAX_CHUNK_BYTES) {
      // Frames held back only to be coalesced are not late, but a full chunk need not wait.
      this.flush();
    }
    return true;
  }

  comment(text?: string): boolean {
    return this.write(formatComment(text));
  }

  /**
   * Resolves at once while frames can go straight through (frames held only for coalescing flush
   * here once they fill a chunk); otherwise once the transport has taken what is queued. A
   * producer that awaits it between frames never has more than a chunk waiting on the reader.
   */
  drain(): Promise<void> {
    if (this.reason) return RESOLVED;
    if (!this.paused && !this.waitingForDrain) {
      if (this.queued < MAX_CHUNK_BYTES) return RESOLVED;
      this.flush();
      if (!this.waitingForDrain || this.reason) return RESOLVED;
    }
    if (this.drained === null) {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => (resolve = done));
      this.drained = { promise, resolve };
    }
    return this.drained.promise;
  }

  close(): void {
    if (this.reason) return;
    // Every frame write() accepted goes out before the end, back-pressure or pause regardless:
    // the transport buffers them (at most maxQueueBytes), and the client gets what it was promised.
    const queue = this.queue;
    while (queue !== null && queue.length > 0) this.transport.write(takeChunk(queue).chunk);
    this.end('server');
    this.transport.end();
  }

  abort(reason: 'aborted' | 'slow' = 'aborted'): void {
    this.drop(reason);
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

  /** Called by the flush batch. Paused or back-pressured: resume() or the drain flushes instead. */
  flushPending(): void {
    this.inBatch = false;
    if (!this.paused && !this.waitingForDrain) this.flush();
  }

  /** The transport takes bytes again (or the batch is due): send what is queued, in chunks. */
  flush(): void {
    this.waitingForDrain = false;
    const queue = this.queue;
    while (queue !== null && !this.paused && !this.reason && queue.length > 0) {
      // Several queued frames go out as one write: one syscall instead of one per frame.
      const { chunk, bytes } = takeChunk(queue);
      this.queued -= bytes;
      if (this.batch) this.lastWrite = currentTurn();
      if (!this.transport.write(chunk)) {
        this.waitingForDrain = true;
        return;
      }
    }
    if (this.drained !== null && !this.paused) this.settleDrain();
  }

  /** Marks the sink closed and tells everyone once; the transport is the caller's business. */
  end(reason: CloseReason): void {
    if (this.reason) return;
    this.reason = reason;
    this.heartbeat?.delete(this);
    this.queue = null;
    this.queued = 0;
    this.transport.release();
    this.settleDrain();
    const listeners = this.listeners;
    this.listeners = null;
    if (typeof listeners === 'function') listeners(reason);
    else if (listeners) for (const listener of listeners) listener(reason);
  }

  private drop(reason: 'slow' | 'aborted'): void {
    if (this.reason) return;
    this.end(reason);
    this.transport.destroy(reason);
  }

  private settleDrain(): void {
    const drained = this.drained;
    this.drained = null;
    drained?.resolve();
  }
}
