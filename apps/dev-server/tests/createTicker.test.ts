import { createChannel, createMemoryBroker, type Broker, type BrokerEvent } from '@kit/sse-server';
import { describe, expect, it } from 'vitest';
import { createTicker } from '../src/history/createTicker';

const seqs = (events: BrokerEvent[]) => events.filter((e) => e.event === 'tick').map((e) => (e.data as { seq: number }).seq);

function recorded(broker: Broker): BrokerEvent[] {
  const events: BrokerEvent[] = [];
  broker.subscribe((event) => events.push(event));
  return events;
}

describe('createTicker', () => {
  it('starts at 1 on an empty broker and counts up', async () => {
    const broker = createMemoryBroker();
    const events = recorded(broker);
    const { tick } = createTicker(createChannel({ broker }), () => 7);
    for (let i = 0; i < 3; i++) await tick();
    expect(events.map((e) => e.data)).toEqual([
      { seq: 1, ts: 7 },
      { seq: 2, ts: 7 },
      { seq: 3, ts: 7 },
    ]);
  });

  it('continues from the last tick the broker kept (what a restart finds in a shared history)', async () => {
    const broker = createMemoryBroker();
    await broker.publish({ event: 'tick', data: { seq: 41, ts: 0 } });
    await broker.publish({ event: 'log', data: 'after the tick' });
    const events = recorded(broker);
    const { tick } = createTicker(createChannel({ broker }));
    await tick();
    await tick();
    expect(seqs(events)).toEqual([42, 43]);
  });

  it('a failed publish does not use up a number, and the broker is asked again afterwards', async () => {
    const inner = createMemoryBroker();
    let down = false;
    let lookups = 0;
    const broker: Broker = {
      ...inner,
      status: inner.status,
      async publish(init) {
        if (down) throw new Error('unreachable');
        return inner.publish(init);
      },
      async lastEvent(name) {
        lookups++;
        if (down) throw new Error('unreachable');
        return (await inner.lastEvent?.(name)) ?? null;
      },
    };
    const events = recorded(inner);
    const { tick } = createTicker(createChannel({ broker }));
    await tick();
    await tick();
    down = true;
    await tick();
    await tick();
    down = false;
    await tick();
    expect(seqs(events)).toEqual([1, 2, 3]);
    // Once at the start, once per call while down (the first failure forgot the number), once after.
    expect(lookups).toBe(3);
  });

  it('skips a call while the previous one is still in flight, rather than racing it', async () => {
    const inner = createMemoryBroker();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const broker: Broker = { ...inner, status: inner.status, lastEvent: async (name) => (await gate, (await inner.lastEvent?.(name)) ?? null) };
    const events = recorded(inner);
    const { tick } = createTicker(createChannel({ broker }));
    const first = tick();
    await tick();
    release();
    await first;
    expect(seqs(events)).toEqual([1]);
  });

  it('keeps counting when its broker is replaced by an empty one (the in-process restart), and reports the newest tick', async () => {
    let broker = createMemoryBroker();
    const target = {
      get broker() {
        return broker;
      },
      publish: (init: { event: 'tick'; data: { seq: number; ts: number } }) => broker.publish(init),
    };
    const ticker = createTicker(target, () => 5);
    await ticker.tick();
    await ticker.tick();
    expect(await ticker.current()).toEqual({ seq: 2, ts: 5 });
    broker = createMemoryBroker();
    const events = recorded(broker);
    // Before the new broker has a tick, the newest is still the one this process published.
    expect(await ticker.current()).toEqual({ seq: 2, ts: 5 });
    await ticker.tick();
    expect(seqs(events)).toEqual([3]);
    expect(await ticker.current()).toEqual({ seq: 3, ts: 5 });
  });

  it('after a failure on a replaced broker, continues from its own count rather than from 1', async () => {
    let broker: Broker = createMemoryBroker();
    let fail = false;
    const target = {
      get broker() {
        return broker;
      },
      async publish(init: { event: 'tick'; data: { seq: number; ts: number } }) {
        if (fail) throw new Error('closed');
        return broker.publish(init);
      },
    };
    const ticker = createTicker(target);
    await ticker.tick();
    fail = true;
    await ticker.tick();
    fail = false;
    broker = createMemoryBroker();
    const events = recorded(broker);
    await ticker.tick();
    expect(seqs(events)).toEqual([2]);
  });

  it('reports the broker\'s newest tick when another process published it (a shared history)', async () => {
    const broker = createMemoryBroker();
    await broker.publish({ event: 'tick', data: { seq: 99, ts: 1 } });
    expect(await createTicker(createChannel({ broker })).current()).toEqual({ seq: 99, ts: 1 });
    expect(await createTicker(createChannel()).current()).toEqual({ seq: 0, ts: 0 });
  });
});
