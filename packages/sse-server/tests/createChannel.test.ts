import { afterEach, describe, expect, it } from 'vitest';
import { createChannel, createFetchStream, createMemoryBroker, createNodeStream, type Broker, type Channel, type CloseReason, type SSESink } from '../src/index';
import { connect, listen, parseEvents, waitFor } from './helpers';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function serve(channel: Channel, maxQueueBytes?: number) {
  const server = await listen((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const topics = channel.parseTopics(url.searchParams.get('topics'));
    if (!topics.ok) {
      res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: topics.error }));
      return;
    }
    const header = req.headers['last-event-id'];
    const sink = createNodeStream(req, res, maxQueueBytes === undefined ? {} : { maxQueueBytes });
    void channel.connect(sink, { lastEventId: typeof header === 'string' ? header : null, topics: topics.topics });
  });
  cleanup = async () => {
    channel.close();
    await server.close();
  };
  return server.base;
}

async function publishTicks(channel: Channel, from: number, to: number) {
  for (let n = from; n <= to; n++) await channel.publish({ event: 'tick', data: { n } });
}

/** A predictable epoch, so ids read `e.<seq>`. */
const memory = (replaySize: number) => createMemoryBroker({ replaySize, epoch: 'e' });

describe('createChannel', () => {
  it('replays exactly the missed events, in order, to a client that reconnects with Last-Event-ID', async () => {
    const channel = createChannel({ broker: memory(100) });
    const base = await serve(channel);
    const first = await connect(`${base}/`);
    await waitFor(() => channel.stats.clients === 1);
    await publishTicks(channel, 1, 5);
    await first.until((events) => events.length === 5);
    const k = first.events()[2]?.id;
    expect(k).toBe('e.3');
    first.close();
    await waitFor(() => channel.stats.clients === 0);

    await publishTicks(channel, 6, 10);
    const again = await connect(`${base}/`, { 'Last-Event-ID': k ?? '' });
    await again.until((events) => events.length === 7);
    // Live events after the replay continue the sequence with no gap and no duplicate.
    await publishTicks(channel, 11, 12);
    await again.until((events) => events.length === 9);
    expect(again.events().map((e) => e.id)).toEqual(['e.4', 'e.5', 'e.6', 'e.7', 'e.8', 'e.9', 'e.10', 'e.11', 'e.12']);
    expect(again.events().map((e) => JSON.parse(e.data).n)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
    again.close();
  });

  it('sends sse:reset for a foreign, unknown, malformed or too old Last-Event-ID, then continues live', async () => {
    const channel = createChannel({ broker: memory(3) });
    const base = await serve(channel);
    await publishTicks(channel, 1, 10);
    for (const [lastId, reason] of [
      ['m4x2k9qa7f.4', 'foreign-epoch'],
      ['e.999', 'unknown-id'],
      ['abc', 'malformed-id'],
      ['e.2', 'too-old'],
    ] as const) {
      const client = await connect(`${base}/`, { 'Last-Event-ID': lastId });
      await client.until((events) => events.length === 1);
      const [reset] = client.events();
      expect(reset?.event).toBe('sse:reset');
      // The reset carries the newest id so the next reconnect can resume from it.
      expect(reset?.id).toBe('e.10');
      expect(JSON.parse(reset?.data ?? '{}')).toEqual({ reason, lastEventId: lastId, message: expect.stringMatching(/Refetch your snapshot\.$/) });
      client.close();
    }
    const live = await connect(`${base}/`, { 'Last-Event-ID': 'nope' });
    await live.until((events) => events.length === 1);
    await publishTicks(channel, 11, 11);
    await live.until((events) => events.length === 2);
    expect(live.events().map((e) => `${e.event} ${e.id}`)).toEqual(['sse:reset e.10', 'tick e.11']);
    live.close();
  });

  it('a client from another history (a restart) gets sse:reset at this history\'s start, then all of it, then live: nothing the new process published is lost', async () => {
    const channel = createChannel({ broker: memory(100) });
    const base = await serve(channel);
    await publishTicks(channel, 1, 5);
    const client = await connect(`${base}/`, { 'Last-Event-ID': 'oldprocess.41' });
    await client.until((events) => events.length === 6);
    await publishTicks(channel, 6, 6);
    await client.until((events) => events.length === 7);
    expect(client.events().map((e) => `${e.event} ${e.id}`)).toEqual([
      'sse:reset e.0',
      'tick e.1',
      'tick e.2',
      'tick e.3',
      'tick e.4',
      'tick e.5',
      'tick e.6',
    ]);
    expect(JSON.parse(client.events()[0]?.data ?? '{}')).toMatchObject({ reason: 'foreign-epoch', lastEventId: 'oldprocess.41' });
    client.close();
  });

  it('resets with the "before everything" id when nothing was published, and resumes from it', async () => {
    const channel = createChannel({ broker: memory(10) });
    const base = await serve(channel);
    const first = await connect(`${base}/`, { 'Last-Event-ID': 'k1q0z3m2b8.981' });
    await first.until((events) => events.length === 1);
    expect(first.events()[0]).toMatchObject({ event: 'sse:reset', id: 'e.0' });
    expect(first.raw()).toMatch(/^retry: 3000\n\n(: sse:heartbeat=15000\n\n)?event: sse:reset\nid: e\.0\n/);
    first.close();
    await publishTicks(channel, 1, 2);
    // The reset's id is a real position: the next reconnect replays everything after it.
    const again = await connect(`${base}/`, { 'Last-Event-ID': 'e.0' });
    await again.until((events) => events.length === 2);
    expect(again.events().map((e) => e.id)).toEqual(['e.1', 'e.2']);
    again.close();
  });

  it('answers a 20 kB or garbage Last-Event-ID with a malformed-id reset, never a throw', async () => {
    const channel = createChannel({ broker: memory(10) });
    await publishTicks(channel, 1, 3);
    for (const lastEventId of ['x'.repeat(20_000), '\0\r\nevent: injected', 'caf\u00e9.1', ' e.1']) {
      const { sink, response } = createFetchStream(new Request('http://x/'), { retry: null, heartbeatMs: 0 });
      // The reset flows at the reader's pace: connect resolves once the body has been read.
      const connected = channel.connect(sink, { lastEventId }).then(() => sink.close());
      const events = parseEvents(await response.text());
      await connected;
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ event: 'sse:reset', id: 'e.3' });
      const data = JSON.parse(events[0]?.data ?? '{}') as { reason: string; lastEventId: string };
      expect(data.reason).toBe('malformed-id');
      // Echoed (JSON keeps it on one line), but not 20 kB of it.
      expect(data.lastEventId).toBe(lastEventId.slice(0, 1024));
    }
    channel.close();
  });

  it('refuses to publish a reserved sse: name', async () => {
    const channel = createChannel();
    await expect(channel.publish({ event: 'sse:reset', data: {} })).rejects.toThrow(/^\[@kit\/sse-server\] publish\(\): the event name "sse:reset" is reserved/);
    expect(channel.stats.eventsPublished).toBe(0);
    channel.close();
  });

  it('resets a resuming client when the broker cannot replay, and keeps it live', async () => {
    const inner = createMemoryBroker({ epoch: 'e' });
    const broker: Broker = { ...inner, replaySince: () => Promise.reject(new Error('connection refused')) };
    const channel = createChannel({ broker });
    const base = await serve(channel);
    // This channel has seen nothing yet: the reset keeps the client's own position.
    const client = await connect(`${base}/`, { 'Last-Event-ID': 'e.1' });
    await client.until((events) => events.length === 1);
    expect(client.events()[0]).toMatchObject({ event: 'sse:reset', id: 'e.1' });
    expect(JSON.parse(client.events()[0]?.data ?? '{}')).toMatchObject({ reason: 'unavailable' });
    await publishTicks(channel, 1, 1);
    await client.until((events) => events.length === 2);
    expect(client.events()[1]).toMatchObject({ event: 'tick', id: 'e.1' });
    // Once it has seen events, the reset points where this client's live stream starts.
    const second = await connect(`${base}/`, { 'Last-Event-ID': 'bad' });
    await second.until((events) => events.length === 1);
    expect(second.events()[0]).toMatchObject({ event: 'sse:reset', id: 'e.1' });
    client.close();
    second.close();
  });

  it('resumes from the oldest event still kept', async () => {
    const channel = createChannel({ broker: memory(3) });
    const base = await serve(channel);
    await publishTicks(channel, 1, 10);
    const client = await connect(`${base}/`, { 'Last-Event-ID': 'e.7' });
    await client.until((events) => events.length === 3);
    expect(client.events().map((e) => e.id)).toEqual(['e.8', 'e.9', 'e.10']);
    client.close();
  });

  it('filters by topic, including the replay, and rejects unknown topics', async () => {
    const channel = createChannel({ broker: memory(10), topics: ['metrics', 'alert', 'log'] });
    const base = await serve(channel);
    await channel.publish({ event: 'metrics', data: 1 });
    await channel.publish({ event: 'log', data: 2 });
    const client = await connect(`${base}/?topics=metrics,alert`, { 'Last-Event-ID': 'e.0' });
    await channel.publish({ event: 'alert', data: 3 });
    await channel.publish({ event: 'log', data: 4 });
    await channel.publish({ event: 'metrics', data: 5 });
    await client.until((events) => events.length === 3);
    expect(client.events().map((e) => `${e.event}:${e.data}`)).toEqual(['metrics:1', 'alert:3', 'metrics:5']);
    client.close();

    // Whatever the topics, the reset gets through.
    const reset = await connect(`${base}/?topics=alert`, { 'Last-Event-ID': 'e.999' });
    await reset.until((events) => events.length === 1);
    expect(reset.events()[0]).toMatchObject({ event: 'sse:reset', id: 'e.5' });
    reset.close();

    const bad = await fetch(`${base}/?topics=metrics,metrix`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/Unknown topic "metrix"/);
  });

  it('serializes each broadcast once however many clients receive it', async () => {
    const channel = createChannel();
    const base = await serve(channel);
    const clients = await Promise.all(Array.from({ length: 20 }, () => connect(`${base}/`)));
    await waitFor(() => channel.stats.clients === 20);
    await publishTicks(channel, 1, 5);
    await Promise.all(clients.map((c) => c.until((events) => events.length === 5)));
    expect(channel.stats).toMatchObject({ clients: 20, eventsPublished: 5, serializations: 5, framesSent: 100 });
    for (const client of clients) client.close();
  });

  it('types publish and topics against an event map', async () => {
    interface Dashboard {
      metrics: { cpu: number };
      alert: { severity: 'info' | 'critical' };
    }
    const channel = createChannel<Dashboard>({ broker: memory(10), topics: ['metrics', 'alert'] });
    expect(await channel.publish({ event: 'metrics', data: { cpu: 0.5 } })).toEqual({ id: 'e.1' });
    expect(await channel.publish({ event: 'alert', data: { severity: 'critical' } })).toEqual({ id: 'e.2' });
    // Checked by `tsc` (the typecheck script): these must not compile.
    const misuse = () => {
      // @ts-expect-error the payload of metrics is { cpu: number }
      void channel.publish({ event: 'metrics', data: { severity: 'info' } });
      // @ts-expect-error unknown event name
      void channel.publish({ event: 'metrix', data: { cpu: 1 } });
      // @ts-expect-error topics must be names of the map
      createChannel<Dashboard>({ topics: ['log'] });
    };
    expect(typeof misuse).toBe('function');
    expect(channel.stats.eventsPublished).toBe(2);
    channel.close();
  });

  it('keeps count of clients of every kind as they come and go, including an SSESink of its own making', async () => {
    const channel = createChannel({ broker: memory(100) });
    const base = await serve(channel);
    // A sink written elsewhere, whose close listeners get the reason only.
    const frames: string[] = [];
    let listener: ((reason: CloseReason) => void) | null = null;
    const custom = {
      closed: false,
      write: (frame: string | Uint8Array) => frames.push(typeof frame === 'string' ? frame : new TextDecoder().decode(frame)) > 0,
      onClose: (next: (reason: CloseReason) => void) => {
        listener = next;
        return () => {};
      },
    } as unknown as SSESink;
    await channel.connect(custom);
    const plain = await connect(`${base}/`);
    const topical = await connect(`${base}/?topics=tick`);
    await waitFor(() => channel.stats.clients === 3);
    await publishTicks(channel, 1, 1);
    const resumed = await connect(`${base}/`, { 'Last-Event-ID': 'e.1' });
    await waitFor(() => channel.stats.clients === 4);
    await publishTicks(channel, 2, 3);
    // Every client gets each live event once, the resumed one too (caught up, then live).
    await waitFor(() => resumed.events().length === 2 && plain.events().length === 3 && topical.events().length === 3);
    expect(resumed.events().map((e) => e.id)).toEqual(['e.2', 'e.3']);
    expect(frames.filter((frame) => frame.includes('event: tick'))).toHaveLength(3);
    plain.close();
    resumed.close();
    await waitFor(() => channel.stats.clients === 2);
    (listener as unknown as (reason: CloseReason) => void)('client');
    expect(channel.stats.clients).toBe(1);
    await publishTicks(channel, 4, 4);
    await waitFor(() => topical.events().length === 4);
    expect(frames.filter((frame) => frame.includes('event: tick'))).toHaveLength(3);
    topical.close();
    await waitFor(() => channel.stats.clients === 0);
  });
});
