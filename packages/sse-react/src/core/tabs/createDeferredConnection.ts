import { idleSnapshot } from '../connection/idleSnapshot';
import { reportError } from '../runtime/reportError';
import type { SSEReset } from '../protocol/resetSignal';
import type { Connection, ConnectionSnapshot, SSEMessage } from '../types';

interface StatusEntry {
  readonly listener: () => void;
  off?: () => void;
}

interface ResetEntry {
  readonly listener: (reset: SSEReset) => void;
  off?: () => void;
}

interface EventEntry {
  readonly name: string;
  readonly listener: (message: SSEMessage) => void;
  off?: () => void;
}

/**
 * A Connection whose implementation loads on first use (a code-split chunk): subscriptions made
 * meanwhile are replayed onto it, and until then the status reads `connecting`. This keeps code
 * that only some apps use (tab sharing) out of everyone's main bundle.
 */
export function createDeferredConnection(url: string, lastEventId: string, load: () => Promise<Connection>): Connection {
  const idle = idleSnapshot(lastEventId);
  const connecting: ConnectionSnapshot = Object.freeze({ ...idle, status: 'connecting' });
  let real: Connection | null = null;
  let started = false;
  let pending: 'close' | 'reconnect' | null = null;
  const statusEntries = new Set<StatusEntry>();
  const eventEntries = new Set<EventEntry>();
  const resetEntries = new Set<ResetEntry>();

  function start(): void {
    if (started) return;
    started = true;
    load().then(
      (connection) => {
        real = connection;
        for (const entry of statusEntries) entry.off = connection.subscribe(entry.listener);
        for (const entry of eventEntries) entry.off = connection.on(entry.name, entry.listener);
        for (const entry of resetEntries) entry.off = connection.onReset(entry.listener);
        if (pending === 'close') connection.close();
        else if (pending === 'reconnect') connection.reconnect();
        // The snapshot changed from the placeholder to the real one.
        for (const entry of [...statusEntries]) entry.listener();
      },
      (error: unknown) => reportError(error),
    );
  }

  function track<T extends { off?: () => void }>(set: Set<T>, entry: T, opens = true): () => void {
    set.add(entry);
    if (opens) start();
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      set.delete(entry);
      entry.off?.();
    };
  }

  return {
    url,
    subscribe(listener) {
      if (real !== null) return real.subscribe(listener);
      return track(statusEntries, { listener });
    },
    getSnapshot: () => real?.getSnapshot() ?? (started && pending !== 'close' ? connecting : idle),
    getServerSnapshot: () => idle,
    on(name, listener) {
      if (real !== null) return real.on(name, listener);
      return track(eventEntries, { name, listener });
    },
    onReset(listener) {
      if (real !== null) return real.onReset(listener);
      // A reset listener alone does not load (or open) anything.
      return track(resetEntries, { listener }, false);
    },
    close() {
      if (real !== null) real.close();
      else pending = 'close';
    },
    reconnect() {
      if (real !== null) real.reconnect();
      else pending = 'reconnect';
    },
  };
}
