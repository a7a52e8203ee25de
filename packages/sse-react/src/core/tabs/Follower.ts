import type { Role, TabContext } from './Role';
import { fromWireError, sameWireError, type LeaderMessage, type WireStatus } from './tabMessages';
import { TAB_HIDDEN_LEADER_TIMEOUT_MS, TAB_LEADER_TIMEOUT_MS } from './tabTiming';

/**
 * A tab queued for the stream's lock: it delivers what the leader relays, and watches the
 * leader's beats so that a leader gone silent (hung, or frozen without warning) is replaced.
 */
export class Follower implements Role {
  readonly name = 'follower';
  readonly #context: TabContext;
  /** When the leader was last heard from. */
  #lastHeard: number;

  constructor(context: TabContext) {
    this.#context = context;
    this.#lastHeard = context.env.now();
  }

  /** Only the leader listens upstream. */
  wantedNamesChanged(): void {}

  greet(): void {}

  tick(now: number): void {
    const timeout = this.#context.leaderHidden ? TAB_HIDDEN_LEADER_TIMEOUT_MS : TAB_LEADER_TIMEOUT_MS;
    if (now - this.#lastHeard > timeout) this.#context.election.seize();
  }

  woke(now: number): void {
    this.#lastHeard = now;
  }

  hear(message: LeaderMessage): void {
    this.#lastHeard = this.#context.env.now();
    switch (message.t) {
      case 'beat':
        this.#context.leaderHidden = message.hidden;
        return;
      case 'status':
        this.#applyStatus(message.status);
        return;
      case 'event':
        this.#context.store.deliver(message.message);
        return;
      case 'reset':
        this.#context.store.reset(message.reset, message.lastEventId);
        return;
    }
  }

  outranked(): void {}

  /**
   * A frozen follower stays queued: were it granted the lock while frozen, it would never beat,
   * and another tab would steal after TAB_LEADER_TIMEOUT_MS.
   */
  frozen(): void {}

  /** The leader runs it. */
  reconnect(): void {
    this.#context.post({ t: 'reconnect', from: this.#context.tabId });
  }

  reconnectAsked(): void {}

  transport(): null {
    return null;
  }

  stop(): void {}

  #applyStatus(wire: WireStatus): void {
    const { store } = this.#context;
    const snapshot = store.get();
    const previous = this.#context.lastWire;
    this.#context.lastWire = wire;
    // The same error again keeps its object, so the snapshot does not change for nothing.
    const error =
      previous !== null && sameWireError(previous.error, wire.error) && snapshot.error !== null
        ? snapshot.error
        : wire.error === null
          ? null
          : fromWireError(wire.error);
    store.set({
      status: wire.status,
      error,
      retryCount: wire.retryCount,
      nextRetryAt: wire.nextRetryAt,
      droppedDuplicates: wire.droppedDuplicates ?? snapshot.droppedDuplicates,
      heartbeatMs: wire.heartbeatMs ?? null,
    });
  }
}
