import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnection, SSEError, type Backoff, type ConnectionOptions } from '@kit/sse-react/core';
import { fakeWorld, type FakeWorld } from './connectionFakes';

let world: FakeWorld;
beforeEach(() => {
  vi.useFakeTimers();
  world = fakeWorld();
});
afterEach(() => {
  vi.useRealTimers();
});

function openConnection(options: ConnectionOptions = {}) {
  const connection = createConnection('http://test.local/events', {
    ...options,
    environment: { ...world.environment, ...options.environment },
  });
  connection.subscribe(() => {});
  return connection;
}

describe('createConnection: status-code policy', () => {
  it('backs off after a network error (equal jitter: random 0.5 gives 750 ms, then 1500 ms)', () => {
    const connection = openConnection();
    world.transports.latest().open();
    world.transports.latest().failNetwork();
    expect(connection.getSnapshot()).toMatchObject({ status: 'reconnecting', retryCount: 1, nextRetryAt: Date.now() + 750 });
    expect(connection.getSnapshot().error?.kind).toBe('network');
    vi.advanceTimersByTime(749);
    expect(world.transports.sources).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(world.transports.sources).toHaveLength(2);
    expect(connection.getSnapshot()).toMatchObject({ status: 'reconnecting', nextRetryAt: null });
    world.transports.latest().failHttp(500);
    expect(connection.getSnapshot()).toMatchObject({ status: 'reconnecting', retryCount: 2, nextRetryAt: Date.now() + 1500 });
    vi.advanceTimersByTime(1500);
    world.transports.latest().open();
    expect(connection.getSnapshot()).toMatchObject({ status: 'open', error: null, nextRetryAt: null, retryCount: 2 });
  });

  it.each([429, 503])('honours Retry-After on %i', (status) => {
    const connection = openConnection();
    world.transports.latest().failHttp(status, 7000);
    expect(connection.getSnapshot()).toMatchObject({ status: 'reconnecting', nextRetryAt: Date.now() + 7000 });
    expect(connection.getSnapshot().error?.status).toBe(status);
    vi.advanceTimersByTime(6999);
    expect(world.transports.sources).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(world.transports.sources).toHaveLength(2);
  });

  it.each([
    ['404', new SSEError('http', 'answered 404', { status: 404 })],
    ['403', new SSEError('http', 'answered 403', { status: 403 })],
    ['204', new SSEError('http', 'answered 204', { status: 204 })],
    ['HTML', new SSEError('content-type', 'text/html', { status: 200 })],
  ])('stops on %s with the error, leaving no timer', (_, error) => {
    const connection = openConnection({ idleTimeout: 1000 });
    world.transports.latest().fail(error);
    expect(connection.getSnapshot()).toMatchObject({ status: 'closed', nextRetryAt: null });
    expect(connection.getSnapshot().error).toBe(error);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(world.transports.sources).toHaveLength(1);
  });

  it('401: retries once at once (the new attempt re-runs the headers function), a second 401 stops', () => {
    const headers = vi.fn(() => ({ authorization: 'Bearer fresh' }));
    const connection = openConnection({ headers });
    const first = world.transports.latest();
    expect(first.kind).toBe('fetch');
    first.failHttp(401);
    expect(world.transports.sources).toHaveLength(2);
    const second = world.transports.latest();
    expect(second.init.headers).toBe(headers);
    expect(connection.getSnapshot()).toMatchObject({ status: 'reconnecting', retryCount: 1 });
    second.failHttp(401);
    expect(connection.getSnapshot().status).toBe('closed');
    expect(connection.getSnapshot().error?.status).toBe(401);
    expect(world.transports.sources).toHaveLength(2);
  });

  it('401 after a successful open is again retried once', () => {
    const connection = openConnection({ headers: () => ({}) });
    world.transports.latest().failHttp(401);
    world.transports.latest().open();
    world.transports.latest().failHttp(401);
    expect(world.transports.sources).toHaveLength(3);
    expect(connection.getSnapshot().status).toBe('reconnecting');
  });

  it('maxRetries: gives up (closed) once that many retries failed', () => {
    const connection = openConnection({ maxRetries: 2 });
    for (let i = 0; i < 2; i++) {
      world.transports.latest().failNetwork();
      expect(connection.getSnapshot().status).toBe('reconnecting');
      vi.runOnlyPendingTimers();
    }
    world.transports.latest().failNetwork();
    expect(connection.getSnapshot()).toMatchObject({ status: 'closed', nextRetryAt: null });
    expect(connection.getSnapshot().error?.kind).toBe('network');
    expect(world.transports.sources).toHaveLength(3);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an invalid URL (the transport constructor throws) stops with a network error instead of throwing', () => {
    const Throwing = class {
      constructor() {
        throw new SyntaxError('Invalid URL');
      }
    };
    const connection = openConnection({ environment: { FetchEventSource: Throwing as never } });
    expect(connection.getSnapshot().status).toBe('closed');
    expect(connection.getSnapshot().error?.message).toMatch(/^\[@kit\/sse-react\] Cannot open .*Invalid URL/);
  });
});

