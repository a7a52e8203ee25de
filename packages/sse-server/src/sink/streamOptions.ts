import { formatComment } from '../format/formatComment';
import { formatRetry } from '../format/formatRetry';
import {
  DEFAULT_FLUSH_INTERVAL_MS,
  DEFAULT_HEARTBEAT_MS,
  DEFAULT_MAX_QUEUE_BYTES,
  DEFAULT_RETRY_MS,
  type SSEStreamOptions,
} from './SSESink';

export interface StreamSettings {
  retry: number | null;
  heartbeatMs: number;
  maxQueueBytes: number;
  flushIntervalMs: number;
}

function nonNegativeInteger(name: string, value: number, unit: string): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`[@kit/sse-server] ${name} must be a non-negative integer of ${unit}, got ${value}.`);
  }
  return value;
}

/** The options of both sinks, defaulted and checked once, before any byte is written. */
export function streamSettings(options: SSEStreamOptions): StreamSettings {
  const retry = options.retry === undefined ? DEFAULT_RETRY_MS : options.retry;
  return {
    retry: retry === null ? null : nonNegativeInteger('retry', retry, 'milliseconds'),
    heartbeatMs: nonNegativeInteger('heartbeatMs', options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS, 'milliseconds (0 turns heartbeats off)'),
    maxQueueBytes: nonNegativeInteger('maxQueueBytes', options.maxQueueBytes ?? DEFAULT_MAX_QUEUE_BYTES, 'bytes'),
    flushIntervalMs: nonNegativeInteger('flushIntervalMs', options.flushIntervalMs ?? DEFAULT_FLUSH_INTERVAL_MS, 'milliseconds (0 turns coalescing off)'),
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
