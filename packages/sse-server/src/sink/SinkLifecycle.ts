import { sinkRegistry } from './sinkRegistry';
import type { CloseReason } from './SSESink';

/** Told why the sink closed, and which sink: one listener can serve many sinks (the channel's does). */
type CloseListener<Sink> = (reason: CloseReason, sink: Sink) => void;

/** The yes/no states of a sink's layers: the low bits of its `flags`. */
export const SinkFlag = { waitingForDrain: 1, paused: 2, inRound: 4, drainAwaited: 8 } as const;
/** The close reason is kept above them, as its index here (0: open). */
const REASONS: readonly (CloseReason | null)[] = [null, 'client', 'server', 'slow', 'aborted'];
const REASON_SHIFT = 4;

/**
 * The part of a sink that is about its life, not its bytes: open until it closes, once, with a
 * reason; the close listeners run then, and so do the producers waiting in `drain()`. The byte path
 * (`StreamSink`) extends it rather than holding it, so a write reads its state off one object.
 */
export abstract class SinkLifecycle {
  // The channel registers one listener per sink; a Set only when there are more.
  private listeners: CloseListener<SinkLifecycle> | Set<CloseListener<SinkLifecycle>> | null = null;
  // The SinkFlag states and the close reason, as bits of one field rather than four: an open
  // stream lives for hours, and each field costs 8 bytes on every one.
  private flags = 0;

  get closed(): boolean {
    return this.flags >= 1 << REASON_SHIFT;
  }

  /** Why the sink closed; null while open. */
  get closeReason(): CloseReason | null {
    return REASONS[this.flags >>> REASON_SHIFT] ?? null;
  }

  onClose(listener: CloseListener<this>): () => void {
    const reason = this.closeReason;
    if (reason) {
      listener(reason, this);
      return () => {};
    }
    // Kept as a listener of any sink: it is only ever called with this one.
    const kept = listener as CloseListener<SinkLifecycle>;
    if (this.listeners === null) this.listeners = kept;
    else if (this.listeners instanceof Set) this.listeners.add(kept);
    else this.listeners = new Set([this.listeners, kept]);
    return () => {
      if (this.listeners === kept) this.listeners = null;
      else if (this.listeners instanceof Set) this.listeners.delete(kept);
    };
  }

  protected hasFlag(flag: number): boolean {
    return (this.flags & flag) !== 0;
  }

  protected setFlag(flag: number, on: boolean): void {
    this.flags = on ? this.flags | flag : this.flags & ~flag;
  }

  /** Marks the sink closed and tells everyone once; the transport is the caller's business. */
  end(reason: CloseReason): void {
    if (this.closed) return;
    this.flags |= REASONS.indexOf(reason) << REASON_SHIFT;
    this.released();
    this.settleDrain();
    const listeners = this.listeners;
    this.listeners = null;
    if (typeof listeners === 'function') listeners(reason, this);
    else if (listeners) for (const listener of listeners) listener(reason, this);
  }

  /** What the closing sink lets go of (its queue, its heartbeat, the transport), before anyone is told. */
  protected abstract released(): void;

  /**
   * The promise `drain()` hands out while the sink cannot take more: one, shared by every caller.
   * It is kept in the registry, not on the sink: few sinks ever have a producer waiting.
   */
  protected whenDrained(): Promise<void> {
    let drained = sinkRegistry.drains.get(this);
    if (drained === undefined) {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => (resolve = done));
      drained = { promise, resolve };
      sinkRegistry.drains.set(this, drained);
      this.setFlag(SinkFlag.drainAwaited, true);
    }
    return drained.promise;
  }

  protected get drainAwaited(): boolean {
    return this.hasFlag(SinkFlag.drainAwaited);
  }

  protected settleDrain(): void {
    if (!this.drainAwaited) return;
    const drained = sinkRegistry.drains.get(this);
    sinkRegistry.drains.delete(this);
    this.setFlag(SinkFlag.drainAwaited, false);
    drained?.resolve();
  }
}
