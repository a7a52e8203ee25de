import { describe, expect, it } from 'vitest';
import { createMemoryBroker, formatComment, formatRetry } from '../src/index';

describe('createMemoryBroker', () => {
  it('assigns increasing ids and delivers to subscribers until they unsubscribe', async () => {
    const broker = createMemoryBroker();
    const seen: string[] = [];
    const unsubscribe = broker.subscribe((e) => seen.push(`${e.id}:${e.event}`));
    expect(await broker.publish({ event: 'a', data: 1 })).toEqual({ id: '1' });
    expect(await broker.publish({ event: 'b', data: 2 })).toEqual({ id: '2' });
    unsubscribe();
    await broker.publish({ event: 'c', data: 3 });
    expect(seen).toEqual(['1:a', '2:b']);
    expect(broker.compareIds('2', '10')).toBeLessThan(0);
    expect(broker.status).toEqual({ ok: true, kind: 'memory' });
  });

  it('replays after a known id and explains when it cannot', async () => {
    const broker = createMemoryBroker({ replaySize: 4, firstId: 100 });
    expect(await broker.replaySince('99')).toEqual({ ok: true, events: [] });
    for (let n = 0; n < 10; n++) await broker.publish({ event: 't', data: n });
    // Ids 100..109; the ring keeps 106..109.
    const replay = await broker.replaySince('105');
    expect(replay.ok && replay.events.map((e) => `${e.id}:${String(e.data)}`)).toEqual(['106:6', '107:7', '108:8', '109:9']);
    expect(await broker.replaySince('109')).toEqual({ ok: true, events: [] });
    expect(await broker.replaySince('104')).toEqual({ ok: false, reason: 'too-old', latestId: '109' });
    expect(await broker.replaySince('110')).toEqual({ ok: false, reason: 'unknown-id', latestId: '109' });
    expect(await broker.replaySince('3')).toEqual({ ok: false, reason: 'unknown-id', latestId: '109' });
    expect(await broker.replaySince('1e3')).toEqual({ ok: false, reason: 'malformed-id', latestId: '109' });
    expect(await broker.replaySince('')).toEqual({ ok: false, reason: 'malformed-id', latestId: '109' });
  });

  it('refuses to publish once closed and reports it in status', async () => {
    const broker = createMemoryBroker();
    await broker.close();
    await expect(broker.publish({ event: 'a', data: 1 })).rejects.toThrow(/^\[@kit\/sse-server\]/);
    expect(broker.status.ok).toBe(false);
  });
});

describe('formatComment and formatRetry', () => {
  it('prefixes every comment line with a colon', () => {
    expect(formatComment()).toBe(':\n\n');
    expect(formatComment('ping')).toBe(': ping\n\n');
    expect(formatComment('a\nb')).toBe(': a\n: b\n\n');
  });

  it('formats a retry-only frame and rejects a bad delay', () => {
    expect(formatRetry(2500)).toBe('retry: 2500\n\n');
    expect(() => formatRetry(-1)).toThrow(RangeError);
  });
});
