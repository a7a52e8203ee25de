import { describe, expect, it } from 'vitest';
import { createMemoryBroker } from '../src/index';

describe('createMemoryBroker lastEvent', () => {
  it('returns the newest kept event of that name, null before any or once it left the ring', async () => {
    const broker = createMemoryBroker({ replaySize: 4, firstId: 100, epoch: 'e' });
    expect(await broker.lastEvent?.('tick')).toBeNull();

    await broker.publish({ event: 'tick', data: { seq: 1 } });
    await broker.publish({ event: 'log', data: 'a' });
    await broker.publish({ event: 'tick', data: { seq: 2 } });
    await broker.publish({ event: 'log', data: 'b' });
    expect(await broker.lastEvent?.('tick')).toEqual({ id: 'e.102', event: 'tick', data: { seq: 2 } });
    expect(await broker.lastEvent?.('log')).toEqual({ id: 'e.103', event: 'log', data: 'b' });
    expect(await broker.lastEvent?.('alert')).toBeNull();

    // Ids 104..107 push every tick out of the 4-slot ring: nothing kept means null, not a stale slot.
    for (let n = 0; n < 4; n++) await broker.publish({ event: 'log', data: n });
    expect(await broker.lastEvent?.('tick')).toBeNull();
    expect(await broker.lastEvent?.('log')).toEqual({ id: 'e.107', event: 'log', data: 3 });
  });

  it('keeps nothing with replaySize 0', async () => {
    const broker = createMemoryBroker({ replaySize: 0 });
    await broker.publish({ event: 'tick', data: { seq: 1 } });
    expect(await broker.lastEvent?.('tick')).toBeNull();
  });
});
