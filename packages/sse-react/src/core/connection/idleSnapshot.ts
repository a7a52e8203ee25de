import type { ConnectionSnapshot } from '../types';

/** What a connection reports before it opens: its fixed server snapshot and its starting state. */
export function idleSnapshot(lastEventId: string | undefined): ConnectionSnapshot {
  return Object.freeze({
    status: 'idle',
    error: null,
    lastEventId: lastEventId ?? '',
    retryCount: 0,
    nextRetryAt: null,
    resets: 0,
    lastReset: null,
    droppedDuplicates: 0,
    heartbeatMs: null,
  });
}
