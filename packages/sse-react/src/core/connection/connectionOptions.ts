import { createBackoff } from './backoff';
import { warn } from '../runtime/isDevelopment';
import { isTransportKind } from '../transport/selectTransport';
import type { Backoff, ConnectionOptions, SSEEnvironment, TransportKind } from '../types';

export const DEFAULT_CLOSE_DELAY = 1000;
export const DEFAULT_RESET_BACKOFF_AFTER = 5000;
export const DEFAULT_CONNECT_TIMEOUT = 10_000;
// setTimeout fires at once for delays above 2^31-1 ms, so a longer delay would become a tight loop.
export const MAX_TIMER_DELAY = 2 ** 31 - 1;

type NumberOption = 'closeDelay' | 'resetBackoffAfter' | 'idleTimeout' | 'maxRetries' | 'connectTimeout';

// Takes the option's name rather than its value: the name is then the only copy in the bundle.
function validNumber(options: ConnectionOptions, name: NumberOption, min: number): number | undefined {
  const value = options[name];
  if (value === undefined || value === false) return undefined;
  if (Number.isFinite(value) && value >= min) return Math.min(value, MAX_TIMER_DELAY);
  if (process.env.NODE_ENV !== 'production') warn(`${name} must be a finite number >= ${min}; got ${String(value)}. The default applies.`);
  return undefined;
}

/** The connection's options with defaults applied and bad values replaced (with a development warning). */
export interface ResolvedOptions {
  readonly closeDelay: number;
  readonly resetBackoffAfter: number;
  /** An explicit watchdog timeout; undefined when it follows the server's advertised heartbeat. */
  readonly idleTimeout: number | undefined;
  /** `idleTimeout: false`: no watchdog, even when the server advertises a heartbeat. */
  readonly idleWatchdogOff: boolean;
  readonly connectTimeout: number | undefined;
  readonly maxRetries: number | undefined;
  readonly pauseWhenHidden: boolean;
  readonly pauseWhenOffline: boolean;
  readonly backoff: Backoff;
  readonly transport: TransportKind;
}

export function resolveOptions(options: ConnectionOptions, env: SSEEnvironment): ResolvedOptions {
  return {
    closeDelay: validNumber(options, 'closeDelay', 0) ?? DEFAULT_CLOSE_DELAY,
    resetBackoffAfter: validNumber(options, 'resetBackoffAfter', 0) ?? DEFAULT_RESET_BACKOFF_AFTER,
    idleTimeout: validNumber(options, 'idleTimeout', 1),
    idleWatchdogOff: options.idleTimeout === false,
    connectTimeout: options.connectTimeout === false ? undefined : (validNumber(options, 'connectTimeout', 1) ?? DEFAULT_CONNECT_TIMEOUT),
    maxRetries: validNumber(options, 'maxRetries', 0),
    pauseWhenHidden: options.pauseWhenHidden === true,
    pauseWhenOffline: options.pauseWhenOffline !== false,
    backoff: options.backoff ?? createBackoff({ random: () => env.random() }),
    transport: isTransportKind(options.transport) ? options.transport : 'auto',
  };
}
