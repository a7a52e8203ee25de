import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { formatEvent, type CloseReason, type SSESink, type SSEStreamOptions } from '../src/index';
import { connect, waitFor, type TestClient } from './helpers';
import { serveSinks, type SinkKind } from './sinkServers';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

interface Session {
  sink: SSESink;
  client: TestClient;
  reasons: CloseReason[];
}

/** One server, one client: the sink as the handler created it and the client reading it. */
async function open(kind: SinkKind, options: SSEStreamOptions = {}): Promise<Session> {
  let sink: SSESink | undefined;
  const reasons: CloseReason[] = [];
  const server = await serveSinks(kind, options, (opened) => {
    sink = opened.sink;
    sink.onClose((reason) => reasons.push(reason));
  });
  cleanup = server.close;
  const client = await connect(`${server.base}/`);
  await waitFor(() => sink !== undefined);
  return { sink: sink as SSESink, client, reasons };
}

const big = formatEvent({ event: 'blob', data: 'x'.repeat(64 * 1024) });

/** Stops reading and writes big frames until the transport refuses one (bounded: kernel buffers are a few MB). */
async function stall(session: Session): Promise<void> {
  session.client.res.pause();
  for (let i = 0; i < 1000 && session.sink.queuedBytes === 0 && !session.sink.closed; i++) {
    session.sink.write(big);
    await nextTurn();
  }
  expect(session.sink.queuedBytes).toBeGreaterThan(0);
}

