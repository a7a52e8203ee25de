import { afterEach, describe, expect, it } from 'vitest';
import { connect, postJson, startServer } from './sse';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('GET /api/secure/stream', () => {
  it('answers 401 JSON with WWW-Authenticate without a valid token', async () => {
    const started = await startServer();
    close = started.close;
    for (const headers of [{}, { Authorization: 'Bearer not-issued' }, { Authorization: 'Basic abc' }]) {
      const res = await fetch(`${started.base}/api/secure/stream`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="dev-server", error="invalid_token"');
      expect((await res.json()).error).toMatch(/POST \/api\/token/);
    }
  });

  it('streams with a token, ends the stream when it expires, then refuses it', async () => {
    // Long enough that a loaded CI machine still connects before expiry; short enough to wait out.
    const started = await startServer({ tokenTtlMs: 1500 });
    close = started.close;
    const issued = await postJson(`${started.base}/api/token`, {});
    expect(issued.status).toBe(200);
    const { token, expiresIn, expiresAt } = (await issued.json()) as { token: string; expiresIn: number; expiresAt: string };
    expect(expiresIn).toBe(1.5);
    expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());

    const client = await connect(`${started.base}/api/secure/stream?topics=tick`, { Authorization: `Bearer ${token}` });
    expect(client.status).toBe(200);
    await started.server.channel.publish({ event: 'tick', data: { seq: 1, ts: 0 } });
    await client.until((events) => events.length === 1);
    await client.ended;
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(expiresAt));

    const again = await fetch(`${started.base}/api/secure/stream`, { headers: { Authorization: `Bearer ${token}` } });
    expect(again.status).toBe(401);
  });

  it('issues tokens with a TTL from the query and rejects a bad one', async () => {
    const started = await startServer();
    close = started.close;
    const long = await (await postJson(`${started.base}/api/token?ttl=60`, {})).json();
    expect(long.expiresIn).toBe(60);
    expect((await postJson(`${started.base}/api/token?ttl=abc`, {})).status).toBe(400);
    expect((await postJson(`${started.base}/api/token?ttl=0`, {})).status).toBe(400);
  });
});
