import type { ConnectionSnapshot } from '../types';

/**
 * The one holder of a connection's snapshot (the local connection and the tab-shared one both use
 * it): an immutable object replaced only on a real change, as useSyncExternalStore wants, so a
 * patch that changes nothing neither allocates a snapshot nor notifies anyone.
 */
export interface SnapshotStore {
  get(): ConnectionSnapshot;
  /** Applies `patch`; replaces the snapshot and calls `onChange` only when a patched field really differs. */
  set(patch: Partial<ConnectionSnapshot>): void;
}

/**
 * The equality rule: every field by Object.is. (`tabs`, rebuilt on every peer message, is made
 * identical by the tab store when equal, so its value rule stays behind the tab-sharing import.)
 */
function isUnchanged(snapshot: ConnectionSnapshot, patch: Partial<ConnectionSnapshot>): boolean {
  // for…in rather than Object.keys: this runs for every event (its lastEventId) and allocates nothing.
  for (const key in patch) {
    const field = key as keyof ConnectionSnapshot;
    if (!Object.is(patch[field], snapshot[field])) return false;
  }
  return true;
}

export function createSnapshotStore(initial: ConnectionSnapshot, onChange: () => void): SnapshotStore {
  let snapshot = initial;
  return {
    get: () => snapshot,
    set(patch) {
      if (isUnchanged(snapshot, patch)) return;
      snapshot = Object.freeze({ ...snapshot, ...patch });
      onChange();
    },
  };
}
