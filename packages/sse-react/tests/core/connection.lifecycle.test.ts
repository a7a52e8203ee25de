import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnection, type ConnectionOptions } from '@kit/sse-react/core';
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

describe('createConnection: status lifecycle', () => {
  it('stays idle and touches nothing until the first subscriber', () => {
    const connection = connectionFor();
    expect(connection.getSnapshot().status).toBe('idle');
    expect(connection.getServerSnapshot()).toEqual({
      status: 'idle',
      error: null,
      lastEventId: '',
      retryCount: 0,
      nextRetryAt: null,
      resets: 0,
      lastReset: null,
      droppedDuplicates: 0,
      heartbeatMs: null,
    });
    expect(world.transports.sources).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('goes idle -> connecting -> open and notifies only on real changes', () => {
    const connection = connectionFor();
    const statuses: string[] = [];
    connection.subscribe(() => statuses.push(connection.getSnapshot().status));
    expect(connection.getSnapshot().status).toBe('connecting');
    const source = world.transports.latest();
    const before = connection.getSnapshot();
    expect(connection.getSnapshot()).toBe(before);
    source.open();
    expect(statuses).toEqual(['connecting', 'open']);
    const opened = connection.getSnapshot();
    source.comment();
    expect(connection.getSnapshot()).toBe(opened);
    expect(Object.isFrozen(opened)).toBe(true);
  });

  it('getServerSnapshot is one fixed object that never opens a transport', () => {
    const connection = connectionFor({ lastEventId: '41' });
    const first = connection.getServerSnapshot();
    expect(first).toBe(connection.getServerSnapshot());
    expect(first.lastEventId).toBe('41');
    expect(world.transports.sources).toHaveLength(0);
  });
});

describe('createConnection: ref counting', () => {
  it('opens one transport for many subscribers and closes closeDelay ms after the last leaves', () => {
    const connection = connectionFor({ closeDelay: 500 });
    const offA = connection.subscribe(() => {});
    const offB = connection.on('tick', () => {});
    expect(world.transports.sources).toHaveLength(1);
    const source = world.transports.latest();
    source.open();
    offA();
    offB();
    vi.advanceTimersByTime(499);
    expect(source.closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(source.closed).toBe(true);
    expect(connection.getSnapshot().status).toBe('idle');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('StrictMode-like subscribe / unsubscribe / subscribe keeps one transport', () => {
    const connection = connectionFor();
    const off = connection.subscribe(() => {});
    off();
    connection.subscribe(() => {});
    vi.advanceTimersByTime(5000);
    expect(world.transports.sources).toHaveLength(1);
    expect(world.transports.latest().closed).toBe(false);
  });

  it('reopens (resuming from the last id) for a subscriber that comes after the close', () => {
    const connection = connectionFor({ closeDelay: 0 });
    const off = connection.on('tick', () => {});
    world.transports.latest().open();
    world.transports.latest().emit('tick', 'a', '7');
    off();
    vi.advanceTimersByTime(0);
    connection.on('tick', () => {});
    expect(world.transports.sources).toHaveLength(2);
    expect(world.transports.latest().init.lastEventId).toBe('7');
    expect(connection.getSnapshot().status).toBe('connecting');
  });

  it('an unsubscribe called twice counts once', () => {
    const connection = connectionFor({ closeDelay: 0 });
    const off = connection.subscribe(() => {});
    connection.subscribe(() => {});
    off();
    off();
    vi.advanceTimersByTime(10);
    expect(world.transports.latest().closed).toBe(false);
  });
});

describe('createConnection: close, reconnect and cleanup', () => {
  it('close() releases every timer, transport listener and environment listener', () => {
    const connection = connectionFor({ idleTimeout: 10_000, pauseWhenHidden: true });
    connection.subscribe(() => {});
    connection.on('tick', () => {});
    connection.on('other', () => {});
    const first = world.transports.latest();
    first.open();
    first.failHttp(503, 5000); // a retry timer is now pending
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    expect(world.visibility.listenerCount).toBe(1);
    expect(world.online.listenerCount).toBe(1);
    vi.advanceTimersByTime(5000);
    const second = world.transports.latest();
    second.open(); // watchdog and stable timers are now pending
    expect(second.listenerCount).toBe(3); // tick, other and the reset signal
    connection.close();
    expect(connection.getSnapshot().status).toBe('closed');
    expect(vi.getTimerCount()).toBe(0);
    expect(world.visibility.listenerCount).toBe(0);
    expect(world.online.listenerCount).toBe(0);
    expect(second.listenerCount).toBe(0);
    expect(second.onopen).toBeNull();
    expect(second.onerror).toBeNull();
    expect(second.closed).toBe(true);
  });

  it('stays closed for new subscribers until reconnect()', () => {
    const connection = connectionFor();
    connection.subscribe(() => {});
    connection.close();
    connection.on('tick', () => {});
    expect(world.transports.sources).toHaveLength(1);
    connection.reconnect();
    expect(world.transports.sources).toHaveLength(2);
    expect(connection.getSnapshot().status).toBe('connecting');
  });

  it('reconnect() drops a pending retry, resets retryCount and connects now', () => {
    const connection = connectionFor();
    connection.subscribe(() => {});
    world.transports.latest().failNetwork();
    expect(world.transports.sources).toHaveLength(1); // the retry waits for its timer
    expect(connection.getSnapshot()).toMatchObject({ status: 'reconnecting', retryCount: 1 });
    connection.reconnect();
    expect(world.transports.sources).toHaveLength(2);
    expect(connection.getSnapshot()).toMatchObject({ status: 'connecting', retryCount: 0, nextRetryAt: null });
    expect(vi.getTimerCount()).toBe(1); // the new attempt's connect timeout, nothing else
  });

  it('reconnect() without subscribers only resets to idle', () => {
    const connection = connectionFor();
    connection.reconnect();
    expect(world.transports.sources).toHaveLength(0);
    expect(connection.getSnapshot().status).toBe('idle');
  });
});
