import { afterEach, describe, expect, it } from 'vitest';
import { connect, postBytes, startServer, waitFor } from './sse';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function start() {
  const started = await startServer({ corsOrigins: ['http://127.0.0.1:5173'] });
  close = started.close;
  return started;
}

function post(url: string, body: string, headers: Record<string, string>) {
  return fetch(url, { method: 'POST', headers, body });
}

async function stats(base: string) {
  return (await (await fetch(`${base}/api/stats`)).json()) as {
    connections: { total: number; chat: number };
    chaos: { latencyMs: number; failRemaining: number };
    runningDeploys: number;
    tokens: { live: number };
    refusals: Record<string, number>;
  };
}

const EVIL = 'http://evil.example';
const JSON_TYPE = { 'Content-Type': 'application/json' };

describe('state-changing requests: allowed origins, JSON only', () => {
  it('a cross-site text/plain POST from Origin: http://evil.example gets 403, and the open stream stays open', async () => {
    const { base, server } = await start();
    const client = await connect(`${base}/api/stream?topics=tick`);
    await waitFor(() => server.channel.stats.clients === 1);

    const res = await post(`${base}/api/chaos`, '{"action":"drop"}', {
      Origin: EVIL,
      'Content-Type': 'text/plain',
      'Sec-Fetch-Site': 'cross-site',
    });
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatch(/Origin "http:\/\/evil\.example" may not change .*CORS_ORIGINS/);

    // Still the same open stream: it receives the next event.
    await server.channel.publish({ event: 'tick', data: { seq: 1, ts: 0 } });
    await client.until((events) => events.length === 1);
    expect(client.res.closed).toBe(false);
    expect((await stats(base)).refusals.forbiddenOrigin).toBe(1);
    client.close();
  });

  it('refuses an allowed origin that is not JSON (415), and a cross-site request without an Origin (403)', async () => {
    const { base, server } = await start();
    const client = await connect(`${base}/api/stream?topics=tick`);
    await waitFor(() => server.channel.stats.clients === 1);

    const plain = await post(`${base}/api/chaos`, '{"action":"drop"}', { Origin: 'http://127.0.0.1:5173', 'Content-Type': 'text/plain' });
    expect(plain.status).toBe(415);
    expect((await plain.json()).error).toMatch(/takes Content-Type: application\/json, got "text\/plain"/);
    const crossSite = await post(`${base}/api/chaos`, '{"action":"drop"}', { ...JSON_TYPE, 'Sec-Fetch-Site': 'cross-site' });
    expect(crossSite.status).toBe(403);

    await server.channel.publish({ event: 'tick', data: { seq: 1, ts: 0 } });
    await client.until((events) => events.length === 1);
    expect(client.res.closed).toBe(false);
    expect((await stats(base)).refusals).toMatchObject({ forbiddenOrigin: 1, unsupportedMediaType: 1 });
    client.close();
  });

  it('every POST endpoint refuses a foreign origin and a non-JSON type, and nothing changes', async () => {
    const { base } = await start();
    const requests: [string, unknown][] = [
      ['/api/chaos', { action: 'fail', count: 5 }],
      ['/api/deploys', { service: 'api' }],
      ['/api/token', {}],
      ['/api/chat', { prompt: 'hi' }],
      ['/api/anything-else', {}],
    ];
    for (const [path, body] of requests) {
      const text = JSON.stringify(body);
      expect((await post(`${base}${path}`, text, { ...JSON_TYPE, Origin: EVIL })).status).toBe(403);
      expect((await post(`${base}${path}`, text, { ...JSON_TYPE, Origin: 'null' })).status).toBe(403);
      expect((await post(`${base}${path}`, text, { 'Content-Type': 'application/x-www-form-urlencoded' })).status).toBe(415);
      expect((await post(`${base}${path}`, text, { 'Content-Type': 'application/jsonp' })).status).toBe(415);
      // No Content-Type at all (fetch would add text/plain for a string body).
      expect((await fetch(`${base}${path}`, { method: 'POST', body: new Uint8Array(Buffer.from(text)) })).status).toBe(415);
    }
    const after = await stats(base);
    expect(after.chaos.failRemaining).toBe(0);
    expect(after.runningDeploys).toBe(0);
    expect(after.tokens.live).toBe(0);
    expect(after.connections.chat).toBe(0);
    expect(after.refusals).toMatchObject({ forbiddenOrigin: 10, unsupportedMediaType: 15 });
  });

  it('accepts JSON (any case, with parameters) from no Origin, and from an allowed origin even cross-site', async () => {
    const { base } = await start();
    const latency = (ms: number) => JSON.stringify({ action: 'latency', ms });
    expect((await post(`${base}/api/chaos`, latency(1), JSON_TYPE)).status).toBe(200);
    const allowed = { Origin: 'http://127.0.0.1:5173', 'Content-Type': 'Application/JSON; charset=utf-8' };
    expect((await post(`${base}/api/chaos`, latency(2), allowed)).status).toBe(200);
    // A page on http://localhost:5173 calling http://127.0.0.1:8787 is cross-site, and allowed.
    const res = await post(`${base}/api/chaos`, latency(3), { ...allowed, 'Sec-Fetch-Site': 'cross-site' });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173');
    expect((await stats(base)).chaos.latencyMs).toBe(3);
  });

  it('reads and discards the body of a refused request, so even a large one gets its 403 without EPIPE', async () => {
    const { base } = await start();
    for (const chunked of [false, true]) {
      const res = await postBytes(`${base}/api/deploys`, 8 * 1024 * 1024, { chunked, headers: { Origin: EVIL } });
      expect(res.status).toBe(403);
      expect(res.uploadError).toBeNull();
    }
  });
});