describe('createConnection: backoff plumbing', () => {
  it("passes attempt, error and the server's retry: to the backoff", () => {
    const backoff = vi.fn<Backoff>(() => 100);
    const connection = openConnection({ backoff, transport: 'fetch' });
    const source = world.transports.latest();
    source.open();
    source.reconnectionTime = 250; // the server sent `retry: 250`
    source.failNetwork();
    expect(backoff).toHaveBeenLastCalledWith(1, connection.getSnapshot().error, { retryMs: 250 });
    vi.advanceTimersByTime(100);
    world.transports.latest().failNetwork();
    expect(backoff).toHaveBeenLastCalledWith(2, expect.any(SSEError), { retryMs: 250 });
  });

  it('does not report retry: when the server never sent one', () => {
    const backoff = vi.fn<Backoff>(() => 100);
    openConnection({ backoff, transport: 'fetch' });
    world.transports.latest().failNetwork();
    expect(backoff).toHaveBeenLastCalledWith(1, expect.any(SSEError), { retryMs: undefined });
  });

  it('resets the attempt counter once a connection stayed open for resetBackoffAfter ms', () => {
    const backoff = vi.fn<Backoff>(() => 100);
    const connection = openConnection({ backoff, resetBackoffAfter: 5000 });
    world.transports.latest().failNetwork();
    vi.advanceTimersByTime(100);
    world.transports.latest().open();
    vi.advanceTimersByTime(4999);
    world.transports.latest().failNetwork(); // dropped too soon: keeps counting
    expect(backoff).toHaveBeenLastCalledWith(2, expect.any(SSEError), expect.anything());
    vi.advanceTimersByTime(100);
    world.transports.latest().open();
    vi.advanceTimersByTime(5000);
    expect(connection.getSnapshot().retryCount).toBe(0);
    world.transports.latest().failNetwork();
    expect(backoff).toHaveBeenLastCalledWith(1, expect.any(SSEError), expect.anything());
  });

  it('a backoff that throws is reported and the retry still happens', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    const connection = openConnection({
      backoff: () => {
        throw new Error('bad backoff');
      },
    });
    expect(() => world.transports.latest().failNetwork()).not.toThrow();
    expect(connection.getSnapshot()).toMatchObject({ status: 'reconnecting', nextRetryAt: Date.now() + 1000 });
    expect(error).toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(world.transports.sources).toHaveLength(2);
  });

  it('falls back to 1 s when a custom backoff returns garbage', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const connection = openConnection({ backoff: () => Number.NaN });
    world.transports.latest().failNetwork();
    expect(connection.getSnapshot().nextRetryAt).toBe(Date.now() + 1000);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('[@kit/sse-react] The backoff function returned NaN'));
  });
});

