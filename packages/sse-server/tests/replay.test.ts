import { afterEach, describe, expect, it } from 'vitest';
import { createChannel, createFetchStream, createMemoryBroker, type Channel, type SSESink } from '../src/index';
import { parseEvents, type ParsedEvent } from './helpers';
import { serveSinks, type SinkKind } from './sinkServers';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

const PAYLOAD = 'x'.repeat(8 * 1024);

/** A channel whose history holds `count` events of 8 KiB: 1.6 MB for 200, over the 1 MiB default bound. */
async function channelWithHistory(count: number): Promise<Channel> {
  const channel = createChannel({ broker: createMemoryBroker({ replaySize: 1000, epoch: 'e' }) });
  for (let n = 1; n <= count; n++) await channel.publish({ event: 'blob', data: { n, payload: PAYLOAD } });
  return channel;
}

const seqs = (events: ParsedEvent[]) => events.map((e) => (JSON.parse(e.data) as { n: number }).n);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Reads a body with a real reader, as a fetch client does, until `done` says so. */
async function readUntil(body: ReadableStream<Uint8Array>, done: (events: ParsedEvent[]) => boolean): Promise<ParsedEvent[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let raw = '';
  while (!done(parseEvents(raw))) {
    const { value, done: ended } = await reader.read();
    if (ended) throw new Error(`stream ended after ${parseEvents(raw).length} events`);
    raw += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return parseEvents(raw);
}

describe.each(['fetch', 'node'] as const)('a replay through the %s sink', (kind: SinkKind) => {
  it('delivers 200 × 8 KiB missed events in full and in order to a fetch client, then the live ones', async () => {
    const channel = await channelWithHistory(200);
    const server = await serveSinks(kind, {}, ({ sink, lastEventId }) => void channel.connect(sink, { lastEventId }));
    cleanup = async () => {
      channel.close();
      await server.close();
    };
    const response = await fetch(server.base, { headers: { 'Last-Event-ID': 'e.0' } });
    expect(response.status).toBe(200);
    // Published while the replay is being read: they come after it, none lost, none twice.
    const live = (async () => {
      for (let n = 201; n <= 205; n++) await channel.publish({ event: 'blob', data: { n, payload: 'live' } });
    })();
    const events = await readUntil(response.body as ReadableStream<Uint8Array>, (got) => got.length >= 205);
    await live;
    expect(seqs(events)).toEqual(range(1, 205));
    expect(events.map((e) => e.id)).toEqual(range(1, 205).map((n) => `e.${n}`));
    expect(channel.stats.droppedSlowClients).toBe(0);
  });
});

describe('replay back-pressure', () => {
  function directClient(channel: Channel, lastEventId: string, maxQueueBytes?: number) {
    const { sink, response } = createFetchStream(
      new Request('http://x/'),
      maxQueueBytes === undefined ? { retry: null, heartbeatMs: 0 } : { retry: null, heartbeatMs: 0, maxQueueBytes },
    );
    const connected = channel.connect(sink, { lastEventId });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let raw = '';
    return {
      sink: sink as SSESink,
      connected,
      events: () => parseEvents(raw),
      async read(chunks: number) {
        for (let i = 0; i < chunks; i++) raw += decoder.decode((await reader.read()).value, { stream: true });
      },
      reader,
    };
  }

  it('writes the replay only as fast as the client reads, and holds live events until it is done', async () => {
    const channel = await channelWithHistory(200);
    const client = directClient(channel, 'e.0');
    await client.read(10);
    await new Promise((resolve) => setImmediate(resolve));
    // One frame per read, plus the one waiting in the body stream: the rest is not written yet.
    expect(channel.stats.framesSent).toBeLessThanOrEqual(12);
    for (let n = 201; n <= 203; n++) await channel.publish({ event: 'blob', data: { n, payload: 'live' } });
    while (client.events().length < 203) await client.read(1);
    await client.connected;
    expect(seqs(client.events())).toEqual(range(1, 203));
    // Live from now on: written as published.
    await channel.publish({ event: 'blob', data: { n: 204, payload: 'live' } });
    await client.read(1);
    expect(seqs(client.events()).at(-1)).toBe(204);
    channel.close();
  });

  it('drops a client whose held live events outgrow maxQueueBytes, without a reset, and it resumes from its last id', async () => {
    const channel = await channelWithHistory(200);
    const client = directClient(channel, 'e.0', 64 * 1024);
    await client.read(3);
    const lastSeen = client.events().at(-1)?.id as string;
    // The client stops reading; live events pile up behind its replay until the bound.
    for (let n = 201; n <= 220; n++) await channel.publish({ event: 'blob', data: { n, payload: PAYLOAD } });
    expect(client.sink.closeReason).toBe('slow');
    expect(channel.stats.droppedSlowClients).toBe(1);
    expect(channel.stats.clients).toBe(0);
    await client.connected;
    await expect(client.reader.read()).rejects.toThrow(/fell too far behind/);
    expect(client.events().some((e) => e.event === 'sse:reset')).toBe(false);

    const again = directClient(channel, lastSeen);
    const from = Number(lastSeen.slice(2)) + 1;
    while (again.events().length < 220 - from + 1) await again.read(1);
    expect(seqs(again.events())).toEqual(range(from, 220));
    channel.close();
  });
});
