import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnection, type ConnectionOptions, type SSEMessage } from '@kit/sse-react/core';
import { fakeWorld, type FakeWorld } from './connectionFakes';

let world: FakeWorld;
beforeEach(() => {
  vi.useFakeTimers();
  world = fakeWorld();
});
afterEach(() => {
  vi.useRealTimers();
});

const connectionFor = (options: ConnectionOptions = {}) =>
  createConnection('http://test.local/events', { ...options, environment: { ...world.environment, ...options.environment } });

describe('createConnection: event listeners', () => {
  it('hands the same frozen message object to every listener of a name', () => {
    const connection = connectionFor();
    const seen: SSEMessage[] = [];
    connection.on('price', (message) => seen.push(message));
    connection.on('price', (message) => seen.push(message));
    world.transports.latest().open();
    world.transports.latest().emit('price', '{"v":1}', '9');
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
    expect(seen[0]).toEqual({ type: 'price', data: '{"v":1}', lastEventId: '9', origin: 'http://test.local' });
    expect(Object.isFrozen(seen[0])).toBe(true);
    expect(connection.getSnapshot().lastEventId).toBe('9');
  });

  it("native: with no status subscriber, an event's id reaches the snapshot when it is read, not as a snapshot per event", () => {
    const connection = connectionFor({ transport: 'native' });
    connection.on('tick', () => {});
    const source = world.transports.latest();
    expect(source.kind).toBe('native');
    source.open();
    const opened = connection.getSnapshot();
    for (let id = 1; id <= 3; id++) source.emit('tick', 'x', String(id));
    const read = connection.getSnapshot();
    expect(read).not.toBe(opened);
    expect(read).toMatchObject({ status: 'open', lastEventId: '3' });
    // Read again with no event between: the same object, as useSyncExternalStore needs.
    expect(connection.getSnapshot()).toBe(read);
    source.emit('tick', 'x', '4');
    // A status subscriber arriving after unread events sees them at once, and is told of each next one.
    const seen: string[] = [];
    connection.subscribe(() => seen.push(connection.getSnapshot().lastEventId));
    expect(connection.getSnapshot().lastEventId).toBe('4');
    source.emit('tick', 'x', '5');
    source.emit('tick', 'x', '6');
    expect(seen).toEqual(['5', '6']);
  });

  it('registers on the transport lazily, once per name, and unregisters when the name has no listener', () => {
    const connection = connectionFor();
    connection.subscribe(() => {});
    const source = world.transports.latest();
    // Only the protocol's reset signal, which every attempt listens to.
    expect([...source.listeners.keys()]).toEqual(['sse:reset']);
    const offA = connection.on('a', () => {});
    const offA2 = connection.on('a', () => {});
    connection.on('b', () => {});
    expect([...source.listeners.keys()]).toEqual(['sse:reset', 'a', 'b']);
    expect(source.listenerCount).toBe(3);
    offA();
    expect(source.listeners.has('a')).toBe(true);
    offA2();
    expect(source.listeners.has('a')).toBe(false);
  });

  it('re-registers every listened name on a new transport after a reconnect', () => {
    const connection = connectionFor();
    const got: string[] = [];
    connection.on('a', (m) => got.push(m.data));
    connection.on('b', (m) => got.push(m.data));
    world.transports.latest().failNetwork();
    vi.runOnlyPendingTimers();
    const next = world.transports.latest();
    expect([...next.listeners.keys()]).toEqual(['sse:reset', 'a', 'b']);
    next.open();
    next.emit('b', 'hello');
    expect(got).toEqual(['hello']);
  });

  it('a listener that throws does not stop the other listeners or the stream', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const connection = connectionFor();
    const got: string[] = [];
    connection.on('tick', () => {
      throw new Error('boom');
    });
    connection.on('tick', (m) => got.push(m.data));
    const source = world.transports.latest();
    source.open();
    expect(() => source.emit('tick', '1')).not.toThrow();
    source.emit('tick', '2');
    expect(got).toEqual(['1', '2']);
    expect(error).toHaveBeenCalledTimes(2);
    expect(connection.getSnapshot().status).toBe('open');
  });

  it('a status listener that throws does not stop the others', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const connection = connectionFor();
    const statuses: string[] = [];
    connection.subscribe(() => {
      throw new Error('boom');
    });
    connection.subscribe(() => statuses.push(connection.getSnapshot().status));
    world.transports.latest().open();
    expect(statuses).toEqual(['open']);
  });

  it('the same function subscribed twice counts as two subscriptions', () => {
    const connection = connectionFor({ closeDelay: 0 });
    const listener = () => {};
    const off1 = connection.on('tick', listener);
    connection.on('tick', listener);
    off1();
    // Only the close timer would be due; the connect timeout (10 s) is not.
    vi.advanceTimersByTime(100);
    expect(world.transports.latest().closed).toBe(false);
  });
});

