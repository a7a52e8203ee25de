import type { Backoff } from '../types';

export interface BackoffOptions {
  /**
   * Delay scale for the first retry when the server has not sent `retry:`. Default 1000 ms.
   * Once the server sends `retry:`, that value is the scale instead: the server knows its load.
   */
  base?: number;
  /** Upper bound of any computed delay. Default 30 000 ms. `Retry-After` is not capped by it. */
  max?: number;
  /** Uniform in [0, 1). Default Math.random; inject one to make the result deterministic. */
  random?: () => number;
}

export const DEFAULT_BACKOFF_BASE = 1000;
export const DEFAULT_BACKOFF_MAX = 30_000;
/**
 * The retry floor: a `retry:` below this many ms is no hint at all (the base applies), so one
 * `retry: 0` cannot turn a fleet of clients into a request storm against a failing server.
 */
export const MIN_RETRY_HINT = 250;
/** Longest `Retry-After` honoured; a longer one (a typo, or a hostile server) waits this long. */
export const MAX_RETRY_AFTER = 3_600_000;

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/**
 * Exponential backoff with "equal jitter" (AWS "Exponential Backoff And Jitter"): attempt n waits
 * a uniform random time in [c/2, c), c = min(max, scale * 2^(n-1)). The random half spreads a crowd
 * of clients that lost the same server; the fixed half is a floor that no draw can undercut, so
 * consecutive failures always back off (full jitter could retry after 0 ms, again and again).
 *
 * `scale` is the server's `retry:` (third argument, passed by the connection) when it is at least
 * MIN_RETRY_HINT, else `base`. A `Retry-After` on 429/503 in the future wins over everything (up
 * to MAX_RETRY_AFTER): the server said exactly when to come back. `Retry-After: 0`, a past date or
 * garbage is no hint, and the backoff applies.
 */
export function createBackoff(options: BackoffOptions = {}): Backoff {
  const base = positive(options.base, DEFAULT_BACKOFF_BASE);
  const max = positive(options.max, DEFAULT_BACKOFF_MAX);
  const random = options.random ?? Math.random;
  return (attempt, lastError, context) => {
    if (
      lastError?.kind === 'http' &&
      (lastError.status === 429 || lastError.status === 503) &&
      lastError.retryAfterMs !== undefined &&
      lastError.retryAfterMs > 0
    ) {
      return Math.min(lastError.retryAfterMs, MAX_RETRY_AFTER);
    }
    const hint = context?.retryMs;
    const scale = hint !== undefined && hint >= MIN_RETRY_HINT ? hint : base;
    const exponent = Math.max(0, Math.floor(attempt) - 1);
    // 2 ** 1100 is Infinity; Math.min keeps the ceiling finite.
    const ceiling = Math.min(max, scale * 2 ** Math.min(exponent, 1000));
    const r = random();
    const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0.5;
    return Math.floor(ceiling / 2 + (unit * ceiling) / 2);
  };
}

/** The default policy: createBackoff() with base 1 s, cap 30 s, Math.random jitter. */
export const defaultBackoff: Backoff = /* @__PURE__ */ createBackoff();
