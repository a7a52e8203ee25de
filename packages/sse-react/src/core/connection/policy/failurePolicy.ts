import { classifyFailure } from './classifyFailure';
import { clampTimerDelay } from '../../runtime/createTimer';
import { warn } from '../../runtime/isDevelopment';
import { reportError } from '../../runtime/reportError';
import { SSEError } from '../../SSEError';
import type { Backoff } from '../../types';

/** The same oversized event this many attempts in a row: retrying cannot help, so the connection closes. */
export const MAX_TOO_LARGE_IN_A_ROW = 3;
/** The delay used when a user backoff returns something unusable. */
const FALLBACK_DELAY = 1000;

/** What follows a failed attempt. */
export type AfterFailure =
  | { readonly kind: 'stop'; readonly error: SSEError }
  | { readonly kind: 'pause' }
  | { readonly kind: 'retry-now' }
  | { readonly kind: 'retry-after-backoff' };

export interface FailureFacts {
  /** The attempt that failed, counted: the snapshot's retryCount + 1. */
  readonly retryCount: number;
  readonly maxRetries: number | undefined;
  /** The failure just before this one was a 401 too. */
  readonly previousUnauthorized: boolean;
  /** Failures in a row on an oversized event, this one included. */
  readonly tooLargeInARow: number;
  /** The page is hidden or offline and the pause options say to wait for it. */
  readonly pauseWanted: boolean;
}

/** The retry policy, pure: too-large streak, then the status rules (classifyFailure), then maxRetries, then pause. */
export function afterFailure(error: SSEError, facts: FailureFacts): AfterFailure {
  if (error.kind === 'too-large' && facts.tooLargeInARow >= MAX_TOO_LARGE_IN_A_ROW) {
    return {
      kind: 'stop',
      error: new SSEError(
        'too-large',
        process.env.NODE_ENV !== 'production'
          ? `${error.message} It happened ${facts.tooLargeInARow} attempts in a row (the same event is sent again on every resume), so the connection is closed; call reconnect() after raising maxEventSize.`
          : `${error.message}, ${facts.tooLargeInARow} attempts in a row: closed`,
      ),
    };
  }
  const decision = classifyFailure(error, facts.previousUnauthorized);
  if (decision === 'stop') return { kind: 'stop', error };
  if (facts.maxRetries !== undefined && facts.retryCount > facts.maxRetries) return { kind: 'stop', error };
  if (facts.pauseWanted) return { kind: 'pause' };
  return decision === 'retry-now' ? { kind: 'retry-now' } : { kind: 'retry-after-backoff' };
}

/**
 * The user's (or the default) backoff for this attempt, made safe: a throwing or nonsensical
 * backoff must not leave the connection with no transport and no retry.
 */
export function retryDelay(backoff: Backoff, retryCount: number, error: SSEError, serverRetryMs: number | undefined): number {
  let delay: number;
  try {
    delay = backoff(retryCount, error, { retryMs: serverRetryMs });
  } catch (backoffError) {
    reportError(backoffError);
    delay = Number.NaN;
  }
  if (!Number.isFinite(delay) || delay < 0) {
    if (process.env.NODE_ENV !== 'production') {
      warn(`The backoff function returned ${String(delay)} for attempt ${retryCount}; expected a finite number of ms >= 0. Using ${FALLBACK_DELAY}.`);
    }
    delay = FALLBACK_DELAY;
  }
  return clampTimerDelay(delay);
}
