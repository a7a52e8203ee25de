import type { SSEError } from '../../SSEError';

/**
 * What to do after a failed attempt:
 * - `retry-now`: a first 401; the new attempt runs the headers function again (a refreshed token).
 * - `retry`: wait for the backoff, then try again.
 * - `stop`: retrying cannot help; status `closed` until the user calls reconnect().
 */
export type FailureDecision = 'retry-now' | 'retry' | 'stop';

/** `previousUnauthorized`: the failure just before this one was a 401 too. */
export function classifyFailure(error: SSEError, previousUnauthorized: boolean): FailureDecision {
  switch (error.kind) {
    case 'http': {
      const status = error.status ?? 0;
      if (status === 401) return previousUnauthorized ? 'stop' : 'retry-now';
      // 408 Request Timeout and 429 Too Many Requests are temporary by definition.
      if (status === 408 || status === 429 || status >= 500) return 'retry';
      // 204 is the spec's "do not reconnect"; other 4xx will not change by asking again.
      return 'stop';
    }
    case 'content-type':
    case 'parse':
      return 'stop';
    case 'network':
    case 'timeout':
    case 'too-large':
      return 'retry';
  }
}
