import type { CloseReason } from './SSESink';

/** Told why the sink closed, and which sink: one listener can serve many sinks (the channel's does). */
type CloseListener<Sink> = (reason: CloseReason, sink: Sink) => void;

/**
 * The part of a sink that is about its life, not its bytes: open until it closes, once, with a
 * reason; the close listeners run then, and so do the producers waiting in `drain()`. The byte path
 * (`StreamSink`) extends it rather than holding it, so a write reads its state off one object.
 */
export abstract class SinkLifecycle {
  protected reason: CloseReason | null = null;
  // The channel registers one listener per sink; a Set only when there are more.
  private listeners: CloseListener<SinkLifecycle> | Set<CloseListener<SinkLifecycle>> | null = null;
  // One promise shared by every drain() caller until the sink can take more.
  private drained: { promise: Promise<void>; resolve: () => void } | null = null;

  get closed(): boolean {
    return this.reason !== null;
  }

  get closeReason(): CloseReason | null {
    return this.reason;
  }

  onClose(listener: CloseListener<this>): () => void {
    if (this.reason) {
      listener(this.reason, this);
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

  /** Marks the sink closed and tells everyone once; the transport is the caller's business. */
  end(reason: CloseReason): void {
    if (this.reason) return;
    this.reason = reason;
    this.released();
    this.settleDrain();
    const listeners = this.listeners;
    this.listeners = null;
    if (typeof listeners === 'function') listeners(reason, this);
    else if (listeners) for (const listener of listeners) listener(reason, this);
  }

  /** What the closing sink lets go of (its queue, its heartbeat, the transport), before anyone is told. */
  protected abstract released(): void;

  /** The promise `drain()` hands out while the sink cannot take more. */
  protected whenDrained(): Promise<void> {
    if (this.drained === null) {
      let resolve!: () => void;
      const promise = new Promise<void>((done) => (resolve = done));
      this.drained = { promise, resolve };
    }
    return this.drained.promise;
  }

  protected get drainAwaited(): boolean {
    return this.drained !== null;
  }

  protected settleDrain(): void {
    const drained = this.drained;
    this.drained = null;
    drained?.resolve();
  }
}