describe('createConnection: resume and duplicates', () => {
  it('passes the last id to the next transport as Last-Event-ID, including ids of unheard names', () => {
    const connection = connectionFor();
    connection.on('tick', () => {});
    const first = world.transports.latest();
    expect(first.kind).toBe('fetch');
    first.open();
    first.emit('tick', 'a', '1');
    first.failNetwork();
    vi.runOnlyPendingTimers();
    const second = world.transports.latest();
    expect(second.kind).toBe('fetch');
    expect(second.init.lastEventId).toBe('1');
    expect(second.init.reconnect).toBe(false);
    second.open();
    second.lastEventId = '5'; // an event nobody listens to moved the id on
    second.failNetwork();
    vi.runOnlyPendingTimers();
    expect(world.transports.latest().init.lastEventId).toBe('5');
    expect(connection.getSnapshot().lastEventId).toBe('5');
  });

  it('sends options.lastEventId on the first request', () => {
    connectionFor({ lastEventId: 'abc' }).subscribe(() => {});
    expect(world.transports.latest()).toMatchObject({ kind: 'fetch', init: { lastEventId: 'abc' } });
  });

  it('drops events whose id was recently delivered (a server replaying after a resume)', () => {
    const connection = connectionFor();
    const got: string[] = [];
    connection.on('tick', (m) => got.push(`${m.lastEventId}:${m.data}`));
    const first = world.transports.latest();
    first.open();
    first.emit('tick', 'a', '1');
    first.emit('tick', 'b', '2');
    first.failNetwork();
    vi.runOnlyPendingTimers();
    const second = world.transports.latest();
    second.open();
    second.emit('tick', 'b again', '2'); // replayed from Last-Event-ID inclusive
    second.emit('tick', 'a again', '1');
    second.emit('tick', 'c', '3');
    second.emit('tick', 'c continued'); // no id: field, so it carries 3 again and is not a duplicate
    expect(got).toEqual(['1:a', '2:b', '3:c', '3:c continued']);
  });

  it('events without ids are never dropped', () => {
    const connection = connectionFor();
    const got: string[] = [];
    connection.on('tick', (m) => got.push(m.data));
    const source = world.transports.latest();
    source.open();
    source.emit('tick', 'x');
    source.emit('tick', 'x');
    expect(got).toEqual(['x', 'x']);
  });

  it('remembers a bounded window of ids (256)', () => {
    const connection = connectionFor();
    const got: string[] = [];
    connection.on('tick', (m) => got.push(m.lastEventId));
    let source = world.transports.latest();
    source.open();
    for (let i = 0; i < 300; i++) source.emit('tick', 'd', String(i));
    source.failNetwork();
    vi.runOnlyPendingTimers();
    source = world.transports.latest();
    source.open();
    got.length = 0;
    source.emit('tick', 'old', '10'); // fell out of the window: delivered again
    source.emit('tick', 'recent', '299');
    expect(got).toEqual(['10']);
  });
});

