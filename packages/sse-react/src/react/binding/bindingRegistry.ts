import type { Connection, SSEError, SSEMessage } from '../../core/index';
import type { Parse, SSEStatusWithIdSnapshot } from '../hookTypes';
import type { LazyConnection } from '../provider/createLazyConnection';

/**
 * One feed per (connection, event name): a single `connection.on(name)` however many components
 * listen, and the latest message, so a component mounting late starts from the current value
 * instead of waiting for the next event. ("Feed", not "channel": that word is taken by the server's
 * createChannel and the tabs' BroadcastChannel.)
 */
export interface EventFeed {
  readonly name: string;
  /** The latest message of this name seen while someone listened. */
  readonly latest: SSEMessage | undefined;
  /** Arrival order of `latest` across the connection's feeds, so a hook listening to several names knows which came last. */
  readonly sequence: number;
  subscribe(listener: (message: SSEMessage) => void): () => void;
}

export type ParseResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: SSEError };

/** Which status snapshot a hook reads (with or without `lastEventId`), on the client or the server. */
export type StatusSnapshotKey = `${'client' | 'server'}:${'status' | 'withId'}`;

/**
 * Everything the React layer keeps about one connection. Hooks and components are many per
 * connection; this record is one, so it is where they meet.
 */
export interface ConnectionBinding {
  /** One event feed per event name: a single `connection.on(name)` however many components listen. */
  readonly feeds: Map<string, EventFeed>;
  /** Arrival order of messages across this connection's feeds (see EventFeed.sequence). */
  arrivals: number;
  /**
   * The latest parse failure on this connection, read by useSSEStatus (`parseError`). Cleared when
   * an event of the same name parses again, so it says "this stream is sending bad data now".
   */
  parseError: SSEError | null;
  readonly parseErrorListeners: Set<() => void>;
  /** The last snapshot handed out per key, so an unchanged one keeps its identity (see useStatusSnapshot). */
  readonly statusSnapshots: { [key in StatusSnapshotKey]?: SSEStatusWithIdSnapshot };
}

// registry: the React layer's module-level state, in one place. `bindings` holds each connection's
// record (a WeakMap: a connection nobody references takes its record with it); `shared` holds the
// connections that hooks given a `url` share without a provider, by url (see acquireSharedConnection);
// `parsed` caches parse results per (parse function, message), since the core hands the same message
// object to every listener of a name, so each event is parsed once however many components read it.
export const bindingRegistry = {
  bindings: new WeakMap<Connection, ConnectionBinding>(),
  shared: new Map<string, LazyConnection[]>(),
  parsed: new WeakMap<Parse<unknown>, WeakMap<SSEMessage, ParseResult>>(),
};

/** The connection's record, made on first use. */
export function bindingOf(connection: Connection): ConnectionBinding {
  let binding = bindingRegistry.bindings.get(connection);
  if (!binding) {
    binding = { feeds: new Map(), arrivals: 0, parseError: null, parseErrorListeners: new Set(), statusSnapshots: {} };
    bindingRegistry.bindings.set(connection, binding);
  }
  return binding;
}
