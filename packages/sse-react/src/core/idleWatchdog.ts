import { createTimer } from './createTimer';
import type { SSEEnvironment } from './types';

/**
 * Declares a stream dead when nothing, not even a heartbeat comment, arrives for `timeout` ms.
 * TCP can keep a half-open connection "alive" for minutes after a proxy or a laptop lid dropped it;
 * only the absence of bytes tells.
 */
export interface IdleWatchdog {
  /** Something arrived (or the attempt started): the countdown starts again. */
  feed(): void;
  stop(): void;
}

export function createIdleWatchdog(
  env: Pick<SSEEnvironment, 'setTimeout' | 'clearTimeout'>,
  timeout: number,
  onIdle: () => void,
): IdleWatchdog {
  const timer = createTimer(env);
  return {
    feed: () => timer.start(timeout, onIdle),
    stop: () => timer.cancel(),
  };
}