// One lifecycle (sink/StreamSink.ts) over two transports: both must behave the same.
describe.each(['node', 'fetch'] as const)('the %s sink', (kind) => {
  it('answers with the event-stream headers, the retry hint, the heartbeat advertisement, then the frames', async () => {
    const { sink, client } = await open(kind, { retry: 1500, heartbeatMs: 60_000, headers: { 'X-Test': 'yes' } });
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(client.headers['cache-control']).toBe('no-cache, no-transform');
    expect(client.headers['x-accel-buffering']).toBe('no');
    expect(client.headers['x-test']).toBe('yes');
    sink.write(formatEvent({ event: 'a', id: '1', data: 'one' }));
    sink.write(new TextEncoder().encode(formatEvent({ data: 'two' })));
    await client.until((events) => events.length === 2);
    expect(client.raw()).toBe('retry: 1500\n\n: sse:heartbeat=60000\n\nevent: a\nid: 1\ndata: one\n\ndata: two\n\n');
    client.close();
  });

  it('advertises the heartbeat only when heartbeats are on', async () => {
    const variants: SSEStreamOptions[] = [{ retry: null, heartbeatMs: 2000 }, { heartbeatMs: 0 }, { retry: null, heartbeatMs: 0 }];
    const server = await serveSinks(kind, (url) => variants[Number(url.slice(1))] ?? {}, ({ sink }) => {
      sink.write(formatEvent({ data: 'first' }));
    });
    cleanup = server.close;
    const raws: string[] = [];
    for (const index of [0, 1, 2]) {
      const client = await connect(`${server.base}/${index}`);
      await client.until((events) => events.length === 1);
      raws.push(client.raw());
      client.close();
    }
    expect(raws).toEqual([': sse:heartbeat=2000\n\ndata: first\n\n', 'retry: 3000\n\ndata: first\n\n', 'data: first\n\n']);
  });

  it('sends a heartbeat at least once per period', async () => {
    const { client } = await open(kind, { retry: null, heartbeatMs: 20 });
    await client.until((_events, raw) => raw.split(':\n\n').length - 1 >= 3);
    expect(client.raw().startsWith(': sse:heartbeat=20\n\n')).toBe(true);
    client.close();
  });

  it('shares one heartbeat timer per period: the others keep beating when one leaves', async () => {
    const sinks: SSESink[] = [];
    const server = await serveSinks(kind, { retry: null, heartbeatMs: 15 }, ({ sink }) => sinks.push(sink));
    cleanup = server.close;
    const first = await connect(`${server.base}/`);
    const second = await connect(`${server.base}/`);
    first.close();
    await waitFor(() => sinks[0]?.closeReason === 'client');
    const before = second.raw().split(':\n\n').length;
    await second.until((_events, raw) => raw.split(':\n\n').length >= before + 3);
    second.close();
  });

  it('close() delivers every accepted frame, ends the stream and tells its listeners once', async () => {
    const { sink, client, reasons } = await open(kind, { retry: null, heartbeatMs: 0 });
    for (const data of ['a', 'b', 'c']) expect(sink.write(formatEvent({ data }))).toBe(true);
    sink.close();
    sink.close();
    await client.ended;
    expect(client.events().map((e) => e.data)).toEqual(['a', 'b', 'c']);
    expect(reasons).toEqual(['server']);
    expect(sink.write(formatEvent({ data: 'late' }))).toBe(false);
    const late: CloseReason[] = [];
    const closedSinks: (SSESink | undefined)[] = [];
    sink.onClose((reason, closed) => {
      late.push(reason);
      closedSinks.push(closed);
    });
    expect(late).toEqual(['server']);
    // Each listener is told which sink closed, so one listener can serve many.
    expect(closedSinks).toHaveLength(1);
    expect(closedSinks[0]).toBe(sink);
  });

  it('a client that leaves closes the sink with reason client', async () => {
    const { sink, client, reasons } = await open(kind, { heartbeatMs: 10 });
    const removed: CloseReason[] = [];
    const unsubscribe = sink.onClose((reason) => removed.push(reason));
    unsubscribe();
    const told: (SSESink | undefined)[] = [];
    sink.onClose((_reason, closed) => told.push(closed));
    client.close();
    await waitFor(() => sink.closed);
    expect(sink.closeReason).toBe('client');
    expect(reasons).toEqual(['client']);
    expect(removed).toEqual([]);
    expect(told).toHaveLength(1);
    expect(told[0]).toBe(sink);
  });

  it('abort() ends the stream abruptly, with the reason given', async () => {
    const first = await open(kind);
    first.sink.abort();
    await first.client.ended;
    expect(first.reasons).toEqual(['aborted']);
    const second = await open(kind);
    second.sink.abort('slow');
    await second.client.ended;
    expect(second.reasons).toEqual(['slow']);
  });

  it('holds every byte while paused, heartbeats included, and sends them in order on resume', async () => {
    const { sink, client } = await open(kind, { retry: null, heartbeatMs: 10 });
    await client.until((_events, raw) => raw.includes(':\n\n'));
    sink.pause();
    await nextTurn();
    const before = client.raw();
    sink.write(formatEvent({ data: 'a' }));
    sink.write(formatEvent({ data: 'b' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Five heartbeat periods went by: nothing went out.
    expect(client.raw()).toBe(before);
    expect(sink.queuedBytes).toBeGreaterThan(0);
    sink.resume();
    await client.until((events) => events.length === 2);
    expect(client.events().map((e) => e.data)).toEqual(['a', 'b']);
    client.close();
  });

  it('drain() resolves at once while frames flow, and only once a stalled reader has read on', async () => {
    const session = await open(kind, { retry: null, heartbeatMs: 0, coalesce: false, maxQueueBytes: 64 * 1024 * 1024 });
    const { sink, client } = session;
    sink.write(formatEvent({ data: 'first' }));
    await sink.drain();
    await client.until((events) => events.length === 1);
    await stall(session);
    let drained = false;
    void sink.drain().then(() => (drained = true));
    for (let i = 0; i < 20; i++) await nextTurn();
    // Nothing reads, so nothing can have been taken.
    expect(drained).toBe(false);
    client.res.resume();
    await sink.drain();
    expect(sink.queuedBytes).toBe(0);
    expect(sink.closed).toBe(false);
    client.close();
  });

  it('drops a client whose reader stalls once its queue passes maxQueueBytes', async () => {
    const session = await open(kind, { retry: null, heartbeatMs: 0, maxQueueBytes: 256 * 1024 });
    await stall(session);
    let accepted = 0;
    while (accepted < 100 && session.sink.write(big)) accepted++;
    expect(session.sink.closeReason).toBe('slow');
    expect(session.reasons).toEqual(['slow']);
    // The bound held: at most maxQueueBytes waited in the sink.
    expect(accepted * big.length).toBeLessThanOrEqual(256 * 1024);
    // The client reads what reached it, then sees the stream cut.
    session.client.res.resume();
    await session.client.ended;
  });

  it('refuses invalid options before writing anything', async () => {
    const bad: [SSEStreamOptions, string][] = [
      [{ maxQueueBytes: -1 }, 'maxQueueBytes must be a non-negative integer of bytes, got -1.'],
      [{ heartbeatMs: 1.5 }, 'heartbeatMs must be a non-negative integer of milliseconds (0 turns heartbeats off), got 1.5.'],
      [{ retry: Number.NaN }, 'retry must be a non-negative integer of milliseconds, got NaN.'],
      [{ coalesce: 'yes' as unknown as boolean }, 'coalesce must be true or false, got yes.'],
    ];
    const server = await serveSinks(kind, (url) => bad[Number(url.slice(1))]?.[0] ?? {}, () => {});
    cleanup = server.close;
    for (const [index, [, message]] of bad.entries()) {
      const response = await fetch(`${server.base}/${index}`);
      expect(response.status).toBe(500);
      expect(await response.text()).toBe(`[@kit/sse-server] ${message}`);
    }
  });
});
