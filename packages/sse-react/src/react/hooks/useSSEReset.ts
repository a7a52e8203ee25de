import { useEffect } from 'react';
import type { SSEReset } from '../../core/index';
import type { SSESourceOptions } from '../hookTypes';
import { useConnection } from '../provider/useConnection';
import { useLatest } from './useLatest';

/**
 * Calls `onReset` on every reset of the connection (`sse:reset`: the server could not replay what
 * this client missed, so state built from earlier events is stale). Refetch there: invalidate
 * queries, reload a snapshot, clear a buffer. The latest render's callback is called; it never
 * re-subscribes, and it does not open the connection by itself.
 */
export function useSSEReset(onReset: (reset: SSEReset) => void, options: SSESourceOptions = {}): void {
  const connection = useConnection('useSSEReset', undefined, options.url, options.connectionOptions);
  const latest = useLatest(onReset);
  useEffect(() => connection.onReset((reset) => latest.current(reset)), [connection, latest]);
}
