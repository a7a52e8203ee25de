import { createConnection } from '../../core/index';
import { idleSnapshot } from '../../core/connection/idleSnapshot';
import type { Backoff, Connection, ConnectionOptions, HeadersInput } from '../../core/index';

export interface LazyConnection extends Connection {
  /** The options this connection was created with: what sameConnectionOptions compares against. */
  readonly options: ConnectionOptions;
  /** Hands over the latest render's options, whose `headers`/`backoff` functions are called from then on. */
  update(options: ConnectionOptions): void;
}

export interface LazyConnectionHooks {
  /** The subscriber count went from 0 to 1. */
  onActive?: () => void;
  /** The subscriber count went back to 0. */
  onIdle?: () => void;
}

/**
 * A Connection that calls the core's createConnection only on first use by an effect (subscribe,
 * on, close, reconnect). Rendering (including SSR and renders React throws away) therefore never
 * creates a core connection, let alone a socket; until then snapshots are a fixed `idle` one.
 */
export function createLazyConnection(url: string, options: ConnectionOptions, hooks: LazyConnectionHooks = {}): LazyConnection {
  let latest = options;
  let real: Connection | null = null;
  let users = 0;
  const initial = idleSnapshot(options.lastEventId);

  function ensure(): Connection {
    if (real) return real;
    const resolved: ConnectionOptions = { ...options };
    const { headers, backoff } = options;
    if (typeof headers === 'function') {
      resolved.headers = (): HeadersInput | Promise<HeadersInput> => {
        const current = latest.headers ?? headers;
        return typeof current === 'function' ? current() : current;
      };
    }
    if (backoff) {
      const callLatest: Backoff = (attempt, error, context) => (latest.backoff ?? backoff)(attempt, error, context);
      resolved.backoff = callLatest;
    }
    real = createConnection(url, resolved);
    return real;
  }

  function counted(unsubscribe: () => void): () => void {
    if (users++ === 0) hooks.onActive?.();
    let done = false;
    return () => {
      if (done) return;
      done = true;
      unsubscribe();
      if (--users === 0) hooks.onIdle?.();
    };
  }

  return {
    url,
    options,
    update(next) {
      latest = next;
    },
    subscribe: (listener) => counted(ensure().subscribe(listener)),
    on: (eventName, listener) => counted(ensure().on(eventName, listener)),
    // Not counted: a reset listener alone keeps no connection open.
    onReset: (listener) => ensure().onReset(listener),
    getSnapshot: () => (real ? real.getSnapshot() : initial),
    // Always the fixed one: hydration must see exactly what the server rendered.
    getServerSnapshot: () => initial,
    close: () => ensure().close(),
    reconnect: () => ensure().reconnect(),
  };
}
