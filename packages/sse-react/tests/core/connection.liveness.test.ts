import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnection, SSEError, type ConnectionOptions, type WakeSource } from '@kit/sse-react/core';
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

function fakeWake(): WakeSource & { fire(): void } {
  const listeners = new Set<() => void>();
  return {
    subscribe(onWake) {
      listeners.add(onWake);
      return () => listeners.delete(onWake);
    },
    fire: () => {
      for (const listener of [...listeners]) listener();
    },
  };
}

describe('createConnection: the advertised heartbeat arms the watchdog with no option set', () => {
  it('2 silent periods end the attempt with a timeout and a reconnect that resumes', () => {
    const connection = connectionFor();
    connection.on('tick', () => {});
    const source = world.transports.latest();
    source.open();
    source.comment('sse:heartbeat=1000');
    source.emit('tick', 'x', '7');
    expect(connection.getSnapshot().heartbeatMs).toBe(1000);
    vi.advanceTimersByTime(1999);
    expect(source.closed).toBe(false);
    source.comment(); // a heartbeat: the countdown starts again
    vi.advanceTimersByTime(1999);
    expect(source.closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(source.closed).toBe(true);
    expect(connection.getSnapshot()).toMatchObject({ status: 'reconnecting', retryCount: 1 });
    expect(connection.getSnapshot().error?.kind).toBe('timeout');
    expect(connection.getSnapshot().error?.message).toMatch(/2 of the heartbeat periods it advertised/);
    vi.runOnlyPendingTimers();
    expect(world.transports.latest().init.lastEventId).toBe('7');
  });

  it('no advertisement, no option: no watchdog (a quiet foreign stream is not killed)', () => {
    const connection = connectionFor();
    connection.subscribe(() => {});
    const source = world.transports.latest();
    source.open();
    vi.advanceTimersByTime(600_000);
    expect(source.closed).toBe(false);
    expect(connection.getSnapshot().status).toBe('open');
  });

  it('an explicit idleTimeout wins over the advertisement', () => {
    const connection = connectionFor({ idleTimeout: 10_000 });
    connection.subscribe(() => {});
    const source = world.transports.latest();
    source.open();
    source.comment('sse:heartbeat=1000');
    vi.advanceTimersByTime(9999);
    expect(source.closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(source.closed).toBe(true);
  });

  it('idleTimeout: false turns the watchdog off even with an advertisement', () => {
    const connection = connectionFor({ idleTimeout: false });
    connection.subscribe(() => {});
    const source = world.transports.latest();
    source.open();
    source.comment('sse:heartbeat=1000');
    vi.advanceTimersByTime(60_000);
    expect(source.closed).toBe(false);
  });

  it.each(['sse:heartbeat=0', 'sse:heartbeat=-5', 'sse:heartbeat=99999999999', 'sse:heartbeat=soon', 'sse:heartbeat=1.5'])(
    'an absurd advertisement (%s) is ignored with a development warning, nothing thrown',
    (comment) => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
      const connection = connectionFor();
      connection.subscribe(() => {});
      const source = world.transports.latest();
      source.open();
      expect(() => source.comment(comment)).not.toThrow();
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('The idle watchdog ignores it'));
      expect(connection.getSnapshot().heartbeatMs).toBeNull();
      vi.advanceTimersByTime(600_000);
      expect(source.closed).toBe(false);
    },
  );

  it('other comments are just activity', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const connection = connectionFor();
    connection.subscribe(() => {});
    const source = world.transports.latest();
    source.open();
    source.comment('ping');
    source.comment('heartbeat=1000');
    expect(connection.getSnapshot().heartbeatMs).toBeNull();
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('createConnection: connect timeout', () => {
  it('no response headers within 10 s: a timeout error and a retry, with defaults', () => {
    const connection = connectionFor();
    connection.subscribe(() => {});
    const first = world.transports.latest();
    vi.advanceTimersByTime(9999);
    expect(first.closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(first.closed).toBe(true);
    expect(connection.getSnapshot()).toMatchObject({ status: 'reconnecting', retryCount: 1 });
    expect(connection.getSnapshot().error?.kind).toBe('timeout');
    expect(connection.getSnapshot().error?.message).toMatch(/no response headers within 10000 ms/);
    vi.runOnlyPendingTimers();
    expect(world.transports.sources).toHaveLength(2);
  });

  it('headers in time cancel it; connectTimeout: false waits for ever', () => {
    const connection = connectionFor();
    connection.subscribe(() => {});
    world.transports.latest().open();
    vi.advanceTimersByTime(60_000);
    expect(connection.getSnapshot().status).toBe('open');
    const patient = connectionFor({ connectTimeout: false });
    patient.subscribe(() => {});
    vi.advanceTimersByTime(600_000);
    expect(patient.getSnapshot().status).toBe('connecting');
  });
});

describe('createConnection: waking up', () => {
  it('a page back from the background with a stream silent longer than its heartbeat reconnects at once', () => {
    const wake = fakeWake();
    const connection = connectionFor({ environment: { wake } });
    connection.on('tick', () => {});
    const first = world.transports.latest();
    first.open();
    first.comment('sse:heartbeat=15000');
    first.emit('tick', 'x', '3');
    vi.advanceTimersByTime(10_000);
    wake.fire(); // silent 10 s < 15 s: nothing to do
    expect(world.transports.sources).toHaveLength(1);
    // The phone slept: timers did not run, but the clock moved on.
    vi.setSystemTime(Date.now() + 60_000);
    wake.fire();
    expect(first.closed).toBe(true);
    expect(world.transports.sources).toHaveLength(2);
    expect(world.transports.latest().init.lastEventId).toBe('3');
    expect(connection.getSnapshot().status).toBe('reconnecting');
  });

  it('coming back online or visible counts as a wake-up too', () => {
    const connection = connectionFor({ idleTimeout: 20_000 });
    connection.subscribe(() => {});
    world.transports.latest().open();
    vi.setSystemTime(Date.now() + 25_000);
    world.visibility.set(false);
    expect(world.transports.sources).toHaveLength(2);
  });
});

describe('createConnection: hostile servers', () => {
  it('the same oversized event 3 attempts in a row closes the connection with too-large, not a loop', () => {
    const connection = connectionFor();
    connection.on('tick', () => {});
    const tooLarge = new SSEError('too-large', 'An event grew past maxEventSize (4194304 bytes).');
    for (let attempt = 1; attempt <= 3; attempt++) {
      const source = world.transports.latest();
      source.open();
      source.fail(tooLarge);
      vi.runOnlyPendingTimers();
    }
    expect(world.transports.sources).toHaveLength(3);
    expect(connection.getSnapshot().status).toBe('closed');
    expect(connection.getSnapshot().error?.kind).toBe('too-large');
    expect(connection.getSnapshot().error?.message).toMatch(/3 attempts in a row/);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('an event delivered in between starts the count again', () => {
    const connection = connectionFor();
    connection.on('tick', () => {});
    const tooLarge = new SSEError('too-large', 'too large');
    for (let attempt = 1; attempt <= 5; attempt++) {
      const source = world.transports.latest();
      source.open();
      source.emit('tick', 'fine', String(attempt));
      source.fail(tooLarge);
      vi.runOnlyPendingTimers();
    }
    expect(connection.getSnapshot().status).not.toBe('closed');
  });

  it("a native EventSource obeying `retry: 0` is taken over by the connection's own backoff", () => {
    const connection = connectionFor({ transport: 'native' });
    connection.subscribe(() => {});
    const source = world.transports.latest();
    source.open();
    source.fail(undefined, 0); // it reconnects by itself: allowed once
    expect(source.closed).toBe(false);
    source.fail(undefined, 0); // again within 250 ms: a storm
    expect(source.closed).toBe(true);
    expect(connection.getSnapshot().status).toBe('reconnecting');
    expect(connection.getSnapshot().nextRetryAt).not.toBeNull();
  });
});
