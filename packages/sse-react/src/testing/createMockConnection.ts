import type { Connection, ConnectionSnapshot, ConnectionStatus, SSEError, SSEMessage, SSEReset, SSEResetReason } from '../core/index';
import { idleSnapshot } from '../core/connection/idleSnapshot';

export interface MockEmitOptions {
  /** Sets the event id; like a real stream, it stays in effect for later events. */
  id?: string;
}

/**
 * A Connection you drive from a test: everything is synchronous, nothing touches the network.
 * Pass it to `<SSEProvider connection={mock}>`, then `act(() => mock.emit('price', { usd: 3 }))`.
 */
export interface MockConnection extends Connection {
  /** Dispatches one event to the listeners of `name`. Non-string data is JSON.stringify'd. */
  emit(name: string, data: unknown, options?: MockEmitOptions): SSEMessage;
  /**
   * Simulates a server reset (`sse:reset`): counts it in the snapshot, moves `lastEventId` to `id`
   * (default '') and calls the reset listeners (useSSEReset, onReset), as the real connection does.
   */
  emitReset(reason?: SSEResetReason, options?: MockEmitOptions): SSEReset;
  /** Replaces fields of the status snapshot (a new object, as the real store does). */
  setSnapshot(patch: Partial<ConnectionSnapshot>): void;
  setStatus(status: ConnectionStatus, patch?: Partial<ConnectionSnapshot>): void;
  /** Puts the connection in `reconnecting` (or `status`) with this error, as a failed attempt would. */
  fail(error: SSEError, patch?: Partial<ConnectionSnapshot>): void;
  /** Event listeners for `name`, or for all names together. */
  listenerCount(name?: string): number;
  /** Names with at least one listener, sorted. */
  subscribedNames(): string[];
  /** Status subscribers (useSSEStatus, useEventSource, ConnectionStatus). */
  statusListenerCount(): number;
  /** Times `close()` and `reconnect()` were called. */
  readonly calls: { readonly close: number; readonly reconnect: number };
}

export interface MockConnectionOptions {
  url?: string;
  /** The initial snapshot; default `idle`. */
  snapshot?: Partial<ConnectionSnapshot>;
  origin?: string;
}

const idle = idleSnapshot('');

export function createMockConnection(options: MockConnectionOptions = {}): MockConnection {
  const { url = 'mock://sse', origin = 'mock://sse' } = options;
  const initial: ConnectionSnapshot = Object.freeze({ ...idle, ...options.snapshot });
  let snapshot = initial;
  const statusListeners = new Set<() => void>();
  const eventListeners = new Map<string, Set<(message: SSEMessage) => void>>();
  const resetListeners = new Set<(reset: SSEReset) => void>();
  const calls = { close: 0, reconnect: 0 };

  function setSnapshot(patch: Partial<ConnectionSnapshot>): void {
    const next = { ...snapshot, ...patch };
    const keys = Object.keys(next) as (keyof ConnectionSnapshot)[];
    if (keys.every((key) => Object.is(next[key], snapshot[key]))) return;
    snapshot = Object.freeze(next);
    for (const listener of [...statusListeners]) listener();
  }

  return {
    url,
    calls,
    subscribe(listener) {
      // Wrapped so one function subscribed twice counts twice, like distinct components.
      const entry = () => listener();
      statusListeners.add(entry);
      return () => void statusListeners.delete(entry);
    },
    getSnapshot: () => snapshot,
    getServerSnapshot: () => initial,
    on(name, listener) {
      const entry = (message: SSEMessage) => listener(message);
      let set = eventListeners.get(name);
      if (!set) eventListeners.set(name, (set = new Set()));
      set.add(entry);
      return () => {
        set.delete(entry);
        if (set.size === 0 && eventListeners.get(name) === set) eventListeners.delete(name);
      };
    },
    onReset(listener) {
      const entry = (reset: SSEReset) => listener(reset);
      resetListeners.add(entry);
      return () => void resetListeners.delete(entry);
    },
    emitReset(reason = 'unknown-id', emitOptions = {}) {
      const reset: SSEReset = Object.freeze({ reason, lastEventId: snapshot.lastEventId, message: '', at: Date.now() });
      setSnapshot({ lastEventId: emitOptions.id ?? '', resets: snapshot.resets + 1, lastReset: reset });
      for (const listener of [...resetListeners]) listener(reset);
      return reset;
    },
    close() {
      calls.close++;
      setSnapshot({ status: 'closed', nextRetryAt: null });
    },
    reconnect() {
      calls.reconnect++;
      setSnapshot({ status: 'connecting', retryCount: 0, nextRetryAt: null });
    },
    emit(name, data, emitOptions = {}) {
      if (emitOptions.id !== undefined) setSnapshot({ lastEventId: emitOptions.id });
      const message: SSEMessage = Object.freeze({
        type: name,
        data: typeof data === 'string' ? data : JSON.stringify(data),
        lastEventId: snapshot.lastEventId,
        origin,
      });
      // One message object for every listener, as the real connection does.
      for (const listener of [...(eventListeners.get(name) ?? [])]) listener(message);
      return message;
    },
    setSnapshot,
    setStatus: (status, patch) => setSnapshot({ ...patch, status }),
    fail: (error, patch) => setSnapshot({ status: 'reconnecting', retryCount: snapshot.retryCount + 1, ...patch, error }),
    listenerCount: (name) =>
      name === undefined
        ? [...eventListeners.values()].reduce((sum, set) => sum + set.size, 0)
        : (eventListeners.get(name)?.size ?? 0),
    subscribedNames: () => [...eventListeners.keys()].sort(),
    statusListenerCount: () => statusListeners.size,
  };
}
