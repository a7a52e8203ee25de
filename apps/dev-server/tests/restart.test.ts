import { afterEach, describe, expect, it } from 'vitest';
// The kit's own client, fetch transport: it reconnects with Last-Event-ID as a browser page would.
import { createConnection, type Connection } from '../../../packages/sse-react/src/core/index';
import { connect, postJson, startServer, waitFor } from './sse';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Only ticks, fast, with a short retry hint so the client is back within a few ms. */
async function start(options: Parameters<typeof startServer>[0] = {}) {
  const started = await startServer({ generators: true, tickMs: 10, metricsMs: 600_000, logMs: 600_000, alertMs: 600_000, retryMs: 20, ...options });
  cleanups.push(started.close);
  return started;
}

interface Received {
  kind: 'tick' | 'reset';
  id: string;
  seq?: number;
  reason?: string;
}

/** A createConnection client recording every tick and reset it delivers, in order. */
function client(url: string): { connection: Connection; received: Received[]; ticks: () => number[] } {
  const connection = createConnection(url, { transport: 'fetch', closeDelay: 0 });
  const received: Received[] = [];
  const offTick = connection.on('tick', (message) => {
    received.push({ kind: 'tick', id: message.lastEventId, seq: (JSON.parse(message.data) as { seq: number }).seq });
  });
  // The reset is a protocol signal, not an event: its id is where the client now stands.
  const offReset = connection.onReset((reset) => {
    received.push({ kind: 'reset', id: connection.getSnapshot().lastEventId, reason: reset.reason });
  });
  cleanups.push(() => {
    offTick();
    offReset();
    connection.close();
  });
  return { connection, received, ticks: () => received.flatMap((r) => (r.kind === 'tick' ? [r.seq as number] : [])) };
}

const restart = (base: string) => postJson(`${base}/api/chaos`, { action: 'restart' });

describe('POST /api/chaos { action: "restart" }', () => {
  it('drops every stream and starts a new history: a resuming client is reset, then gets every event after the reset, and the ticks count on', async () => {
    const { base, server } = await start();
    const { connection, received, ticks } = client(`${base}/api/stream?topics=tick`);
    await waitFor(() => ticks().length >= 10, 5000);

    const oldChannel = server.channel;
    const res = await restart(base);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ dropped: 1, restart: { historyKept: false, restarts: 1 } });
    expect(server.channel).not.toBe(oldChannel);

    await waitFor(() => received.some((r) => r.kind === 'reset'), 5000);
    const resetAt = received.findIndex((r) => r.kind === 'reset');
    const reset = received[resetAt] as Received;
    expect(reset.reason).toBe('foreign-epoch');
    expect(connection.getSnapshot()).toMatchObject({ resets: 1, lastReset: { reason: 'foreign-epoch' }, droppedDuplicates: 0 });
    // What a reset page refetches: the newest tick, from which it counts on.
    const state = (await (await fetch(`${base}/api/ticks/state`)).json()) as { seq: number };
    await waitFor(() => (ticks().at(-1) ?? 0) >= state.seq + 20, 5000);

    const before = received.slice(0, resetAt).map((r) => r.seq as number);
    const after = received.slice(resetAt + 1);
    // 0 lost, 0 duplicated: exactly what the new history holds after the reset's id, in order.
    const replay = await server.channel.broker.replaySince(reset.id);
    if (!replay.ok) throw new Error(`the new history cannot replay from the reset's id: ${replay.reason}`);
    const expected = replay.events.filter((e) => e.event === 'tick').slice(0, after.length);
    expect(after.length).toBeGreaterThanOrEqual(20);
    expect(after.map((r) => r.id)).toEqual(expected.map((e) => e.id));
    // Counting on: every tick after the reset is newer than every tick before it, with no gap.
    const afterSeqs = after.map((r) => r.seq as number);
    expect(Math.min(...afterSeqs)).toBeGreaterThan(Math.max(...before));
    expect(afterSeqs).toEqual(afterSeqs.map((_, i) => (afterSeqs[0] as number) + i));
    expect(before).toEqual(before.map((_, i) => (before[0] as number) + i));
    expect(state.seq).toBeGreaterThanOrEqual(Math.max(...before));
    expect(new Set(ticks()).size).toBe(ticks().length);
    expect((await (await fetch(`${base}/api/stats`)).json()).restarts).toBe(1);
  });

  it('reset at once: an open stream ends, and a new connect with an id of the old history is reset', async () => {
    const { base, server } = await start({ generators: false });
    const open = await connect(`${base}/api/stream?topics=tick`);
    await waitFor(() => server.channel.stats.clients === 1);
    const { id } = await server.channel.publish({ event: 'tick', data: { seq: 1, ts: 0 } });
    await open.until((events) => events.length === 1);
    await restart(base);
    await open.ended;
    const resumed = await connect(`${base}/api/stream?topics=tick`, { 'Last-Event-ID': id });
    await resumed.until((events) => events.length === 1);
    expect(resumed.events()[0]?.event).toBe('sse:reset');
    expect(JSON.parse(resumed.events()[0]?.data ?? '{}')).toMatchObject({ reason: 'foreign-epoch', lastEventId: id });
    resumed.close();
  });

  it('answers GET /api/ticks/state with the newest tick the history kept', async () => {
    const { base, server } = await start({ generators: false, tickMs: 600_000 });
    expect(await (await fetch(`${base}/api/ticks/state`)).json()).toEqual({ seq: 0, ts: 0 });
    await server.channel.publish({ event: 'tick', data: { seq: 7, ts: 70 } });
    expect(await (await fetch(`${base}/api/ticks/state`)).json()).toEqual({ seq: 7, ts: 70 });
  });
});
