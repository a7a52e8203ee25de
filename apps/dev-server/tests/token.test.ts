import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createRateLimiter } from '../src/http/createRateLimiter';
import { postJson, startServer } from './sse';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** POST /api/token from a chosen loopback address, so two "clients" can be told apart. */
function mintFrom(base: string, localAddress: string): Promise<{ status: number; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}/api/token`, { method: 'POST', localAddress, headers: { 'Content-Type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] }));
    });
    req.on('error', reject);
    req.end('{}');
  });
}

describe('POST /api/token limits', () => {
  it('limits minting per client address: a burst, then 429 with Retry-After; another address is unaffected', async () => {
    // 6 a minute: one token every 10 s once the burst of 3 is spent.
    const started = await startServer({ tokenBurst: 3, tokenMintsPerMinute: 6 });
    close = started.close;
    const first = [];
    for (let i = 0; i < 4; i++) first.push(await mintFrom(started.base, '127.0.0.1'));
    expect(first.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(first[3]?.retryAfter).toBe('10');
    expect((await mintFrom(started.base, '127.0.0.2')).status).toBe(200);

    const refused = await postJson(`${started.base}/api/token`, {});
    expect(refused.status).toBe(429);
    expect((await refused.json()).error).toMatch(/^\[@kit\/dev-server\] Too many tokens minted from this address/);
    const stats = await (await fetch(`${started.base}/api/stats`)).json();
    expect(stats.tokens.live).toBe(4);
    expect(stats.refusals.tokenRateLimited).toBe(2);
  });

  it('caps live tokens: 429 with Retry-After until the earliest expires', async () => {
    const started = await startServer({ maxLiveTokens: 2 });
    close = started.close;
    expect((await postJson(`${started.base}/api/token?ttl=7`, {})).status).toBe(200);
    expect((await postJson(`${started.base}/api/token`, { ttl: 60 })).status).toBe(200);
    const full = await postJson(`${started.base}/api/token`, {});
    expect(full.status).toBe(429);
    expect(full.headers.get('retry-after')).toBe('7');
    expect((await full.json()).error).toMatch(/2 tokens are live/);
    expect((await (await fetch(`${started.base}/api/stats`)).json()).refusals.tokensFull).toBe(1);
  });

  it('refuses an oversized body (413), a body that is not an object (400) and a bad ttl in the body (400)', async () => {
    const started = await startServer();
    close = started.close;
    expect((await postJson(`${started.base}/api/token`, { pad: 'x'.repeat(20_000) })).status).toBe(413);
    expect((await postJson(`${started.base}/api/token`, [1])).status).toBe(400);
    expect((await postJson(`${started.base}/api/token`, { ttl: 'soon' })).status).toBe(400);
    const ok = await postJson(`${started.base}/api/token`, { ttl: 30 });
    expect((await ok.json()).expiresIn).toBe(30);
  });
});

describe('createRateLimiter', () => {
  it('spends a burst, refills at the rate, and says how long to wait', () => {
    const limiter = createRateLimiter({ burst: 2, perMinute: 60 });
    expect(limiter.take('a', 0)).toEqual({ ok: true });
    expect(limiter.take('a', 0)).toEqual({ ok: true });
    expect(limiter.take('a', 0)).toEqual({ ok: false, retryAfterMs: 1000 });
    expect(limiter.take('a', 400)).toEqual({ ok: false, retryAfterMs: 600 });
    expect(limiter.take('a', 1000)).toEqual({ ok: true });
    expect(limiter.take('b', 1000)).toEqual({ ok: true });
  });

  it('keeps at most maxKeys buckets, forgetting refilled ones first', () => {
    const limiter = createRateLimiter({ burst: 1, perMinute: 60, maxKeys: 2 });
    limiter.take('a', 0);
    limiter.take('b', 0);
    // By t=5000 both have refilled: they are dropped to make room.
    limiter.take('c', 5000);
    expect(limiter.size).toBe(1);
    limiter.take('d', 5000);
    limiter.take('e', 5000);
    expect(limiter.size).toBe(2);
    expect(() => createRateLimiter({ burst: 0, perMinute: 1 })).toThrow(/\[@kit\/dev-server\] A rate limit needs burst >= 1/);
  });
});
