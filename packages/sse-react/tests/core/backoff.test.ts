import { describe, expect, it } from 'vitest';
import { createBackoff, defaultBackoff, SSEError } from '@kit/sse-react/core';

const network = new SSEError('network', 'gone');
const http = (status: number, retryAfterMs?: number) =>
  new SSEError('http', `answered ${status}`, retryAfterMs === undefined ? { status } : { status, retryAfterMs });

describe('createBackoff', () => {
  it('draws full jitter in [0, base * 2^(attempt-1))', () => {
    const low = createBackoff({ random: () => 0 });
    const high = createBackoff({ random: () => 0.999999 });
    const mid = createBackoff({ random: () => 0.5 });
    expect(low(1, network)).toBe(0);
    expect(low(5, network)).toBe(0);
    expect(high(1, network)).toBe(999);
    expect(high(3, network)).toBe(3999);
    expect(mid(1, network)).toBe(500);
    expect(mid(2, network)).toBe(1000);
    expect(mid(3, network)).toBe(2000);
  });

  it('caps the ceiling at max (30 s by default) for any attempt', () => {
    const high = createBackoff({ random: () => 0.999999 });
    expect(high(6, network)).toBe(29_999);
    expect(high(50, network)).toBe(29_999);
    expect(high(10_000, network)).toBe(29_999);
    expect(createBackoff({ max: 5000, random: () => 0.5 })(10, network)).toBe(2500);
  });

  it("scales from the server's retry: (third argument) instead of base", () => {
    const backoff = createBackoff({ base: 1000, random: () => 0.5 });
    expect(backoff(1, network, { retryMs: 200 })).toBe(100);
    expect(backoff(3, network, { retryMs: 200 })).toBe(400);
    expect(backoff(3, network, { retryMs: undefined })).toBe(2000);
    expect(createBackoff({ base: 50, random: () => 0.5 })(1, null)).toBe(25);
  });

  it('honours Retry-After on 429 and 503 before anything else, also above the cap', () => {
    const backoff = createBackoff({ random: () => 0.5, max: 1000 });
    expect(backoff(1, http(503, 7000))).toBe(7000);
    expect(backoff(9, http(429, 120_000), { retryMs: 10 })).toBe(120_000);
    expect(backoff(1, http(503, 0))).toBe(0);
  });

  it('ignores Retry-After on other statuses and 503 without one', () => {
    const backoff = createBackoff({ random: () => 0.5 });
    expect(backoff(1, http(500, 7000))).toBe(500);
    expect(backoff(2, http(503))).toBe(1000);
  });

  it('keeps a huge Retry-After below the setTimeout limit so it cannot fire at once', () => {
    expect(createBackoff()(1, http(503, 1e12))).toBe(2 ** 31 - 1);
  });

  it('is pure: the same inputs give the same delay, and a broken random or option cannot produce NaN', () => {
    const backoff = createBackoff({ random: () => 0.25 });
    expect(backoff(4, network)).toBe(backoff(4, network));
    expect(createBackoff({ random: () => Number.NaN })(1, network)).toBe(500);
    expect(createBackoff({ random: () => 7 })(1, network)).toBe(1000);
    expect(createBackoff({ base: -1, max: Number.NaN, random: () => 0.5 })(1, network)).toBe(500);
    expect(createBackoff({ random: () => 0.5 })(0, null)).toBe(500);
  });

  it('defaultBackoff stays within the documented bounds', () => {
    for (let attempt = 1; attempt < 40; attempt++) {
      const delay = defaultBackoff(attempt, network);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(Math.min(30_000, 1000 * 2 ** (attempt - 1)));
    }
  });
});
