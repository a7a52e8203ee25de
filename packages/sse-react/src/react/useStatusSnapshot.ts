import { useCallback, useSyncExternalStore } from 'react';
import type { Connection, ConnectionSnapshot, SSEError } from '../core/index';
import { getParseErrorStore } from './parseErrors';

/** The core's status snapshot plus the latest parse failure, which only the React layer sees. */
export interface SSEStatusSnapshot extends ConnectionSnapshot {
  /** The latest `parse` SSEError on this connection; cleared when that event name parses again. */
  readonly parseError: SSEError | null;
}

interface Combined {
  readonly snapshot: ConnectionSnapshot;
  readonly parseError: SSEError | null;
  readonly value: SSEStatusSnapshot;
}

const combinedByConnection = new WeakMap<Connection, { client?: Combined; server?: Combined }>();

// Snapshots must keep their identity until something changed, or useSyncExternalStore loops.
function combine(connection: Connection, which: 'client' | 'server', snapshot: ConnectionSnapshot, parseError: SSEError | null): SSEStatusSnapshot {
  let cache = combinedByConnection.get(connection);
  if (!cache) combinedByConnection.set(connection, (cache = {}));
  const previous = cache[which];
  if (previous && previous.snapshot === snapshot && previous.parseError === parseError) return previous.value;
  const value = { ...snapshot, parseError };
  cache[which] = { snapshot, parseError, value };
  return value;
}

export function useStatusSnapshot(connection: Connection): SSEStatusSnapshot {
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
    () => combine(connection, 'client', connection.getSnapshot(), getParseErrorStore(connection).error),
    [connection],
  );
  const getServerSnapshot = useCallback(() => combine(connection, 'server', connection.getServerSnapshot(), null), [connection]);
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}
