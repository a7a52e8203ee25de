import { describe, expect, it, vi } from 'vitest';
import { createMemoryBroker, formatComment, formatRetry, parseEpochId } from '../src/index';

describe('createMemoryBroker', () => {
  it('assigns <epoch>.<seq> ids and delivers to subscribers until they unsubscribe', async () => {
    const broker = createMemoryBroker({ epoch: 'test' });
    const seen: string[] = [];
    const unsubscribe = broker.subscribe((e) => seen.push(`${e.id}:${e.event}`));
    expect(await broker.publish({ event: 'a', data: 1 })).toEqual({ id: 'test.1' });
    expect(await broker.publish({ event: 'b', data: 2 })).toEqual({ id: 'test.2' });
    unsubscribe();
    await broker.publish({ event: 'c', data: 3 });
    expect(seen).toEqual(['test.1:a', 'test.2:b']);
    expect(broker.compareIds('test.2', 'test.10')).toBeLessThan(0);
    expect(broker.status).toEqual({ ok: true, kind: 'memory' });
  });

  it('draws a fresh printable epoch per instance', async () => {
    const ids = await Promise.all(Array.from({ length: 50 }, () => createMemoryBroker().publish({ event: 'a', data: 1 })));
    const epochs = ids.map(({ id }) => parseEpochId(id)?.epoch);
    expect(new Set(epochs).size).toBe(50);
    for (const { id } of ids) expect(id).toMatch(/^[0-9a-z]{9,}\.1$/);
  });

  it('replays after a known id and explains when it cannot', async () => {
    const broker = createMemoryBroker({ replaySize: 4, firstId: 100, epoch: 'e1' });
    // Nothing published: the position is "before everything", and resuming from it replays nothing.
    expect(await broker.replaySince('e1.99')).toEqual({ ok: true, events: [] });
    // Another history's id, and this one is kept whole (here: empty): the client can have all of it.
    expect(await broker.replaySince('e2.99')).toEqual({ ok: false, reason: 'foreign-epoch', latestId: 'e1.99', historyStart: 'e1.99' });
    for (let n = 0; n < 10; n++) await broker.publish({ event: 't', data: n });
    // Ids e1.100..e1.109; the ring keeps 106..109.
    const replay = await broker.replaySince('e1.105');
    expect(replay.ok && replay.events.map((e) => `${e.id}:${String(e.data)}`)).toEqual(['e1.106:6', 'e1.107:7', 'e1.108:8', 'e1.109:9']);
    expect(await broker.replaySince('e1.109')).toEqual({ ok: true, events: [] });
    const reset = (reason: string) => ({ ok: false, reason, latestId: 'e1.109' });
    expect(await broker.replaySince('e1.104')).toEqual(reset('too-old'));
    expect(await broker.replaySince('e1.110')).toEqual(reset('unknown-id'));
    expect(await broker.replaySince('e1.3')).toEqual(reset('unknown-id'));
    // Well-formed, another history: a restart, or another instance behind a load balancer.
    expect(await broker.replaySince('m4x2k9qa7f.105')).toEqual(reset('foreign-epoch'));
    expect(await broker.replaySince('e1-b.105')).toEqual(reset('foreign-epoch'));
    for (const bad of ['', '105', 'e1.', '.105', 'e1.1e3', 'e1.0105', 'e1.-1', 'e1.1.2', 'é.1', 'e1 .1', '1764620000000-0', 'x'.repeat(20_000)]) {
      expect(await broker.replaySince(bad), bad.slice(0, 40)).toEqual(reset('malformed-id'));
    }
  });

  it('keeps publishing to the other subscribers when one throws, and reports the error', async () => {
    const onError = vi.fn();
    const broker = createMemoryBroker({ epoch: 't', onError });
    const seen: string[] = [];
    broker.subscribe(() => {
      throw new Error('bad subscriber');
    });
    broker.subscribe((e) => seen.push(e.id));
    await expect(broker.publish({ event: 'a', data: 1 })).resolves.toEqual({ id: 't.1' });
    await broker.publish({ event: 'a', data: 2 });
    expect(seen).toEqual(['t.1', 't.2']);
    expect(onError).toHaveBeenCalledTimes(2);
    expect((onError.mock.calls[0]?.[0] as Error).message).toBe('bad subscriber');
  });

  it('validates its options', () => {
    expect(() => createMemoryBroker({ epoch: 'a.b' })).toThrow(/^\[@kit\/sse-server\] epoch must be 1-64 characters/);
    expect(() => createMemoryBroker({ epoch: '' })).toThrow(TypeError);
    expect(() => createMemoryBroker({ epoch: 'x'.repeat(65) })).toThrow(TypeError);
    expect(() => createMemoryBroker({ firstId: 0 })).toThrow(/firstId must be a positive safe integer/);
    expect(() => createMemoryBroker({ replaySize: -1 })).toThrow(RangeError);
  });

  it('refuses to publish once closed and reports it in status', async () => {
    const broker = createMemoryBroker();
    await broker.close();
    await expect(broker.publish({ event: 'a', data: 1 })).rejects.toThrow(/^\[@kit\/sse-server\]/);
    expect(broker.status.ok).toBe(false);
  });
});

describe('parseEpochId', () => {
  it('splits well-formed ids and refuses anything else', () => {
    expect(parseEpochId('m4x2k9qa7f.42')).toEqual({ epoch: 'm4x2k9qa7f', seq: 42 });
    expect(parseEpochId('A_b-9.0')).toEqual({ epoch: 'A_b-9', seq: 0 });
    expect(parseEpochId('e.9007199254740993')).toBeNull();
    expect(parseEpochId('1-0')).toBeNull();
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
