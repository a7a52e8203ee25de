import { formatComment } from '../format/formatComment';
import { formatRetry } from '../format/formatRetry';
import {
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_MAX_QUEUE_BYTES,
  DEFAULT_RETRY_MS,
  type SSEStreamOptions,
} from './SSESink';

export interface StreamSettings {
  retry: number | null;
  heartbeatMs: number;
  maxQueueBytes: number;
  coalesce: boolean;
}

function nonNegativeInteger(name: string, value: number, unit: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`[@kit/sse-server] ${name} must be a non-negative integer of ${unit}, got ${value}.`);
  }
  return value;
}

function flag(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`[@kit/sse-server] ${name} must be true or false, got ${String(value)}.`);
  return value;
}

/** The options of both sinks, defaulted and checked once, before any byte is written. */
export function streamSettings(options: SSEStreamOptions): StreamSettings {
  const retry = options.retry === undefined ? DEFAULT_RETRY_MS : options.retry;
  return {
    retry: retry === null ? null : nonNegativeInteger('retry', retry, 'milliseconds'),
    heartbeatMs: nonNegativeInteger('heartbeatMs', options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS, 'milliseconds (0 turns heartbeats off)'),
    maxQueueBytes: nonNegativeInteger('maxQueueBytes', options.maxQueueBytes ?? DEFAULT_MAX_QUEUE_BYTES, 'bytes'),
    coalesce: flag('coalesce', options.coalesce ?? true),
  };
}

/**
 * What every stream starts with: the `retry:` hint, then the advertised heartbeat period
 * (docs/wire-contract.md §3), which lets the kit's client arm its idle watchdog with no option set.
 * Empty when neither applies.
 */
export function formatPreamble({ retry, heartbeatMs }: StreamSettings): string {
  return (retry === null ? '' : formatRetry(retry)) + (heartbeatMs > 0 ? formatComment(`sse:heartbeat=${heartbeatMs}`) : '');
}