describe('createConnection: idle watchdog', () => {
  it('declares a silent stream dead after idleTimeout (timeout error), then reconnects', () => {
    const connection = openConnection({ idleTimeout: 1000 });
    const source = world.transports.latest();
    expect(source.kind).toBe('fetch');
    source.open();
    vi.advanceTimersByTime(900);
    source.comment(); // a heartbeat keeps it alive
    vi.advanceTimersByTime(900);
    source.emit('message', 'x');
    vi.advanceTimersByTime(999);
    expect(connection.getSnapshot().status).toBe('open');
    vi.advanceTimersByTime(1);
    expect(source.closed).toBe(true);
    expect(connection.getSnapshot().status).toBe('reconnecting');
    expect(connection.getSnapshot().error?.kind).toBe('timeout');
    expect(connection.getSnapshot().error?.message).toMatch(/idleTimeout/);
  });

  it('also covers a server that never answers', () => {
    const connection = openConnection({ idleTimeout: 2000 });
    vi.advanceTimersByTime(2000);
    expect(connection.getSnapshot().error?.kind).toBe('timeout');
    expect(world.transports.sources[0]?.closed).toBe(true);
  });

  it('ignores activity from a transport that was already replaced', () => {
    const connection = openConnection({ idleTimeout: 1000 });
    const stale = world.transports.latest();
    stale.failNetwork();
    vi.runOnlyPendingTimers();
    const fresh = world.transports.latest();
    expect(fresh).not.toBe(stale);
    vi.advanceTimersByTime(600);
    stale.comment();
    vi.advanceTimersByTime(400);
    expect(connection.getSnapshot().error?.kind).toBe('timeout');
  });
});

describe('createConnection: pause policies', () => {
  it('pauseWhenHidden: closes while hidden and resumes with Last-Event-ID when visible', () => {
    const connection = openConnection({ pauseWhenHidden: true });
    connection.on('tick', () => {});
    const first = world.transports.latest();
    first.open();
    first.emit('tick', '1', '42');
    world.visibility.set(false);
    expect(connection.getSnapshot().status).toBe('paused');
    expect(first.closed).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    world.visibility.set(true);
    expect(world.transports.sources).toHaveLength(2);
    expect(world.transports.latest().init.lastEventId).toBe('42');
    expect(connection.getSnapshot().status).toBe('connecting');
  });

  it('ignores visibility by default (it is watched only to notice a wake-up)', () => {
    const connection = openConnection();
    world.visibility.set(false);
    expect(connection.getSnapshot().status).toBe('connecting');
    expect(world.transports.sources).toHaveLength(1);
    expect(world.transports.latest().closed).toBe(false);
  });

  it('pauseWhenOffline (default): no retries while offline, reconnects at once when online', () => {
    const connection = openConnection();
    world.transports.latest().open();
    world.online.set(false);
    expect(connection.getSnapshot().status).toBe('paused');
    expect(world.transports.latest().closed).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(world.transports.sources).toHaveLength(1);
    world.online.set(true);
    expect(world.transports.sources).toHaveLength(2);
    expect(connection.getSnapshot().status).toBe('connecting');
  });

  it('a failure while offline waits paused instead of scheduling a retry', () => {
    const connection = openConnection({ pauseWhenOffline: true });
    const source = world.transports.latest();
    world.online.set(false);
    expect(source.closed).toBe(true);
    world.online.set(true);
    world.transports.latest().failNetwork();
    expect(connection.getSnapshot().status).toBe('reconnecting');
    world.online.set(false);
    expect(connection.getSnapshot()).toMatchObject({ status: 'paused', nextRetryAt: null });
    expect(vi.getTimerCount()).toBe(0);
    world.online.set(true);
    expect(connection.getSnapshot().status).toBe('reconnecting');
    expect(world.transports.sources).toHaveLength(3);
  });

  it('starts paused when the first subscriber comes while offline', () => {
    world.online.set(false);
    const connection = openConnection();
    expect(connection.getSnapshot().status).toBe('paused');
    expect(world.transports.sources).toHaveLength(0);
  });

  it('pauseWhenOffline: false keeps retrying while offline', () => {
    const connection = openConnection({ pauseWhenOffline: false });
    world.online.set(false);
    expect(connection.getSnapshot().status).toBe('connecting');
    expect(world.transports.latest().closed).toBe(false);
  });
});
