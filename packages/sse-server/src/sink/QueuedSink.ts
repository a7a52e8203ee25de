import { byteLength, type Frame } from './frames';
import { SinkFlag, SinkLifecycle } from './SinkLifecycle';
import { MAX_CHUNK_BYTES, takeChunk } from './takeChunk';

const RESOLVED: Promise<void> = Promise.resolve();

/**
 * The queue between a sink and its transport, and the back-pressure rules: frames wait here while
 * the transport is full (until it drains) or the sink is paused, they leave in chunks, and a
 * client whose held-up backlog passes `maxQueueBytes` is dropped as `slow`. Which frames may go
 * straight through is the subclass's call (`StreamSink` coalesces).
 *
 * The transport's adapter (a node:http response, a ReadableStream controller) is the last
 * subclass, four small methods: queueing, back-pressure, the slow-client limit, coalescing,
 * heartbeats and closing are written once, here and in the classes between, and a client's stream
 * is one object (an adapter object of its own cost ~50 bytes more per open stream).
 */
export abstract class QueuedSink extends SinkLifecycle {
  // Created on first use: most of the time a connected client has nothing queued.
  protected queue: Frame[] | null = null;
  protected queued = 0;

  abstract readonly maxQueueBytes: number;

  /** The transport said "no more for now" and has not drained since. */
  protected get waitingForDrain(): boolean {
    return this.hasFlag(SinkFlag.waitingForDrain);
  }

  protected set waitingForDrain(on: boolean) {
    this.setFlag(SinkFlag.waitingForDrain, on);
  }

  /**
   * Hands a chunk to the transport. False means "no more for now": the adapter then calls
   * `flush()` once the transport takes bytes again (node's 'drain', the stream's pull).
   */
  protected abstract send(chunk: Frame): boolean;
  /** Ends the transport's stream after what was sent. */
  protected abstract endStream(): void;
  /** Ends it abruptly: the client sees a network error and reconnects with its Last-Event-ID. */
  protected abstract destroyStream(reason: 'slow' | 'aborted'): void;
  /** The sink closed: stop listening to the transport. */
  protected abstract stopListening(): void;

  get queuedBytes(): number {
    return this.queued;
  }

  get isPaused(): boolean {
    return this.hasFlag(SinkFlag.paused);
  }

  /**
   * Resolves at once while frames can go straight through (frames waiting only for their write
   * round are flushed here once they fill a chunk); otherwise once the transport has taken what is queued. A
   * producer that awaits it between frames never has more than a chunk waiting on the reader.
   */
  drain(): Promise<void> {
    if (this.closed) return RESOLVED;
    if (!this.isPaused && !this.waitingForDrain) {
      if (this.queued < MAX_CHUNK_BYTES) return RESOLVED;
      this.flush();
      if (!this.waitingForDrain || this.closed) return RESOLVED;
    }
    return this.whenDrained();
  }

  close(): void {
    if (this.closed) return;
    // Every frame write() accepted goes out before the end, back-pressure or pause regardless:
    // the transport buffers them (at most maxQueueBytes), and the client gets what it was promised.
    const queue = this.queue;
    while (queue !== null && queue.length > 0) this.send(takeChunk(queue).chunk);
    this.end('server');
    this.endStream();
  }

  abort(reason: 'aborted' | 'slow' = 'aborted'): void {
    this.drop(reason);
  }

  pause(): void {
    this.setFlag(SinkFlag.paused, true);
  }

  resume(): void {
    if (!this.isPaused) return;
    this.setFlag(SinkFlag.paused, false);
    if (!this.waitingForDrain) this.flush();
  }

  /** The transport takes bytes again (or the batch is due): send what is queued, in chunks. */
  flush(): void {
    this.waitingForDrain = false;
    const queue = this.queue;
    while (queue !== null && !this.isPaused && !this.closed && queue.length > 0) {
      // Several queued frames go out as one write: one syscall instead of one per frame.
      const { chunk, bytes } = takeChunk(queue);
      this.queued -= bytes;
      if (!this.send(chunk)) {
        this.waitingForDrain = true;
        return;
      }
    }
    // An empty queue is let go: an idle client keeps no array (and its grown backing store) alive.
    if (queue !== null && queue.length === 0 && !this.closed) this.queue = null;
    if (this.drainAwaited && !this.isPaused) this.settleDrain();
  }

  protected enqueue(frame: Frame): void {
    (this.queue ??= []).push(frame);
    this.queued += byteLength(frame);
  }

  /** Queues a frame the transport or a pause holds up; false when it puts the client over its bound (then dropped). */
  protected hold(frame: Frame): boolean {
    this.enqueue(frame);
    if (this.queued <= this.maxQueueBytes) return true;
    this.drop('slow');
    return false;
  }

  protected released(): void {
    this.queue = null;
    this.queued = 0;
    this.stopListening();
  }

  private drop(reason: 'slow' | 'aborted'): void {
    if (this.closed) return;
    this.end(reason);
    this.destroyStream(reason);
  }
}
