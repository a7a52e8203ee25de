import type { Role, TabContext } from './Role';
import { fromWireError, sameWireError, type WireStatus } from './tabMessages';
import { TAB_HIDDEN_LEADER_TIMEOUT_MS, TAB_LEADER_TIMEOUT_MS } from './tabTiming';

const nothing = (): void => {};

/**
 * The Follower: a tab queued for the stream's lock. It delivers what the leader relays, and
 * watches the leader's beats so that a leader gone silent (hung, or frozen without warning) is replaced.
 */
export function createFollower(context: TabContext): Role {
  /** When the leader was last heard from. */
  let lastHeard = context.env.now();

  function applyStatus(wire: WireStatus): void {
    const { store } = context;
    const snapshot = store.get();
    const previous = context.lastWire;
    context.lastWire = wire;
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

  return {
    name: 'follower',
    // Only the leader listens upstream, and greets newcomers.
    wantedNamesChanged: nothing,
    greet: nothing,
    tick(now) {
      const timeout = context.leaderHidden ? TAB_HIDDEN_LEADER_TIMEOUT_MS : TAB_LEADER_TIMEOUT_MS;
      if (now - lastHeard > timeout) context.election.seize();
    },
    woke(now) {
      lastHeard = now;
    },
    hear(message) {
      lastHeard = context.env.now();
      switch (message.t) {
        case 'beat':
          context.leaderHidden = message.hidden;
          return;
        case 'status':
          applyStatus(message.status);
          return;
        case 'event':
          context.store.deliver(message.message);
          return;
        case 'reset':
          context.store.reset(message.reset, message.lastEventId);
          return;
      }
    },
    outranked: nothing,
    // A frozen follower stays queued: were it granted the lock while frozen, it would never beat,
    // and another tab would steal after TAB_LEADER_TIMEOUT_MS.
    frozen: nothing,
    // The leader runs it.
    reconnect: () => context.post({ t: 'reconnect', from: context.tabId }),
    reconnectAsked: nothing,
    transport: () => null,
    stop: nothing,
  };
}
