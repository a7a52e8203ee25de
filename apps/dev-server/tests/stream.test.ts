import { connect as netConnect } from 'node:net';
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
  return started;
}

describe('GET /api/stream', () => {
  it('streams every dashboard topic with ids, and ticks in sequence', async () => {
    const { base } = await start({ generators: true, metricsMs: 15, tickMs: 10, logMs: 10, alertMs: 5, random: () => 0.1 });
    const client = await connect(`${base}/api/stream`);
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    await client.until((events) => ['metrics', 'log', 'alert', 'tick'].every((name) => events.some((e) => e.event === name)));
    const ticks = client.events().filter((e) => e.event === 'tick').map((e) => (JSON.parse(e.data) as { seq: number }).seq);
    expect(ticks).toEqual(Array.from({ length: ticks.length }, (_, i) => (ticks[0] ?? 0) + i));
    const metrics = JSON.parse(client.events().find((e) => e.event === 'metrics')?.data ?? '{}');
    expect(metrics.services).toHaveLength(4);
    expect(metrics.services[0]).toEqual({
      service: 'api',
      cpu: expect.any(Number),
      memoryMb: expect.any(Number),
      rps: expect.any(Number),
      p50Ms: expect.any(Number),
      p99Ms: expect.any(Number),
    });
    // <epoch>.<seq>: one epoch, increasing sequence numbers (the state-on-connect events before
    // the first id carry none).
    const ids = client.events().filter((e) => e.id !== undefined).map((e) => /^([0-9A-Za-z_-]+)\.(\d+)$/.exec(e.id ?? ''));
    expect(new Set(ids.map((match) => match?.[1])).size).toBe(1);
    const seqNumbers = ids.map((match) => Number(match?.[2]));
    expect(seqNumbers.every((seq, i) => i === 0 || seq > (seqNumbers[i - 1] ?? 0))).toBe(true);
    client.close();
  });

  it('sends only the requested topics and answers an unknown topic with a JSON 400', async () => {
    const { base, server } = await start();
    const client = await connect(`${base}/api/stream?topics=alert,tick`);
    await waitFor(() => server.channel.stats.clients === 1);
    for (const event of ['metrics', 'alert', 'log', 'tick']) await server.channel.broker.publish({ event, data: event });
    await client.until((events) => events.length === 2);
    expect(client.events().map((e) => e.event)).toEqual(['alert', 'tick']);
    client.close();

    const bad = await fetch(`${base}/api/stream?topics=tick,nope`);
    expect(bad.status).toBe(400);
    expect(bad.headers.get('content-type')).toMatch(/application\/json/);
    expect(await bad.json()).toMatchObject({ unknownTopics: ['nope'] });
  });

  it('gives a client reconnecting with Last-Event-ID exactly the events it missed', async () => {
    const { base, server } = await start();
    const first = await connect(`${base}/api/stream?clientId=a`);
    await waitFor(() => server.channel.stats.clients === 1);
    for (let n = 1; n <= 6; n++) await server.channel.publish({ event: 'tick', data: { seq: n, ts: 0 } });
    await first.until((events) => events.length === 6);
    const k = first.events()[3]?.id ?? '';
    first.close();
    await waitFor(() => server.channel.stats.clients === 0);
    for (let n = 7; n <= 10; n++) await server.channel.publish({ event: 'tick', data: { seq: n, ts: 0 } });

    const again = await connect(`${base}/api/stream?clientId=a`, { 'Last-Event-ID': k });
    await again.until((events) => events.length === 6);
    expect(again.events().map((e) => (JSON.parse(e.data) as { seq: number }).seq)).toEqual([5, 6, 7, 8, 9, 10]);
    again.close();

    // Native EventSource cannot send headers on its first connect: the query fallback.
    const viaQuery = await connect(`${base}/api/stream?lastEventId=${k}`);
    await viaQuery.until((events) => events.length === 6);
    viaQuery.close();
  });

  it('answers a malformed or unknown Last-Event-ID with a reset event and stays live', async () => {
    const { base, server } = await start();
    await server.channel.publish({ event: 'tick', data: { seq: 1, ts: 0 } });
    for (const lastId of ['not-a-number', '12']) {
      const client = await connect(`${base}/api/stream`, { 'Last-Event-ID': lastId });
      await client.until((events) => events.length === 1);
      expect(client.events()[0]?.event).toBe('sse:reset');
      expect(JSON.parse(client.events()[0]?.data ?? '{}').message).toMatch(/Refetch your snapshot/);
      await server.channel.publish({ event: 'tick', data: { seq: 2, ts: 0 } });
      await client.until((events) => events.length === 2);
      expect(client.events()[1]?.event).toBe('tick');
      client.close();
    }
  });

  it('refuses a ninth stream for one client id with 429 and Retry-After, and counts streams per client', async () => {
    const { base } = await start();
    const clients = await Promise.all(Array.from({ length: 8 }, () => connect(`${base}/api/stream?clientId=tab-1`)));
    const other = await connect(`${base}/api/stream?clientId=tab-2`);
    const refused = await fetch(`${base}/api/stream?clientId=tab-1`);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('5');
    expect((await refused.json()).error).toMatch(/already has 8 open streams/);
    const stats = await (await fetch(`${base}/api/stats`)).json();
    expect(stats.connections).toEqual({ total: 9, byClientId: { 'tab-1': 8, 'tab-2': 1 }, chat: 0 });
    expect(stats.uptimeSeconds).toEqual(expect.any(Number));
    for (const c of [...clients, other]) c.close();

    const badId = await fetch(`${base}/api/stream?clientId=${'x'.repeat(65)}`);
    expect(badId.status).toBe(400);
  });

  it('reports events sent and dropped slow clients in /api/stats', async () => {
    const { base, server } = await start();
    const client = await connect(`${base}/api/stream`);
    await waitFor(() => server.channel.stats.clients === 1);
    await server.channel.publish({ event: 'tick', data: { seq: 1, ts: 0 } });
    await client.until((events) => events.length === 1);
    const stats = await (await fetch(`${base}/api/stats`)).json();
    expect(stats).toMatchObject({ eventsPublished: 1, eventsSent: 1, droppedSlowClients: 0, broker: { ok: true, kind: 'memory' } });
    client.close();
  });

  it('drops a client that stops reading, counts it in /api/stats, and keeps the others streaming', async () => {
    const { base, server } = await start({ maxQueueBytes: 256 * 1024 });
    const slow = netConnect(Number(new URL(base).port), '127.0.0.1');
    slow.write('GET /api/stream?clientId=slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    slow.pause();
    const fast = await Promise.all(Array.from({ length: 10 }, (_, i) => connect(`${base}/api/stream?clientId=f${i}`)));
    await waitFor(() => server.channel.stats.clients === 11);
    const payload = 'x'.repeat(32 * 1024);
    let total = 0;
    let extra = 5;
    while (total < 2000 && extra > 0) {
      await server.channel.broker.publish({ event: 'log', data: { n: ++total, payload } });
      if (server.channel.stats.droppedSlowClients > 0) extra--;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(fast.map((c) => c.until((events) => events.length === total, 10_000)));
    const stats = await (await fetch(`${base}/api/stats`)).json();
    expect(stats.droppedSlowClients).toBe(1);
    expect(stats.connections.byClientId.slow).toBeUndefined();
    expect(stats.connections.total).toBe(10);
    slow.destroy();
    for (const c of fast) c.close();
  }, 20_000);

  it('streams deploy progress for POST /api/deploys until it finishes', async () => {
    const { base } = await start({ deployStepMs: 5, random: () => 0.5 });
    const client = await connect(`${base}/api/stream?topics=deploy`);
    const res = await postJson(`${base}/api/deploys`, { service: 'billing' });
    expect(res.status).toBe(202);
    const deploy = await res.json();
    expect(deploy).toMatchObject({ service: 'billing', progress: 0, status: 'running' });
    await client.until((events) => events.some((e) => JSON.parse(e.data).status === 'succeeded'));
    const progress = client.events().map((e) => JSON.parse(e.data).progress as number);
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(100);
    expect(progress.every((p, i) => i === 0 || p > (progress[i - 1] ?? 0))).toBe(true);
    client.close();
  });

  it('ends streams and closes on shutdown', async () => {
    const { base, server } = await startServer();
    const client = await connect(`${base}/api/stream`);
    await waitFor(() => server.channel.stats.clients === 1);
    await server.shutdown();
    await client.ended;
    expect(server.listening).toBe(false);
  });
});
