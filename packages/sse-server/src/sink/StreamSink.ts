import { formatComment } from '../format/formatComment';
import type { Frame } from './frames';
import { QueuedSink } from './QueuedSink';
import { SinkFlag } from './SinkLifecycle';
import { policyFor, type SinkPolicy } from './sinkRegistry';
import type { SSESink } from './SSESink';
import type { StreamSettings } from './streamOptions';
import { MAX_CHUNK_BYTES } from './takeChunk';

/**
 * One client's stream, whatever the transport. States: open (writing through, or queueing for the
 * next write round, or waiting for the transport to drain, or paused), then closed once with a
 * reason. The layers: `SinkLifecycle` (closing once, its listeners, the drain promise),
 * `QueuedSink` (the queue, back-pressure, pause, the slow-client bound), and here the live write
 * path with coalescing and the heartbeat; below it, the transport's adapter. Classes, so the
 * methods live once on the prototypes instead of as closures on every sink.
 */
export abstract class StreamSink extends QueuedSink implements SSESink {
  // The bound, write rounds and heartbeat group, shared by every sink opened with the same options.
  private readonly policy: SinkPolicy;

  /**
   * From the checked options. `coalesce`: whether frames wait for the write rounds (node only; a
   * fetch reader that falls behind already gets queued frames in one chunk).
   */
  constructor(settings: StreamSettings, coalesce: boolean) {
    super();
    this.policy = policyFor(settings, coalesce);
    this.policy.heartbeat?.add(this);
  }

  get maxQueueBytes(): number {
    return this.policy.maxQueueBytes;
  }

  /** Whether this sink waits in the write rounds. */
  private get inRound(): boolean {
    return this.hasFlag(SinkFlag.inRound);
  }

  private set inRound(on: boolean) {
    this.setFlag(SinkFlag.inRound, on);
  }

  write(frame: Frame): boolean {
    if (this.closed) return false;
    if (this.isPaused || this.waitingForDrain) return this.hold(frame);
    const { rounds } = this.policy;
    if (rounds === null && this.queue === null) {
      if (!this.send(frame)) this.waitingForDrain = true;
      return true;
    }
    this.enqueue(frame);
    // A full chunk need not wait for its round.
    if (this.queued >= MAX_CHUNK_BYTES) this.flush();
    else if (rounds !== null && !this.inRound) {
      this.inRound = true;
      rounds.add(this);
    }
    return true;
  }

  comment(text?: string): boolean {
    return this.write(formatComment(text));
  }

  /** Called by the write rounds. Paused or back-pressured: resume() or the drain flushes instead. */
  flushPending(): void {
    this.inRound = false;
    if (!this.isPaused && !this.waitingForDrain) this.flush();
  }

  protected override released(): void {
    this.policy.heartbeat?.delete(this);
    super.released();
  }
}
