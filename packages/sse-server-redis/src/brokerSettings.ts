import type { RedisOptions } from 'ioredis';

export interface RedisBrokerOptions {
  /** `redis://[[user]:password@]host[:port][/db]`, or `rediss://` for TLS. */
  url: string;
  /** The stream key. Instances that use the same key serve the same events. Default `sse:events`. */
  stream?: string;
  /** Entries kept for `Last-Event-ID` replay (`XADD MAXLEN`). Default 10000. */
  maxLen?: number;
  /**
   * `approximate` (default) is `MAXLEN ~`: Redis trims whole radix-tree nodes, which is cheap and
   * keeps at least `maxLen` entries (a few more). `exact` is `MAXLEN =`: exactly `maxLen`.
   */
  trim?: 'approximate' | 'exact';
  /** Delay before reconnect attempt `attempt` (1, 2, ...), in ms. Default 100 ms doubling to 2 s, ±25 % jitter. */
  retryDelay?: (attempt: number) => number;
  /** How long one `XREAD` blocks waiting for new entries, ms. Default 5000. */
  blockMs?: number;
  /** Most entries read (and fanned out) per `XREAD`. Default 1000. */
  batchSize?: number;
  /**
   * How long `replaySince` may wait for this instance's reader to reach the client's id (a client
   * coming from a faster instance), ms. Past it the replay fails and the channel resets the client.
   * Default 3000.
   */
  catchUpTimeoutMs?: number;
  /** Receives exceptions thrown by subscribers (they never stop the fan-out). Default `console.error`. */
  onError?: (error: unknown) => void;
  /**
   * Extra ioredis options (TLS, credentials, keep-alive...). The ones the broker's guarantees
   * depend on (offline queue, resend, retries, protocol) cannot be overridden.
   */
  redisOptions?: RedisOptions;
}

export const PREFIX = '[@kit/sse-server-redis]';

/** The options, defaulted and checked once, before any connection is opened. */
export interface BrokerSettings {
  url: string;
  /** host:port only: the URL may carry a password, and this string ends up in /api/stats. */
  where: string;
  stream: string;
  maxLen: number;
  /** The `XADD MAXLEN` operator. */
  trim: '~' | '=';
  blockMs: number;
  batchSize: number;
  catchUpTimeoutMs: number;
  retryDelay: (attempt: number) => number;
  onError: (error: unknown) => void;
  redisOptions: RedisOptions | undefined;
}

function defaultRetryDelay(attempt: number): number {
  const base = Math.min(2000, 100 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${PREFIX} ${name} must be a positive integer, got ${value}.`);
  return value;
}

function describeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TypeError(`${PREFIX} url must look like redis://host:port, got ${JSON.stringify(url)}.`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new TypeError(`${PREFIX} url must start with redis:// or rediss://, got ${JSON.stringify(parsed.protocol)}.`);
  }
  return `${parsed.hostname}:${parsed.port || '6379'}`;
}

export function brokerSettings(options: RedisBrokerOptions): BrokerSettings {
  const where = describeUrl(options.url);
  const stream = options.stream ?? 'sse:events';
  if (typeof stream !== 'string' || stream === '') throw new TypeError(`${PREFIX} stream must be a non-empty string.`);
  return {
    url: options.url,
    where,
    stream,
    maxLen: positiveInteger('maxLen', options.maxLen ?? 10_000),
    trim: options.trim === 'exact' ? '=' : '~',
    blockMs: positiveInteger('blockMs', options.blockMs ?? 5000),
    batchSize: positiveInteger('batchSize', options.batchSize ?? 1000),
    catchUpTimeoutMs: positiveInteger('catchUpTimeoutMs', options.catchUpTimeoutMs ?? 3000),
    retryDelay: options.retryDelay ?? defaultRetryDelay,
    // Worded as the in-memory broker's: the two report a throwing subscriber alike.
    onError: options.onError ?? ((error: unknown) => console.error(PREFIX, 'A broker subscriber threw:', error)),
    redisOptions: options.redisOptions,
  };
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
