import { useCallback, useSyncExternalStore } from 'react';
import type { Connection, ConnectionSnapshot, SSEError } from '../core/index';
import { getParseErrorStore } from './parseErrors';

/**
 * The connection's status plus the latest parse failure, which only the React layer sees. It has
 * no `lastEventId`: that changes with every event carrying an id, and a status badge must not
 * re-render for events (read it from `useEventSource` instead).
 */
export interface SSEStatusSnapshot extends Omit<ConnectionSnapshot, 'lastEventId'> {
  /** The latest `parse` SSEError on this connection; cleared when that event name parses again. */
  readonly parseError: SSEError | null;
}

/** `SSEStatusSnapshot` with the last event id, for hooks that re-render on events anyway. */
export interface SSEStatusWithIdSnapshot extends SSEStatusSnapshot {
  readonly lastEventId: string;
}

type Variant = 'status' | 'withId';
type Which = `${'client' | 'server'}:${Variant}`;
const cacheByConnection = new WeakMap<Connection, Partial<Record<Which, SSEStatusWithIdSnapshot>>>();

function sameExceptId(previous: SSEStatusWithIdSnapshot, next: SSEStatusWithIdSnapshot): boolean {
  const keys = Object.keys(next) as Array<keyof SSEStatusWithIdSnapshot>;
  if (keys.length !== Object.keys(previous).length) return false;
  return keys.every((key) => key === 'lastEventId' || Object.is(previous[key], next[key]));
}

// Snapshots must keep their identity until something this variant shows changed, or
// useSyncExternalStore would loop (and a status badge would re-render on every event).
function combine(connection: Connection, which: Which, snapshot: ConnectionSnapshot, parseError: SSEError | null): SSEStatusWithIdSnapshot {
  let cache = cacheByConnection.get(connection);
  if (!cache) cacheByConnection.set(connection, (cache = {}));
  const previous = cache[which];
  const next = { ...snapshot, parseError };
  if (previous) {
    const unchanged = which.endsWith(':status')
      ? sameExceptId(previous, next)
      : sameExceptId(previous, next) && previous.lastEventId === next.lastEventId;
    if (unchanged) return previous;
  }
  cache[which] = next;
  return next;
}

export function useStatusSnapshot(connection: Connection, variant: 'withId'): SSEStatusWithIdSnapshot;
export function useStatusSnapshot(connection: Connection, variant?: 'status'): SSEStatusSnapshot;
export function useStatusSnapshot(connection: Connection, variant: Variant = 'status'): SSEStatusSnapshot {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const parseErrors = getParseErrorStore(connection);
      parseErrors.listeners.add(onChange);
      const off = connection.subscribe(onChange);
      return () => {
        parseErrors.listeners.delete(onChange);
        off();
      };
    },
    [connection],
  );
  const getSnapshot = useCallback(
    () => combine(connection, `client:${variant}`, connection.getSnapshot(), getParseErrorStore(connection).error),
    [connection, variant],
  );
  const getServerSnapshot = useCallback(
    () => combine(connection, `server:${variant}`, connection.getServerSnapshot(), null),
    [connection, variant],
  );
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}
