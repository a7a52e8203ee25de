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

/**
 * Feeding only notes the time: it runs for every chunk and every event, and restarting a timer
 * each time (clearTimeout + setTimeout) cost more than the rest of an event's dispatch. The timer
 * runs to the deadline the last feed implies; when it fires early (fed since), it waits the rest.
 */
export function createIdleWatchdog(env: Pick<SSEEnvironment, 'setTimeout' | 'clearTimeout' | 'now'>, onIdle: () => void): IdleWatchdog {
  const timer = createTimer(env);
  let timeout: number | undefined;
  let fedAt = 0;
  const check = (): void => {
    if (timeout === undefined) return;
    const silent = env.now() - fedAt;
    if (silent >= timeout) onIdle();
    else timer.start(timeout - silent, check);
  };
  return {
    arm(next) {
      timeout = next;
      fedAt = env.now();
      if (next === undefined) timer.cancel();
      else timer.start(next, check);
    },
    feed() {
      fedAt = env.now();
    },
    stop() {
      timeout = undefined;
      timer.cancel();
    },
    get timeout() {
      return timeout;
    },
  };
}
