import type { SSEEnvironment } from '../types';

/** One restartable timeout. A handle may legitimately be 0, so `pending` is tracked apart from it. */
export interface Timer {
  readonly pending: boolean;
  /** Replaces any pending run. */
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
    get pending() {
      return pending;
    },
    start(ms, callback) {
      cancel();
      pending = true;
      handle = env.setTimeout(() => {
        pending = false;
        handle = undefined;
        callback();
      }, ms);
    },
    cancel,
  };
}
