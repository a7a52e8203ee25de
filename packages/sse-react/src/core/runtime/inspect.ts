import { reportError } from './reportError';
import type { Connection, ConnectionSnapshot, SSEMessage, TabRole } from '../types';

/** What a connection tells an inspector (devtools) about itself, beyond its public snapshot. */
export interface ConnectionInternals {
  /** The transport of the current attempt; null while none is open (or in a follower tab). */
  readonly transport: 'native' | 'fetch' | null;
  /** Listeners per event name. */
  readonly subscribers: Readonly<Record<string, number>>;
  /** Status subscribers (hooks reading status, ConnectionStatus, …). */
  readonly statusSubscribers: number;
  readonly role: TabRole;
}

export interface ConnectionInspection extends ConnectionInternals {
  readonly url: string;
  readonly snapshot: ConnectionSnapshot;
}

type Describe = () => ConnectionInternals;
export type InspectedEventListener = (connection: Connection, message: SSEMessage) => void;

interface Registry {
  active: Map<Connection, Describe>;
  describers: WeakMap<Connection, Describe>;
  hidden: WeakSet<Connection>;
  connectionListeners: Set<() => void>;
  eventListeners: Set<InspectedEventListener>;
}

// registry: the core's inspection state (connections, listeners). Connections register while
// they are active (opened by a subscriber) and leave on teardown, so it holds nothing an app has
// let go of, and a panel opened late still sees them all. Kept on globalThis: a page that ends up
// with two copies of the package (a bundler resolving it twice) still shows one devtools panel
// every connection.
const registry = ((globalThis as { [key: symbol]: Registry | undefined })[Symbol.for('@kit/sse-react inspect')] ??= {
  active: new Map(),
  describers: new WeakMap(),
  hidden: new WeakSet(),
  connectionListeners: new Set(),
  eventListeners: new Set(),
});
const { active, describers, hidden, connectionListeners, eventListeners } = registry;

function notify(): void {
  for (const listener of [...connectionListeners]) {
    try {
      listener();
    } catch (error) {
      reportError(error);
    }
  }
}

/** Core side: a connection says how to describe itself and whether it is active now. */
export function trackConnection(connection: Connection, describe: Describe, isActive: boolean): void {
  describers.set(connection, describe);
  if (hidden.has(connection) || active.has(connection) === isActive) return;
  if (isActive) active.set(connection, describe);
  else active.delete(connection);
  notify();
}

/** Core side: a wrapper (the tab-shared connection) lists itself instead of its inner connection. */
export function hideFromInspection(connection: Connection): void {
  hidden.add(connection);
  if (active.delete(connection)) notify();
}

/** Core side: an event was dispatched to this connection's listeners. Costs a size check when no one taps. */
export function tapEvent(connection: Connection, message: SSEMessage): void {
  // A hidden (inner) connection's events are tapped once, through the connection that wraps it.
  if (eventListeners.size === 0 || hidden.has(connection)) return;
  for (const listener of [...eventListeners]) {
    try {
      listener(connection, message);
    } catch (error) {
      reportError(error);
    }
  }
}

/** Calls `listener` whenever a connection becomes active or inactive. */
export function subscribeToConnections(listener: () => void): () => void {
  const entry = () => listener();
  connectionListeners.add(entry);
  return () => connectionListeners.delete(entry);
}

/** The connections that have subscribers now (or are in their close delay). */
export function listConnections(): Connection[] {
  return [...active.keys()];
}

/** A fresh description of `connection`, or undefined for one that never registered (a mock). */
export function inspectConnection(connection: Connection): ConnectionInspection | undefined {
  const describe = describers.get(connection);
  if (describe === undefined) return undefined;
  return { url: connection.url, snapshot: connection.getSnapshot(), ...describe() };
}

/** Every event any registered connection dispatches, from now on. */
export function subscribeToEvents(listener: InspectedEventListener): () => void {
  const entry: InspectedEventListener = (connection, message) => listener(connection, message);
  eventListeners.add(entry);
  return () => eventListeners.delete(entry);
}
