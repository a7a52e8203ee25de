import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChannel, createMemoryBroker, type Channel, type SnapshotContext } from '../src/index';
import { connect, waitFor } from './helpers';
import { serveSinks } from './sinkServers';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

interface Dashboard {
  metrics: { cpu: number };
  log: { line: string };
  recentLogs: { lines: string[] };
}

/** A dashboard server: the state it keeps is updated in the same turn as each publish. */
function dashboard(snapshot?: (context: SnapshotContext) => Promise<void>) {
  const state = { cpu: 0, lines: [] as string[] };
  const contexts: SnapshotContext[] = [];
  const channel = createChannel<Dashboard>({
    broker: createMemoryBroker({ replaySize: 100, epoch: 'e' }),
    async snapshot(context) {
      contexts.push(context);
      // Read in the same turn as the call: the state of every event received so far.
      const events = [
        { event: 'metrics' as const, data: { cpu: state.cpu } },
        { event: 'recentLogs' as const, data: { lines: [...state.lines] } },
      ];
      await snapshot?.(context);
      return context.topics?.includes('metrics') === false ? events.slice(1) : events;
    },
  });
  return {
    channel,
    contexts,
    async metrics(cpu: number) {
      state.cpu = cpu;
      await channel.publish({ event: 'metrics', data: { cpu } });
    },
    async log(line: string) {
      state.lines.push(line);
      await channel.publish({ event: 'log', data: { line } });
    },
  };
}

async function serve<M extends object>(channel: Channel<M>) {
  const server = await serveSinks('node', { retry: null, heartbeatMs: 0 }, ({ sink, lastEventId, url }) => {
    const topics = channel.parseTopics(new URL(url, 'http://x').searchParams.get('topics'));
    void channel.connect(sink, { lastEventId, topics: topics.ok ? topics.topics : null });
  });
  cleanup = async () => {
    channel.close();
    await server.close();
  };
  return server.base;
}

