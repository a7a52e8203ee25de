import { createTimer } from '../runtime/createTimer';
import type { SSEEnvironment } from '../types';

/**
 * Delayed teardown as one small piece (TanStack Query's `Removable`): the last user leaving
 * schedules the close, a new user arriving in time cancels it. Not at once, because StrictMode
 * unmounts and remounts, and route changes often re-subscribe in the same tick: closing at once
 * would cost a reconnect and a replay for nothing.
 */
export interface DelayedClose {
  /** The last user left: close after the delay unless cancel() comes first. Replaces a pending schedule. */
  schedule(): void;
  /** A user came back, or the resource closed by other means. */
  cancel(): void;
}

export function createDelayedClose(
  env: Pick<SSEEnvironment, 'setTimeout' | 'clearTimeout'>,
  delay: number,
  close: () => void,
): DelayedClose {
  const timer = createTimer(env);
  return {
    schedule: () => timer.start(delay, close),
    cancel: () => timer.cancel(),
  };
}
