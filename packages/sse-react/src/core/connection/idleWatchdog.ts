import { createTimer } from '../runtime/createTimer';
import type { SSEEnvironment } from '../types';

/**
 * Declares a stream dead when nothing, not even a heartbeat comment, arrives for `timeout` ms.
 * TCP can keep a half-open connection "alive" for minutes after a proxy or a laptop lid dropped it;
 * only the absence of bytes tells. Unarmed (no timeout yet), feeding it does nothing: the timeout
 * may come later, from the server's advertised heartbeat.
 */
export interface IdleWatchdog {
  /** Sets (or clears, with undefined) the silence that counts as dead, and restarts the countdown. */
  arm(timeout: number | undefined): void;
  /** Something arrived (or the attempt started): the countdown starts again. */
  feed(): void;
  stop(): void;
  readonly timeout: number | undefined;
}

export function createIdleWatchdog(env: Pick<SSEEnvironment, 'setTimeout' | 'clearTimeout'>, onIdle: () => void): IdleWatchdog {
  const timer = createTimer(env);
  let timeout: number | undefined;
  const feed = () => {
    if (timeout !== undefined) timer.start(timeout, onIdle);
  };
  return {
    arm(next) {
      timeout = next;
      if (next === undefined) timer.cancel();
      else feed();
    },
    feed,
    stop() {
      timeout = undefined;
      timer.cancel();
    },
    get timeout() {
      return timeout;
    },
  };
}
