import type { Backoff } from './types';

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
// setTimeout fires at once for delays above 2^31-1 ms, so a huge Retry-After would become a retry storm.
const MAX_TIMER_DELAY = 2 ** 31 - 1;

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/**
 * Exponential backoff with full jitter (AWS "Exponential Backoff And Jitter"): attempt n waits a
 * uniform random time in [0, min(max, scale * 2^(n-1))). Full jitter spreads a crowd of clients
 * that lost the same server, so they do not all come back in the same millisecond.
 *
 * `scale` is the server's `retry:` (third argument, passed by the connection) or `base`.
 * A `Retry-After` on 429/503 wins over everything: the server said exactly when to come back.
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
      Number.isFinite(lastError.retryAfterMs)
    ) {
      return Math.min(Math.max(0, lastError.retryAfterMs), MAX_TIMER_DELAY);
    }
    const scale = positive(context?.retryMs, base);
    const exponent = Math.max(0, Math.floor(attempt) - 1);
    // 2 ** 1100 is Infinity; Math.min keeps the ceiling finite.
    const ceiling = Math.min(max, scale * 2 ** Math.min(exponent, 1000));
    const r = random();
    const unit = Number.isFinite(r) ? Math.min(Math.max(r, 0), 1) : 0.5;
    return Math.floor(unit * ceiling);
  };
}

/** The default policy: createBackoff() with base 1 s, cap 30 s, Math.random jitter. */
export const defaultBackoff: Backoff = /* @__PURE__ */ createBackoff();
