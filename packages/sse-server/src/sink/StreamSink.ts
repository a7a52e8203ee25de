import { formatComment } from '../format/formatComment';
import { BUSY_INTERVALS, type FlushBatch } from './FlushBatch';
import type { Frame } from './frames';
import type { Heartbeats } from './Heartbeats';
import { QueuedSink } from './QueuedSink';
import { batchFor, currentTurn, heartbeatsFor, type Turn } from './sinkRegistry';
import type { SinkTransport } from './SinkTransport';
import type { SSESink } from './SSESink';
import type { StreamSettings } from './streamOptions';
import { MAX_CHUNK_BYTES } from './takeChunk';

/**
 * One client's stream, whatever the transport. States: open (writing through, coalescing,
 * waiting for the transport to drain, or paused), then closed once with a reason. The layers:
 * `SinkLifecycle` (closing once, its listeners, the drain promise), `QueuedSink` (the queue,
 * back-pressure, pause, the slow-client bound), and here the live write path with coalescing and
 * the heartbeat. Classes, so the methods live once on the prototypes instead of as closures on
 * every sink: the live write path allocates nothing unless a frame has to wait.
 */
export class StreamSink extends QueuedSink implements SSESink {
  // When this sink last handed bytes to the transport, and whether it waits on the flush batch.
  private lastWrite: Turn | null = null;
  private inBatch = false;

  constructor(
    transport: SinkTransport,
    maxQueueBytes: number,
    private readonly batch: FlushBatch | null,
    private readonly busyMs: number,
    private readonly heartbeat: Heartbeats | null,
  ) {
    super(transport, maxQueueBytes);
    heartbeat?.add(this);
  }

  write(frame: Frame): boolean {
    if (this.reason) return false;
    if (this.paused || this.waitingForDrain) return this.hold(frame);
    if (this.queue === null || this.queue.length === 0) {
      if (this.batch) {
        // Written to recently: hold this frame back (at most flushIntervalMs) so the ones that
        // follow share its write. A lone frame after a quiet spell goes out at once.
        if (this.lastWrite !== null && performance.now() - this.lastWrite.end < this.busyMs) {
          this.enqueue(frame);
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
    this.enqueue(frame);
    // Frames held back only to be coalesced are not late, but a full chunk need not wait.
    if (this.queued >= MAX_CHUNK_BYTES) this.flush();
    return true;
  }

  comment(text?: string): boolean {
    return this.write(formatComment(text));
  }

  /** Called by the flush batch. Paused or back-pressured: resume() or the drain flushes instead. */
  flushPending(): void {
    this.inBatch = false;
    if (!this.paused && !this.waitingForDrain) this.flush();
  }

  protected wrote(): void {
    if (this.batch) this.lastWrite = currentTurn();
  }

  protected override released(): void {
    this.heartbeat?.delete(this);
    super.released();
  }
}

/**
 * The sink for one response, from the checked options: the transport's adapter is the only part
 * node and fetch do not share. `coalesce`: whether frames may wait for a flush batch (node only; a
 * reader that falls behind already gets queued frames in one chunk).
 */
export function createStreamSink(transport: SinkTransport, settings: StreamSettings, coalesce: boolean): StreamSink {
  const { flushIntervalMs, heartbeatMs } = settings;
  const batched = coalesce && flushIntervalMs > 0;
  return new StreamSink(
    transport,
    settings.maxQueueBytes,
    batched ? batchFor(flushIntervalMs) : null,
    batched ? flushIntervalMs * BUSY_INTERVALS : 0,
    heartbeatMs > 0 ? heartbeatsFor(heartbeatMs) : null,
  );
}
