import { formatComment } from '../format/formatComment';
import type { Frame } from './frames';
import type { Heartbeats } from './Heartbeats';
import { QueuedSink } from './QueuedSink';
import { heartbeatsFor, writeRounds } from './sinkRegistry';
import type { SSESink } from './SSESink';
import type { StreamSettings } from './streamOptions';
import { MAX_CHUNK_BYTES } from './takeChunk';
import type { WriteRounds } from './WriteRounds';

/**
 * One client's stream, whatever the transport. States: open (writing through, or queueing for the
 * next write round, or waiting for the transport to drain, or paused), then closed once with a
 * reason. The layers: `SinkLifecycle` (closing once, its listeners, the drain promise),
 * `QueuedSink` (the queue, back-pressure, pause, the slow-client bound), and here the live write
 * path with coalescing and the heartbeat; below it, the transport's adapter. Classes, so the
 * methods live once on the prototypes instead of as closures on every sink.
 */
export abstract class StreamSink extends QueuedSink implements SSESink {
  // Whether this sink waits in the write rounds.
  private inRound = false;
  private readonly rounds: WriteRounds | null;
  private readonly heartbeat: Heartbeats | null;

  /**
   * From the checked options. `coalesce`: whether frames wait for the write rounds (node only; a
   * fetch reader that falls behind already gets queued frames in one chunk).
   */
  constructor(settings: StreamSettings, coalesce: boolean) {
    super(settings.maxQueueBytes);
    this.rounds = coalesce && settings.coalesce ? writeRounds() : null;
    this.heartbeat = settings.heartbeatMs > 0 ? heartbeatsFor(settings.heartbeatMs) : null;
    this.heartbeat?.add(this);
  }

  write(frame: Frame): boolean {
    if (this.reason) return false;
    if (this.paused || this.waitingForDrain) return this.hold(frame);
    if (this.rounds === null && this.queue === null) {
      if (!this.send(frame)) this.waitingForDrain = true;
      return true;
    }
    this.enqueue(frame);
    // A full chunk need not wait for its round.
    if (this.queued >= MAX_CHUNK_BYTES) this.flush();
    else if (this.rounds !== null && !this.inRound) {
      this.inRound = true;
      this.rounds.add(this);
    }
    return true;
  }

  comment(text?: string): boolean {
    return this.write(formatComment(text));
  }

  /** Called by the write rounds. Paused or back-pressured: resume() or the drain flushes instead. */
  flushPending(): void {
    this.inRound = false;
    if (!this.paused && !this.waitingForDrain) this.flush();
  }

  protected override released(): void {
    this.heartbeat?.delete(this);
    super.released();
  }
}
