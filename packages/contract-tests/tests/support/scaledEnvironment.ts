import type { SSEEnvironment } from '@kit/sse-react/core';

/**
 * Real sockets, scaled time: the connection's timers and clock run `speed` times faster than the
 * wall clock, so "requests in any 10 s" takes 10/speed s to observe while every byte still crosses
 * a real socket. Only the connection's own timers are scaled (fetch has none of its own here).
 */
export interface ScaledEnvironment extends Partial<SSEEnvironment> {
  now(): number;
  /** The connection's timers still pending: 0 after close() means nothing was left behind. */
  pendingTimers(): number;
  /** Waits `virtualMs` of the scaled clock. */
  wait(virtualMs: number): Promise<void>;
}

export function scaledEnvironment(speed = 10): ScaledEnvironment {
  const start = Date.now();
  const pending = new Set<ReturnType<typeof setTimeout>>();
  return {
    now: () => start + (Date.now() - start) * speed,
    setTimeout(callback, ms) {
      const handle = setTimeout(() => {
        pending.delete(handle);
        callback();
      }, ms / speed);
      pending.add(handle);
      return handle;
    },
    clearTimeout(handle) {
      clearTimeout(handle as ReturnType<typeof setTimeout>);
      pending.delete(handle as ReturnType<typeof setTimeout>);
    },
    // No page here: nothing pauses, nothing wakes.
    visibility: undefined,
    online: undefined,
    wake: undefined,
    pendingTimers: () => pending.size,
    wait: (virtualMs) => new Promise((resolve) => setTimeout(resolve, virtualMs / speed)),
  };
}
