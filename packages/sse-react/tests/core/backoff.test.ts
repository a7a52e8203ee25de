import { describe, expect, it } from 'vitest';
import { createBackoff, defaultBackoff, SSEError } from '@kit/sse-react/core';
// Tuning constants are internals: read from the source, not the public entry.
import { MAX_RETRY_AFTER, MIN_RETRY_HINT } from '../../src/core/connection/backoff';

const network = new SSEError('network', 'gone');
const http = (status: number, retryAfterMs?: number) =>
  new SSEError('http', `answered ${status}`, retryAfterMs === undefined ? { status } : { status, retryAfterMs });

describe('createBackoff', () => {
  it('draws equal jitter in [c/2, c), c = base * 2^(attempt-1): never sooner than half the ceiling', () => {
    const low = createBackoff({ random: () => 0 });
    const high = createBackoff({ random: () => 0.999999 });
    const mid = createBackoff({ random: () => 0.5 });
    expect(low(1, network)).toBe(500);
    expect(low(5, network)).toBe(8000);
    expect(high(1, network)).toBe(999);
    expect(high(3, network)).toBe(3999);
    expect(mid(1, network)).toBe(750);
    expect(mid(2, network)).toBe(1500);
    expect(mid(3, network)).toBe(3000);
  });

  it('caps the ceiling at max (30 s by default) for any attempt', () => {
    const high = createBackoff({ random: () => 0.999999 });
    expect(high(6, network)).toBe(29_999);
    expect(high(50, network)).toBe(29_999);
    expect(high(10_000, network)).toBe(29_999);
    expect(createBackoff({ max: 5000, random: () => 0.5 })(10, network)).toBe(3750);
  });

  it("scales from a sane retry: (third argument) instead of base, and caps a huge one at max", () => {
    const backoff = createBackoff({ base: 1000, random: () => 0 });
    expect(backoff(1, network, { retryMs: 400 })).toBe(200);
    expect(backoff(3, network, { retryMs: 400 })).toBe(800);
    expect(backoff(3, network, { retryMs: undefined })).toBe(2000);
    expect(backoff(1, network, { retryMs: 3_600_000 })).toBe(15_000);
    // The user's own base is theirs to choose; only the server's hint has a floor.
    expect(createBackoff({ base: 50, random: () => 0 })(1, null)).toBe(25);
  });

  it(`treats a retry: below MIN_RETRY_HINT (${MIN_RETRY_HINT} ms) as no hint: one retry: 0 cannot start a storm`, () => {
    const backoff = createBackoff({ random: () => 0 });
    for (const retryMs of [0, 1, MIN_RETRY_HINT - 1, Number.NaN, -5]) {
      expect(backoff(1, network, { retryMs })).toBe(500);
      expect(backoff(4, network, { retryMs })).toBe(4000);
    }
    expect(backoff(1, network, { retryMs: MIN_RETRY_HINT })).toBe(MIN_RETRY_HINT / 2);
  });

  it('honours a future Retry-After on 429 and 503 to the millisecond, also above the cap', () => {
    const backoff = createBackoff({ random: () => 0.5, max: 1000 });
    expect(backoff(1, http(503, 7000))).toBe(7000);
    expect(backoff(1, http(503, 2000))).toBe(2000);
    expect(backoff(9, http(429, 120_000), { retryMs: 10 })).toBe(120_000);
  });

  it('treats Retry-After: 0 (or a past date, which parses to 0) as no hint: the backoff applies', () => {
    const backoff = createBackoff({ random: () => 0 });
    expect(backoff(1, http(503, 0))).toBe(500);
    expect(backoff(3, http(429, 0))).toBe(2000);
    expect(backoff(2, http(429, -1000))).toBe(1000);
  });

  it('ignores Retry-After on other statuses and 503 without one', () => {
    const backoff = createBackoff({ random: () => 0.5 });
    expect(backoff(1, http(500, 7000))).toBe(750);
    expect(backoff(2, http(503))).toBe(1500);
  });

  it(`caps a huge Retry-After at MAX_RETRY_AFTER (${MAX_RETRY_AFTER} ms)`, () => {
    expect(createBackoff()(1, http(503, 1e12))).toBe(MAX_RETRY_AFTER);
  });

  it('is pure: the same inputs give the same delay, and a broken random or option cannot produce NaN', () => {
    const backoff = createBackoff({ random: () => 0.25 });
    expect(backoff(4, network)).toBe(backoff(4, network));
    expect(createBackoff({ random: () => Number.NaN })(1, network)).toBe(750);
    expect(createBackoff({ random: () => 7 })(1, network)).toBe(1000);
    expect(createBackoff({ base: -1, max: Number.NaN, random: () => 0.5 })(1, network)).toBe(750);
    expect(createBackoff({ random: () => 0.5 })(0, null)).toBe(750);
  });

  it('defaultBackoff stays within the documented bounds', () => {
    for (let attempt = 1; attempt < 40; attempt++) {
      const ceiling = Math.min(30_000, 1000 * 2 ** (attempt - 1));
      const delay = defaultBackoff(attempt, network);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThan(ceiling);
    }
  });
});
