import { idleSnapshot } from '../connection/idleSnapshot';
import { reportError } from '../runtime/reportError';
import type { Connection, ConnectionSnapshot } from '../types';

/**
 * A subscription made before the real connection loaded: `attach` makes it on the real one. One
 * shape for status, event and reset listeners (each kind is just a different attach), so there is
 * one set and one replay loop rather than three.
 */
interface Entry {
  readonly attach: (connection: Connection) => () => void;
  /** A status listener, told once the real snapshot replaces the placeholder. */
  readonly onLoad: (() => void) | undefined;
  off?: () => void;
}

/**
 * A Connection whose implementation loads on first use (a code-split chunk): subscriptions made
 * meanwhile are replayed onto it, in the order they were made, and until then the status reads
 * `connecting`. This keeps code that only some apps use (tab sharing) out of everyone's main bundle.
 */
export function createDeferredConnection(url: string, lastEventId: string, load: () => Promise<Connection>): Connection {
  const idle = idleSnapshot(lastEventId);
  const connecting: ConnectionSnapshot = Object.freeze({ ...idle, status: 'connecting' });
  let real: Connection | null = null;
  let started = false;
  let pending: 'close' | 'reconnect' | null = null;
  const entries = new Set<Entry>();

  function start(): void {
    if (started) return;
    started = true;
    load().then(
      (connection) => {
        real = connection;
        for (const entry of entries) entry.off = entry.attach(connection);
        if (pending === 'close') connection.close();
        else if (pending === 'reconnect') connection.reconnect();
        // The snapshot changed from the placeholder to the real one.
        for (const entry of [...entries]) entry.onLoad?.();
      },
      (error: unknown) => reportError(error),
    );
  }

  /** Records a subscription until the load; `opens` is false for a reset listener, which alone loads (or opens) nothing. */
  function track(attach: Entry['attach'], onLoad?: () => void, opens = true): () => void {
    const entry: Entry = { attach, onLoad };
    entries.add(entry);
    if (opens) start();
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      entries.delete(entry);
      entry.off?.();
    };
  }

  return {
    url,
    subscribe: (listener) => (real ? real.subscribe(listener) : track((connection) => connection.subscribe(listener), listener)),
    getSnapshot: () => real?.getSnapshot() ?? (started && pending !== 'close' ? connecting : idle),
    getServerSnapshot: () => idle,
    on: (name, listener) => (real ? real.on(name, listener) : track((connection) => connection.on(name, listener))),
    onReset: (listener) => (real ? real.onReset(listener) : track((connection) => connection.onReset(listener), undefined, false)),
    close() {
      if (real) real.close();
      else pending = 'close';
    },
    reconnect() {
      if (real) real.reconnect();
      else pending = 'reconnect';
    },
  };
}
