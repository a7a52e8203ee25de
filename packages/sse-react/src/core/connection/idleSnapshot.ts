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

/**
 * The patch that takes a connection back to idle once its close delay ran out: what it learnt
 * about the stream (last id, resets, heartbeat) stays for the next subscriber.
 */
export const BACK_TO_IDLE: Partial<ConnectionSnapshot> = Object.freeze({ status: 'idle', error: null, retryCount: 0, nextRetryAt: null });
