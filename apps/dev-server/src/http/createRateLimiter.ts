export interface RateLimiterOptions {
  /** Requests one key may make at once, after a quiet spell. */
  burst: number;
  /** Sustained requests per minute, per key. */
  perMinute: number;
  /** Keys tracked at most; past it, the fullest buckets (quiet keys) are forgotten first. Default 10 000. */
  maxKeys?: number;
}

export type RateDecision = { ok: true } | { ok: false; retryAfterMs: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * A token bucket per key (a client address): `burst` requests at once, refilled at `perMinute`.
 * Pure apart from its map: the caller passes the time, so tests need no fake clock. Memory is
 * bounded: a bucket that has refilled completely holds no information and is dropped.
 */
export function createRateLimiter({ burst, perMinute, maxKeys = 10_000 }: RateLimiterOptions) {
  if (!(burst >= 1) || !(perMinute > 0)) {
    throw new RangeError(`[@kit/dev-server] A rate limit needs burst >= 1 and perMinute > 0, got burst ${burst}, perMinute ${perMinute}.`);
  }
  const msPerToken = 60_000 / perMinute;
  const buckets = new Map<string, Bucket>();

  function refill(bucket: Bucket, now: number): void {
    bucket.tokens = Math.min(burst, bucket.tokens + Math.max(0, now - bucket.updatedAt) / msPerToken);
    bucket.updatedAt = now;
  }

  function prune(now: number): void {
    for (const [key, bucket] of buckets) {
      refill(bucket, now);
      if (bucket.tokens >= burst) buckets.delete(key);
    }
    // Still full of busy keys: forget the oldest (Map order is insertion order).
    for (const key of buckets.keys()) {
      if (buckets.size < maxKeys) break;
      buckets.delete(key);
    }
  }

  return {
    take(key: string, now: number): RateDecision {
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= maxKeys) prune(now);
        bucket = { tokens: burst, updatedAt: now };
        buckets.set(key, bucket);
      }
      refill(bucket, now);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return { ok: true };
      }
      return { ok: false, retryAfterMs: Math.ceil((1 - bucket.tokens) * msPerToken) };
    },
    get size(): number {
      return buckets.size;
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
