import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createConnection, type ConnectionOptions, type SSEReset } from '@kit/sse-react/core';
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

/** Delivers ids 1..3 as `old-N`, then loses the stream and reconnects. */
function firstLifeThenReconnect(connection: ReturnType<typeof connectionFor>, got: string[]) {
  connection.on('tick', (m) => got.push(m.data));
  const first = world.transports.latest();
  first.open();
  for (const n of [1, 2, 3]) first.emit('tick', `old-${n}`, String(n));
  first.failNetwork();
  vi.runOnlyPendingTimers();
  const second = world.transports.latest();
  expect(second.init.lastEventId).toBe('3');
  second.open();
  return second;
}

describe('createConnection: the reset signal (sse:reset)', () => {
  it('a restarted server reusing ids after a reset: every event of the new stream is delivered', () => {
    const connection = connectionFor();
    const got: string[] = [];
    const second = firstLifeThenReconnect(connection, got);
    second.emitReset('foreign-epoch', '3', '3');
    for (const n of [1, 2, 3]) second.emit('tick', `new-${n}`, String(n));
    expect(got).toEqual(['old-1', 'old-2', 'old-3', 'new-1', 'new-2', 'new-3']);
    expect(connection.getSnapshot()).toMatchObject({ status: 'open', resets: 1, droppedDuplicates: 0, lastEventId: '3' });
    expect(connection.getSnapshot().lastReset).toMatchObject({ reason: 'foreign-epoch', lastEventId: '3', at: Date.now() });
  });

  it('without a reset, reused ids are dropped and counted, and a long run warns in development', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const connection = connectionFor();
    const got: string[] = [];
    const second = firstLifeThenReconnect(connection, got);
    for (const n of [1, 2, 3]) second.emit('tick', `new-${n}`, String(n));
    expect(got).toEqual(['old-1', 'old-2', 'old-3']);
    expect(connection.getSnapshot().droppedDuplicates).toBe(3);
    expect(warn).not.toHaveBeenCalled();
    // A server that numbers from 1 again after a restart: more drops than any replay overlap.
    first: for (let round = 0; round < 20; round++) {
      for (const n of [1, 2, 3]) {
        second.emit('tick', `again-${n}`, String(n));
        if (connection.getSnapshot().droppedDuplicates >= 60) break first;
      }
    }
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/50 events in a row .* dropped as duplicates.*reuse ids/);
  });

  it('calls every reset listener with the reason, and a throwing one does not stop the others', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const connection = connectionFor();
    const seen: SSEReset[] = [];
    connection.onReset(() => {
      throw new Error('listener bug');
    });
    const off = connection.onReset((reset) => seen.push(reset));
    connection.on('tick', () => {});
    const source = world.transports.latest();
    source.open();
    source.emitReset('too-old', 'a.9', 'a.1');
    expect(seen).toEqual([{ reason: 'too-old', lastEventId: 'a.1', message: 'reset: too-old', at: Date.now() }]);
    expect(error).toHaveBeenCalledTimes(1);
    off();
    source.emitReset('unknown-id', 'a.10');
    expect(seen).toHaveLength(1);
    expect(connection.getSnapshot().resets).toBe(2);
  });

  it('is a protocol signal: not delivered to listeners of "sse:reset" (with a development warning)', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const connection = connectionFor();
    const delivered: string[] = [];
    connection.on('sse:reset', (m) => delivered.push(m.data));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('Use connection.onReset() or useSSEReset()'));
    const source = world.transports.latest();
    source.open();
    source.emitReset('too-old', '7');
    expect(delivered).toEqual([]);
    expect(connection.getSnapshot().resets).toBe(1);
  });

  it("a user's own event named `reset` is an ordinary event", () => {
    const connection = connectionFor();
    const got: string[] = [];
    connection.on('reset', (m) => got.push(m.data));
    const source = world.transports.latest();
    source.open();
    source.emit('reset', 'form cleared', '1');
    expect(got).toEqual(['form cleared']);
    expect(connection.getSnapshot().resets).toBe(0);
  });

  it('the reset moves the resume position to its id, so the next reconnect resumes in the new history', () => {
    const connection = connectionFor();
    connection.on('tick', () => {});
    const source = world.transports.latest();
    source.open();
    source.emit('tick', 'x', 'old.41');
    source.emitReset('foreign-epoch', 'new.0', 'old.41');
    expect(connection.getSnapshot().lastEventId).toBe('new.0');
    source.failNetwork();
    vi.runOnlyPendingTimers();
    expect(world.transports.latest().init.lastEventId).toBe('new.0');
  });

  it.each([
    ['an unknown reason', JSON.stringify({ reason: 'solar-flare' })],
    ['data that is not JSON', 'not json'],
    ['an empty object', '{}'],
  ])('a reset with %s is still a reset (reason "unknown"), with a development warning', (_, data) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const connection = connectionFor();
    const seen: SSEReset[] = [];
    connection.onReset((reset) => seen.push(reset));
    connection.on('tick', () => {});
    const source = world.transports.latest();
    source.open();
    expect(() => source.emit('sse:reset', data, '5')).not.toThrow();
    expect(seen.map((reset) => reset.reason)).toEqual(['unknown']);
    expect(connection.getSnapshot().resets).toBe(1);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("handled as a reset with reason 'unknown'"));
  });

  it('a reset without an id clears the resume position (with a warning): the next request starts fresh', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const connection = connectionFor();
    connection.on('tick', () => {});
    const source = world.transports.latest();
    source.open();
    source.emit('tick', 'x', '41');
    source.emitReset('unknown-id', undefined);
    expect(connection.getSnapshot().lastEventId).toBe('');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('carried no id'));
    source.failNetwork();
    vi.runOnlyPendingTimers();
    expect(world.transports.latest().init.lastEventId).toBeUndefined();
  });

  it('a reset listener alone does not open the connection', () => {
    const connection = connectionFor();
    connection.onReset(() => {});
    expect(world.transports.sources).toHaveLength(0);
    expect(connection.getSnapshot().status).toBe('idle');
  });
});

describe('createConnection: ids a header cannot carry', () => {
  it.each([
    ['a control character', 'a\u0001b'],
    ['DEL', 'a\u007fb'],
    ['a 20 kB id', 'x'.repeat(20_000)],
  ])('an id with %s is not sent back: the reconnect goes out without it, warns, and says so in error', (_, id) => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const connection = connectionFor();
    connection.on('tick', () => {});
    const first = world.transports.latest();
    first.open();
    first.emit('tick', 'x', id);
    first.failNetwork();
    vi.runOnlyPendingTimers();
    const second = world.transports.latest();
    expect(second.init.lastEventId).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/cannot be sent back as a Last-Event-ID header/));
    second.open();
    expect(connection.getSnapshot()).toMatchObject({ status: 'open' });
    expect(connection.getSnapshot().error?.kind).toBe('parse');
    // The next event with a good id makes resuming possible again.
    second.emit('tick', 'y', 'good-2');
    second.failNetwork();
    vi.runOnlyPendingTimers();
    expect(world.transports.latest().init.lastEventId).toBe('good-2');
  });
});
