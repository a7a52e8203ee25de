import { afterEach, describe, expect, it } from 'vitest';
import { connect, postJson, startServer, waitFor } from './sse';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function start(options: Parameters<typeof startServer>[0] = {}) {
  const started = await startServer(options);
  close = started.close;
  return { ...started, chaos: (body: unknown) => postJson(`${started.base}/api/chaos`, body) };
}

describe('POST /api/chaos', () => {
  it('drop cuts every open stream at once', async () => {
    const { base, server, chaos } = await start();
    const clients = await Promise.all(Array.from({ length: 5 }, (_, i) => connect(`${base}/api/stream?clientId=c${i}`)));
    await waitFor(() => server.channel.stats.clients === 5);
    const res = await chaos({ action: 'drop' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ dropped: 5 });
    await Promise.all(clients.map((c) => c.ended));
    expect(server.channel.stats.clients).toBe(0);
    const stats = await (await fetch(`${base}/api/stats`)).json();
    expect(stats.connections.total).toBe(0);
  });

  it('fail answers the next N connects with 503 and Retry-After, then lets them through', async () => {
    const { base, chaos } = await start();
    expect((await chaos({ action: 'fail', count: 2, retryAfter: 3 })).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const res = await fetch(`${base}/api/stream`);
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('3');
      expect(await res.json()).toMatchObject({ error: expect.stringMatching(/unavailable/) });
    }
    const ok = await connect(`${base}/api/stream`);
    expect(ok.status).toBe(200);
    ok.close();
  });

  it('fail with drop: true also cuts the open streams, so they reconnect into the failures at once', async () => {
    const { base, server, chaos } = await start();
    const open = await connect(`${base}/api/stream`);
    await waitFor(() => server.channel.stats.clients === 1);
    const res = await chaos({ action: 'fail', count: 1, retryAfter: 2, drop: true });
    expect(await res.json()).toEqual({ ok: true, dropped: 1, chaos: { latencyMs: 0, failRemaining: 1, failRetryAfter: 2, stalledUntil: 0 } });
    await open.ended;
    const refused = await fetch(`${base}/api/stream`);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('2');
    expect((await chaos({ action: 'fail', count: 1, drop: 'yes' })).status).toBe(400);
  });

  it('latency delays new connects', async () => {
    const { base, chaos } = await start();
    await chaos({ action: 'latency', ms: 120 });
    const started = Date.now();
    const client = await connect(`${base}/api/stream`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    client.close();
    await chaos({ action: 'reset' });
    const quick = Date.now();
    const again = await connect(`${base}/api/stream`);
    expect(Date.now() - quick).toBeLessThan(110);
    again.close();
  });

  it('stall stops every byte, heartbeats included, then resumes with what was held', async () => {
    const { base, server, chaos } = await start({ heartbeatMs: 10 });
    const client = await connect(`${base}/api/stream`);
    await client.until((_e, raw) => raw.includes(':\n\n'));
    await chaos({ action: 'stall', ms: 150 });
    // Anything already in flight lands first; from then on nothing may arrive until the stall ends.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const frozen = client.raw();
    await server.channel.publish({ event: 'tick', data: { seq: 1, ts: 0 } });
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(client.raw()).toBe(frozen);
    await client.until((events) => events.length === 1, 1000);
    expect(client.events()[0]?.event).toBe('tick');
    client.close();
  });

  it('rejects an unknown action, bad numbers, invalid JSON and an oversized body', async () => {
    const { base, chaos } = await start();
    expect((await chaos({ action: 'explode' })).status).toBe(400);
    expect((await chaos({ action: 'latency', ms: -1 })).status).toBe(400);
    expect((await chaos({ action: 'fail', count: 1.5 })).status).toBe(400);
    const invalid = await postJson(`${base}/api/chaos`, 'not json');
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ error: 'The request body is not valid JSON.' });
    const huge = await postJson(`${base}/api/chaos`, { action: 'reset', pad: 'x'.repeat(20_000) });
    expect(huge.status).toBe(413);
  });
});
