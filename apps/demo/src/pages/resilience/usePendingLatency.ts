import { useSSEStatus } from '@kit/sse-react';
import { useEffect, useRef, useState } from 'react';
import type { NewLabEntry } from './labLog';

export interface PendingLatency {
  ms: number;
  /** When the first connect attempt after the latency was set started; null until then. */
  attemptAt: number | null;
}

/**
 * Chaos latency delays connects, not the open stream, so it is pending until the next connect:
 * this follows the connection snapshot to the first attempt that starts after it was set and logs
 * how long that attempt took to open.
 */
export function usePendingLatency(log: (entry: NewLabEntry) => void) {
  const { status, nextRetryAt } = useSSEStatus();
  const [pending, setPending] = useState<PendingLatency | null>(null);
  // An attempt runs while connecting, or while reconnecting with no wait scheduled.
  const attempting = status === 'connecting' || (status === 'reconnecting' && nextRetryAt === null);
  const wasAttempting = useRef(attempting);

  useEffect(() => {
    const started = attempting && !wasAttempting.current;
    wasAttempting.current = attempting;
    if (!pending) return;
    if (started && pending.attemptAt === null) {
      setPending({ ...pending, attemptAt: Date.now() });
    } else if (status === 'open' && pending.attemptAt !== null) {
      const took = ((Date.now() - pending.attemptAt) / 1000).toFixed(1);
      log({ kind: 'chaos', tag: 'latency-applied', title: `latency ${pending.ms / 1000} s applied`, detail: `the connect took ${took} s to open` });
      setPending(null);
    }
  }, [attempting, status, pending, log]);

  return [pending, setPending] as const;
}
