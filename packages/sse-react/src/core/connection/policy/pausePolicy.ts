import type { ResolvedOptions } from '../connectionOptions';
import type { SSEEnvironment } from '../../types';

/** Why the connection should not hold a stream now, per the pause options; undefined to go on. */
export function pauseReason(
  resolved: Pick<ResolvedOptions, 'pauseWhenHidden' | 'pauseWhenOffline'>,
  env: Pick<SSEEnvironment, 'online' | 'visibility'>,
): 'hidden' | 'offline' | undefined {
  if (resolved.pauseWhenOffline && env.online !== undefined && !env.online.get()) return 'offline';
  if (resolved.pauseWhenHidden && env.visibility !== undefined && !env.visibility.get()) return 'hidden';
  return undefined;
}

/**
 * On a wake-up (visible, online, restored from the back-forward cache): mobile browsers kill
 * background sockets without telling anyone, so a stream silent for longer than its heartbeat
 * period (or the explicit idleTimeout) is taken for dead now rather than when the watchdog fires.
 */
export function isSilentTooLong(silentFor: number, heartbeatMs: number | undefined, idleTimeout: number | undefined): boolean {
  const period = heartbeatMs ?? idleTimeout;
  return period !== undefined && silentFor > period;
}
