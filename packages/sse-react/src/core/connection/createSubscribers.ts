import { reportError } from '../runtime/reportError';
import type { SSEReset } from '../protocol/resetSignal';
import type { SSEMessage } from '../types';

type Listener = (message: SSEMessage) => void;

export interface SubscriberHooks {
  /** A status or event subscriber arrived (the connection opens on the first). */
  onAdd(): void;
  /** One left (the connection closes, after its delay, on the last). */
  onRemove(): void;
  /** The first listener of an event name arrived, before `onAdd`: listen for that name upstream. */
  onNameAdded?(name: string): void;
  /** The last listener of an event name left, before `onRemove`: stop listening upstream. */
  onNameRemoved?(name: string): void;
}

/**
 * The subscriber bookkeeping every Connection needs, written once: status listeners, one listener
 * set per event name, the count that drives ref-counted open/close, and delivery that keeps going
 * when a listener throws. TanStack Query's `Subscribable` plays the same part.
 */
export interface Subscribers {
  /** Status and event subscribers together. */
  readonly size: number;
  names(): IterableIterator<string>;
  hasListeners(name: string): boolean;
  /** Whether any status subscriber is listening (something to notify when the snapshot changes). */
  hasStatusListeners(): boolean;
  subscribe(listener: () => void): () => void;
  on(name: string, listener: Listener): () => void;
  /** Tells every status subscriber the snapshot changed. */
  notify(): void;
  /** Hands the same message object to every listener of its name, so consumers can parse once. */
  deliver(name: string, message: SSEMessage): void;
  /** A reset-signal listener; it does not count towards `size` (it opens nothing). */
  onReset(listener: (reset: SSEReset) => void): () => void;
  /** Calls every reset listener, each guarded like the others. */
  announceReset(reset: SSEReset): void;
  /** Listener counts, for devtools. */
  counts(): { subscribers: Record<string, number>; statusSubscribers: number };
}

// One argument, not a rest parameter: no arguments array per call on the per-event path.
function callEach<T>(listeners: ReadonlySet<(arg: T) => void>, arg: T): void {
  // Iterated live, not copied (this runs for every event): a Set skips an entry deleted meanwhile,
  // and one added meanwhile (subscribed during this call) is called too.
  for (const listener of listeners) {
    try {
      listener(arg);
    } catch (error) {
      reportError(error);
    }
  }
}

export function createSubscribers(hooks: SubscriberHooks): Subscribers {
  const statusListeners = new Set<() => void>();
  const eventListeners = new Map<string, Set<Listener>>();
  const resetListeners = new Set<(reset: SSEReset) => void>();
  let eventListenerCount = 0;

  /** Adds an entry and returns its idempotent removal. */
  function track(add: () => void, remove: () => void): () => void {
    add();
    hooks.onAdd();
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      remove();
      hooks.onRemove();
    };
  }

  return {
    get size() {
      return statusListeners.size + eventListenerCount;
    },
    names: () => eventListeners.keys(),
    hasListeners: (name) => eventListeners.has(name),
    hasStatusListeners: () => statusListeners.size > 0,
    subscribe(listener) {
      // Wrapped, so the same function subscribed twice (two hooks sharing a callback) counts twice.
      const entry = () => listener();
      return track(
        () => statusListeners.add(entry),
        () => statusListeners.delete(entry),
      );
    },
    on(name, listener) {
      const entry: Listener = (message) => listener(message);
      let listeners: Set<Listener> | undefined;
      return track(
        () => {
          listeners = eventListeners.get(name);
          const isNewName = listeners === undefined;
          if (listeners === undefined) eventListeners.set(name, (listeners = new Set()));
          listeners.add(entry);
          eventListenerCount += 1;
          if (isNewName) hooks.onNameAdded?.(name);
        },
        () => {
          if (listeners === undefined) return;
          listeners.delete(entry);
          eventListenerCount -= 1;
          if (listeners.size === 0 && eventListeners.get(name) === listeners) {
            eventListeners.delete(name);
            hooks.onNameRemoved?.(name);
          }
        },
      );
    },
    notify: () => callEach(statusListeners, undefined),
    deliver(name, message) {
      const listeners = eventListeners.get(name);
      if (listeners !== undefined) callEach(listeners, message);
    },
    onReset(listener) {
      resetListeners.add(listener);
      return () => {
        resetListeners.delete(listener);
      };
    },
    announceReset: (reset) => callEach(resetListeners, reset),
    counts: () => ({
      subscribers: Object.fromEntries([...eventListeners].map(([name, listeners]) => [name, listeners.size])),
      statusSubscribers: statusListeners.size,
    }),
  };
}
