import { useCallback, useSyncExternalStore } from 'react';
import type { Connection, ConnectionSnapshot, SSEError } from '../../core/index';
import { bindingOf, type StatusSnapshotKey } from '../binding/bindingRegistry';
import type { SSEStatusSnapshot, SSEStatusWithIdSnapshot } from '../hookTypes';

type Variant = 'status' | 'withId';

function sameExceptId(previous: SSEStatusWithIdSnapshot, next: SSEStatusWithIdSnapshot): boolean {
  const keys = Object.keys(next) as Array<keyof SSEStatusWithIdSnapshot>;
  if (keys.length !== Object.keys(previous).length) return false;
  return keys.every((key) => key === 'lastEventId' || Object.is(previous[key], next[key]));
}

// Snapshots must keep their identity until something this variant shows changed, or
// useSyncExternalStore would loop (and a status badge would re-render on every event).
function combine(connection: Connection, which: StatusSnapshotKey, snapshot: ConnectionSnapshot, parseError: SSEError | null): SSEStatusWithIdSnapshot {
  const cache = bindingOf(connection).statusSnapshots;
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
      const { parseErrorListeners } = bindingOf(connection);
      parseErrorListeners.add(onChange);
      const off = connection.subscribe(onChange);
      return () => {
        parseErrorListeners.delete(onChange);
        off();
      };
    },
    [connection],
  );
  const getSnapshot = useCallback(
    () => combine(connection, `client:${variant}`, connection.getSnapshot(), bindingOf(connection).parseError),
    [connection, variant],
  );
  const getServerSnapshot = useCallback(
    () => combine(connection, `server:${variant}`, connection.getServerSnapshot(), null),
    [connection, variant],
  );
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}
