import type { SSEEnvironment } from '../types';

/**
 * The longest delay a timer can wait: setTimeout fires at once for delays above 2^31-1 ms, so a
 * longer one (a huge option, a hostile `retry:`) would turn into a tight loop.
 */
export const MAX_TIMER_DELAY = 2 ** 31 - 1;

/** `ms` bounded to what setTimeout can wait: the one timer clamp of the core. */
export function clampTimerDelay(ms: number): number {
  return Math.min(ms, MAX_TIMER_DELAY);
}

/** One restartable timeout. A handle may legitimately be 0, so whether one is pending is tracked apart from it. */
export interface Timer {
  /** Replaces any pending run; `ms` is clamped to MAX_TIMER_DELAY. */
  start(ms: number, callback: () => void): void;
  cancel(): void;
}

export function createTimer(env: Pick<SSEEnvironment, 'setTimeout' | 'clearTimeout'>): Timer {
  let handle: unknown;
  let pending = false;
  const cancel = () => {
    if (!pending) return;
    pending = false;
    env.clearTimeout(handle);
    handle = undefined;
  };
  return {
    start(ms, callback) {
      cancel();
      pending = true;
      handle = env.setTimeout(() => {
        pending = false;
        handle = undefined;
        callback();
      }, clampTimerDelay(ms));
    },
    cancel,
  };
}