describe('createConnection: transport choice', () => {
  it('auto uses fetch whenever there is one (heartbeat, resume and size bound need it), and passes withCredentials', () => {
    connectionFor({ withCredentials: true }).subscribe(() => {});
    expect(world.transports.latest()).toMatchObject({ kind: 'fetch', init: { withCredentials: true } });
  });

  it('auto falls back to the native EventSource where there is no fetch', () => {
    connectionFor({ withCredentials: true, environment: { fetch: undefined } }).subscribe(() => {});
    expect(world.transports.latest()).toMatchObject({ kind: 'native', init: { withCredentials: true } });
  });

  it.each<[string, ConnectionOptions]>([
    ['headers', { headers: { authorization: 'x' } }],
    ['method', { method: 'POST', body: '{}' }],
    ['maxEventSize', { maxEventSize: 1024 }],
    ['idleTimeout', { idleTimeout: 30_000 }],
  ])('auto uses fetch for %s', (_, options) => {
    connectionFor(options).subscribe(() => {});
    expect(world.transports.latest().kind).toBe('fetch');
  });

  it('auto uses fetch when there is no EventSource (Node, SSR)', () => {
    const connection = connectionFor({ environment: { EventSource: undefined } });
    connection.subscribe(() => {});
    expect(world.transports.latest().kind).toBe('fetch');
  });

  it("transport: 'native' without EventSource stops with an error that says what to do", () => {
    const connection = connectionFor({ transport: 'native', environment: { EventSource: undefined } });
    connection.subscribe(() => {});
    expect(connection.getSnapshot().status).toBe('closed');
    expect(connection.getSnapshot().error?.message).toMatch(/transport: 'native' .* no EventSource.*'auto' or 'fetch'/);
  });

  it("transport: 'fetch' without fetch stops with an error", () => {
    const connection = connectionFor({ transport: 'fetch', environment: { fetch: undefined } });
    connection.subscribe(() => {});
    expect(connection.getSnapshot().error?.message).toMatch(/no fetch/);
  });

  it('headers without fetch stop with an error rather than silently sending no token', () => {
    const connection = connectionFor({ headers: { a: 'b' }, environment: { fetch: undefined } });
    connection.subscribe(() => {});
    expect(connection.getSnapshot().status).toBe('closed');
    expect(world.transports.sources).toHaveLength(0);
  });

  it('an unknown transport throws a clear error in development', () => {
    expect(() => connectionFor({ transport: 'websocket' as never })).toThrow(
      "[@kit/sse-react] Unknown transport \"websocket\": use 'auto', 'native' or 'fetch'.",
    );
  });

  it('in production an unknown transport falls back to auto and nothing is logged', () => {
    vi.stubEnv('NODE_ENV', 'production');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const connection = connectionFor({ transport: 'websocket' as never, closeDelay: -1, environment: { fetch: undefined } });
      connection.subscribe(() => {});
      expect(world.transports.latest().kind).toBe('native');
      expect(warn).not.toHaveBeenCalled();
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('warns in development about an invalid number option and uses the default', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const connection = connectionFor({ closeDelay: -5 });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('closeDelay must be a finite number >= 0'));
    const off = connection.subscribe(() => {});
    off();
    vi.advanceTimersByTime(999);
    expect(world.transports.latest().closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(world.transports.latest().closed).toBe(true);
  });

  it("warns in development when transport: 'native' must ignore an option", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    connectionFor({ transport: 'native', headers: { a: 'b' } });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('cannot honour "headers"'));
  });

  it("transport: 'native' lets a self-reconnecting EventSource resume (it alone can resend Last-Event-ID)", () => {
    const connection = connectionFor({ transport: 'native', maxRetries: 1 });
    const got: string[] = [];
    connection.on('tick', (m) => got.push(m.data));
    const source = world.transports.latest();
    source.open();
    source.emit('tick', 'a', '1');
    source.fail(undefined, 0);
    expect(source.closed).toBe(false);
    expect(connection.getSnapshot()).toMatchObject({ status: 'reconnecting', retryCount: 1, nextRetryAt: null });
    source.open();
    source.emit('tick', 'a again', '1'); // the replay after the browser's own reconnect
    source.emit('tick', 'b', '2');
    expect(got).toEqual(['a', 'b']);
    expect(connection.getSnapshot().status).toBe('open');
    source.fail(undefined, 0); // retryCount would be 2 (the open was too short to reset it): over maxRetries
    expect(connection.getSnapshot().status).toBe('closed');
    expect(source.closed).toBe(true);
    expect(world.transports.sources).toHaveLength(1);
  });

  it('auto closes a self-reconnecting native EventSource and resumes over fetch instead', () => {
    const connection = connectionFor();
    connection.on('tick', () => {});
    const source = world.transports.latest();
    source.open();
    source.emit('tick', 'a', '1');
    source.fail(undefined, 0);
    expect(source.closed).toBe(true);
    vi.runOnlyPendingTimers();
    expect(world.transports.latest()).toMatchObject({ kind: 'fetch', init: { lastEventId: '1' } });
    expect(connection.getSnapshot().status).toBe('reconnecting');
  });

  it('maps a native error event (no detail) to a network error and retries', () => {
    const connection = connectionFor();
    connection.subscribe(() => {});
    world.transports.latest().fail();
    expect(connection.getSnapshot().status).toBe('reconnecting');
    expect(connection.getSnapshot().error?.kind).toBe('network');
    expect(connection.getSnapshot().error?.message).toMatch(/transport: 'fetch'/);
  });
});
