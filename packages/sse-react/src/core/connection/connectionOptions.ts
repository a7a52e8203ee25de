import { createBackoff } from './backoff';
import { clampTimerDelay } from '../runtime/createTimer';
import { warn } from '../runtime/isDevelopment';
import { isTransportKind } from '../transport/selectTransport';
import type { Backoff, ConnectionOptions, SSEEnvironment, TransportKind } from '../types';

// The one place for option defaults and validation: the local connection, the tab-shared one and
// the React bindings all read them from here, so they cannot drift apart.

export const DEFAULT_CLOSE_DELAY = 1000;
export const DEFAULT_RESET_BACKOFF_AFTER = 5000;
export const DEFAULT_CONNECT_TIMEOUT = 10_000;

type NumberOption = 'closeDelay' | 'resetBackoffAfter' | 'idleTimeout' | 'maxRetries' | 'connectTimeout';

// Takes the option's name rather than its value: the name is then the only copy in the bundle.
function validNumber(options: ConnectionOptions, name: NumberOption, min: number, warnIfInvalid = true): number | undefined {
  const value = options[name];
  if (value === undefined || value === false) return undefined;
  if (Number.isFinite(value) && value >= min) return clampTimerDelay(value);
  if (process.env.NODE_ENV !== 'production' && warnIfInvalid) warn(`${name} must be a finite number >= ${min}; got ${String(value)}. The default applies.`);
  return undefined;
}

/**
 * `closeDelay` as the connection applies it (default, bad values replaced, clamped), for a layer
 * that keeps something alive exactly as long as the connection (tab sharing, React's shared
 * connections). Silent: the connection that owns the socket warns about a bad value, once.
 */
export function resolveCloseDelay(options: Pick<ConnectionOptions, 'closeDelay'>): number {
  return validNumber(options, 'closeDelay', 0, false) ?? DEFAULT_CLOSE_DELAY;
}

/**
 * The error for a `transport` that is not 'auto', 'native' or 'fetch', the same class (TypeError)
 * wherever it is caught: in createConnection, or earlier, with `where` naming the React component
 * or hook that was given it. Development only; production falls back to 'auto' rather than crash a page.
 */
export function unknownTransportError(transport: unknown, where?: string): TypeError {
  const given = `transport ${JSON.stringify(transport)}: use 'auto', 'native' or 'fetch'.`;
  return new TypeError(`[@kit/sse-react] ${where === undefined ? `Unknown ${given}` : `${where}: unknown ${given}`}`);
}

/** Throws unknownTransportError unless `transport` is absent or a TransportKind. Call it inside a development guard. */
export function assertTransportKind(transport: unknown, where?: string): void {
  if (transport !== undefined && !isTransportKind(transport)) throw unknownTransportError(transport, where);
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
