import type { SSEError, SSEStatusSnapshot } from '@kit/sse-react';

const seconds = (ms: number) => `${(Math.max(0, ms) / 1000).toFixed(1)} s`;

/** What ended the attempt, in words, from the error's kind and status. */
function cause(error: SSEError | null, wasOpen: boolean): string {
  if (!error) return '';
  switch (error.kind) {
    case 'http':
      return error.retryAfterMs === undefined
        ? `HTTP ${error.status}`
        : `HTTP ${error.status} with Retry-After: ${seconds(error.retryAfterMs)}`;
    case 'timeout':
      // Both timeouts are `timeout` errors: an attempt that had opened went silent (idle timeout);
      // one that never opened got no response headers (connect timeout).
      return wasOpen ? 'idle timeout: nothing arrived, not even a heartbeat' : 'connect timeout: no response headers in time';
    case 'network':
      return 'network: the stream broke off or the connect failed';
    default:
      return `${error.kind}: ${error.message}`;
  }
}

/** Why the connection waits as long as it does before the next attempt. */
function why(error: SSEError | null, retryCount: number): string {
  // The kit's backoff waits exactly as long as a 429/503 Retry-After says.
  if (error?.kind === 'http' && (error.status === 429 || error.status === 503) && error.retryAfterMs) {
    return `waiting as the server's Retry-After asked (attempt ${retryCount})`;
  }
  return `backoff attempt ${retryCount}: exponential with jitter, scaled by the server's retry: hint`;
}

export interface StatusLine {
  title: string;
  detail: string;
}

/**
 * One timeline line for a connection snapshot. `previous` is the snapshot before it, so a timeout
 * can be told apart (see `cause`) and a first connect from a reconnect attempt. `now` is the same
 * clock as `nextRetryAt` (Date.now by default).
 */
export function explainStatus(snapshot: SSEStatusSnapshot, previous: SSEStatusSnapshot | null, now: number): StatusLine {
  const { status, error, retryCount, nextRetryAt } = snapshot;
  const wasOpen = previous?.status === 'open';
  switch (status) {
    case 'open':
      return {
        title: 'open',
        detail: snapshot.heartbeatMs ? `streaming; the server advertised a heartbeat every ${seconds(snapshot.heartbeatMs)}` : 'streaming',
      };
    case 'reconnecting':
      if (nextRetryAt !== null) {
        const ended = cause(error, wasOpen);
        return { title: `waiting ${seconds(nextRetryAt - now)}`, detail: `${ended ? `${ended}; ` : ''}${why(error, retryCount)}` };
      }
      return { title: `attempt ${retryCount + 1}`, detail: error ? `reconnecting after ${cause(error, wasOpen)}` : 'reconnecting' };
    case 'connecting':
      return { title: 'connecting', detail: 'first attempt' };
    case 'paused':
      return { title: 'paused', detail: 'the page is hidden or offline; it reconnects when it comes back' };
    case 'closed':
      return { title: 'closed', detail: error ? `${cause(error, wasOpen)}: retrying cannot help` : 'closed by the page' };
    default:
      return { title: status, detail: '' };
  }
}