describe('createChannel snapshot (state on connect)', () => {
  it('gives a new client the current state first, the last snapshot event carrying the position', async () => {
    const app = dashboard();
    const base = await serve(app.channel);
    await app.metrics(0.25);
    await app.log('booted');
    const client = await connect(`${base}/`);
    await client.until((events) => events.length === 2);
    await app.metrics(0.5);
    await client.until((events) => events.length === 3);
    expect(client.events()).toEqual([
      { event: 'metrics', id: undefined, data: '{"cpu":0.25}' },
      { event: 'recentLogs', id: 'e.2', data: '{"lines":["booted"]}' },
      { event: 'metrics', id: 'e.3', data: '{"cpu":0.5}' },
    ]);
    expect(app.contexts).toEqual([{ topics: null, reason: 'new' }]);
    client.close();
  });

  it('a client that resumes with the snapshot id gets exactly the events after it, and no snapshot', async () => {
    const app = dashboard();
    const base = await serve(app.channel);
    await app.log('one');
    const first = await connect(`${base}/`);
    await first.until((events) => events.length === 2);
    const position = first.events().at(-1)?.id as string;
    expect(position).toBe('e.1');
    first.close();
    await waitFor(() => app.channel.stats.clients === 0);
    await app.log('two');
    await app.metrics(0.9);
    const again = await connect(`${base}/`, { 'Last-Event-ID': position });
    await again.until((events) => events.length === 2);
    await app.log('three');
    await again.until((events) => events.length === 3);
    expect(again.events().map((e) => `${e.event} ${e.id}`)).toEqual(['log e.2', 'metrics e.3', 'log e.4']);
    expect(app.contexts).toHaveLength(1);
    again.close();
  });

  it('gives a reset client the reset, then the snapshot (told the reason), then live events', async () => {
    const app = dashboard();
    const base = await serve(app.channel);
    await app.metrics(0.1);
    const client = await connect(`${base}/`, { 'Last-Event-ID': 'k1q0z3m2b8.981' });
    await client.until((events) => events.length === 3);
    await app.metrics(0.2);
    await client.until((events) => events.length === 4);
    expect(client.events().map((e) => `${e.event} ${e.id ?? '-'}`)).toEqual([
      'sse:reset e.1',
      'metrics -',
      'recentLogs e.1',
      'metrics e.2',
    ]);
    expect(app.contexts).toEqual([{ topics: null, reason: 'foreign-epoch' }]);
    client.close();
  });

  it('is told the client topics, and its events are sent as returned', async () => {
    const app = dashboard();
    const base = await serve(app.channel);
    await app.metrics(0.3);
    await app.log('hello');
    const client = await connect(`${base}/?topics=log`);
    await client.until((events) => events.length === 1);
    await app.metrics(0.4);
    await app.log('world');
    await client.until((events) => events.length === 2);
    // recentLogs is not among the topics, but the snapshot function chose it for this client.
    expect(client.events().map((e) => `${e.event} ${e.id ?? '-'} ${e.data}`)).toEqual([
      'recentLogs e.2 {"lines":["hello"]}',
      'log e.4 {"line":"world"}',
    ]);
    expect(app.contexts).toEqual([{ topics: ['log'], reason: 'new' }]);
    client.close();
  });

  it('sends events published while an async snapshot runs after it: none lost, none twice', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const app = dashboard(() => gate);
    const base = await serve(app.channel);
    await app.log('before');
    const client = await connect(`${base}/`);
    await waitFor(() => app.contexts.length === 1);
    await app.log('during');
    release();
    await client.until((events) => events.length === 3);
    expect(client.events().map((e) => `${e.event} ${e.id ?? '-'} ${e.data}`)).toEqual([
      'metrics - {"cpu":0}',
      'recentLogs e.1 {"lines":["before"]}',
      'log e.2 {"line":"during"}',
    ]);
    client.close();
  });

  it('counts and reports a failed snapshot, and the client continues live', async () => {
    const onError = vi.fn();
    const channel = createChannel<Dashboard>({
      broker: createMemoryBroker({ epoch: 'e' }),
      onError,
      snapshot: () => {
        throw new Error('database down');
      },
    });
    const base = await serve(channel);
    const client = await connect(`${base}/`);
    await waitFor(() => channel.stats.snapshotFailures === 1);
    expect((onError.mock.calls[0]?.[0] as Error).message).toBe('database down');
    await channel.publish({ event: 'log', data: { line: 'live' } });
    await client.until((events) => events.length === 1);
    expect(client.events()[0]).toMatchObject({ event: 'log', id: 'e.1' });
    client.close();
  });

  it('refuses a reserved name in a snapshot as a failure, not a crash', async () => {
    const onError = vi.fn();
    const channel = createChannel({ onError, snapshot: () => [{ event: 'sse:reset', data: {} }] });
    const base = await serve(channel);
    const client = await connect(`${base}/`);
    await waitFor(() => channel.stats.snapshotFailures === 1);
    expect((onError.mock.calls[0]?.[0] as Error).message).toMatch(/^\[@kit\/sse-server\] Snapshot event 0: the event name "sse:reset" is reserved/);
    client.close();
  });

  it('types the snapshot events against the event map', () => {
    // Checked by `tsc` (the typecheck script): these must not compile.
    const misuse = () => {
      // @ts-expect-error the payload of metrics is { cpu: number }
      createChannel<Dashboard>({ snapshot: () => [{ event: 'metrics', data: { line: 'x' } }] });
      // @ts-expect-error not an event of the map
      createChannel<Dashboard>({ snapshot: async () => [{ event: 'metrix', data: { cpu: 1 } }] });
    };
    const channel = createChannel<Dashboard>({ snapshot: async ({ reason }) => (reason === 'new' ? [{ event: 'metrics', data: { cpu: 1 } }] : []) });
    expect(typeof misuse).toBe('function');
    channel.close();
  });
});
