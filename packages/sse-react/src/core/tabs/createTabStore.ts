import { createDuplicateFilter } from '../connection/createDuplicateFilter';
import { createSnapshotStore } from '../connection/createSnapshotStore';
import { createSubscribers, type SubscriberHooks, type Subscribers } from '../connection/createSubscribers';
import { idleSnapshot } from '../connection/idleSnapshot';
import type { SSEReset } from '../protocol/resetSignal';
import type { ConnectionSnapshot, SSEMessage } from '../types';

/**
 * What a tab-shared connection shows its own listeners, whichever role the tab plays: the
 * snapshot, the subscribers, the reset listeners, and the duplicate filter every delivery passes.
 */
export interface TabStore {
  readonly subscribers: Subscribers;
  readonly serverSnapshot: ConnectionSnapshot;
  get(): ConnectionSnapshot;
  /** Publishes the patch when a field really changed (createSnapshotStore's rule). */
  set(patch: Partial<ConnectionSnapshot>): void;
  onReset(listener: (reset: SSEReset) => void): () => void;
  /** The last id delivered here: where the next leader resumes. */
  readonly resumeId: string;
  /** A new stream starts (this tab's own, or a new leader's): its first events may overlap what came before. */
  startAttempt(): void;
  /** The leader delivers from its connection, followers from the channel. */
  deliver(message: SSEMessage): void;
  /** The stream was reset and resumes from `position`. */
  reset(reset: SSEReset, position: string): void;
  /** The event names this tab's listeners want. */
  localNames(): string[];
}

export function createTabStore(lastEventId: string | undefined, hooks: SubscriberHooks, tap: (message: SSEMessage) => void): TabStore {
  const serverSnapshot = idleSnapshot(lastEventId);
  const subscribers = createSubscribers(hooks);
  const duplicates = createDuplicateFilter();
  const snapshot = createSnapshotStore(serverSnapshot, () => subscribers.notify());
  /** `tabs` is rebuilt on every peer message: an equal one keeps the published object, so nothing is notified. */
  const set = (patch: Partial<ConnectionSnapshot>): void => {
    const { tabs } = patch;
    const current = snapshot.get().tabs;
    const sameTabs = tabs !== undefined && current !== undefined && tabs.role === current.role && tabs.count === current.count;
    snapshot.set(sameTabs ? { ...patch, tabs: current } : patch);
  };
  let resumeId = lastEventId ?? '';

  return {
    subscribers,
    serverSnapshot,
    get: snapshot.get,
    set,
    // The connection's own reset listener set: one copy of "call each, report a throw".
    onReset: subscribers.onReset,
    get resumeId() {
      return resumeId;
    },
    startAttempt: () => duplicates.startAttempt(),
    deliver(message) {
      if (!duplicates.accept(message.lastEventId)) return;
      resumeId = message.lastEventId;
      set({ lastEventId: message.lastEventId });
      tap(message);
      subscribers.deliver(message.type, message);
    },
    reset(reset, position) {
      duplicates.clear();
      resumeId = position;
      set({ lastEventId: position, resets: snapshot.get().resets + 1, lastReset: reset });
      subscribers.announceReset(reset);
    },
    localNames: () => [...subscribers.names()],
  };
}
