import type { Broker, BrokerEvent } from '@kit/sse-server';
import type { TickEvent } from '../events';

/** Where ticks go: a channel, or the dev server's history (which follows restarts). */
export interface TickTarget {
  publish(init: { event: 'tick'; data: TickEvent }): Promise<{ id: string }>;
  /** Read on every lookup, so a target whose broker is replaced is followed. */
  readonly broker: Broker;
}

export interface Ticker {
  /** Publishes the next `tick`: what the tick timer calls. */
  tick(): Promise<void>;
  /**
   * The newest tick: what a client that was reset refetches before it goes on counting (GET
   * /api/ticks/state). Rejects when the broker's history cannot be read.
   */
  current(): Promise<TickEvent>;
}

function tickOf(event: BrokerEvent | null | undefined): TickEvent | null {
  const data = event?.data as Partial<TickEvent> | undefined;
  const seq = data?.seq;
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0 ? { seq, ts: Number(data?.ts ?? 0) } : null;
}

/**
 * The tick sequence, 1, 2, 3…, so a client can see a gap or a duplicate. Numbering continues from
 * the larger of two counts: the last tick this process published, and the last one its broker
 * kept. The first makes the sequence survive an in-process restart (a new, empty in-memory broker:
 * a reset client refetches `current()` and counts on, no number repeated); the second makes it
 * survive a process restart when the history outlives the process (Redis). Ticks that could not
 * be published were never part of the sequence: a failure does not consume a number, and the next
 * call asks the broker again (a publish whose reply was lost may have landed after all).
 */
export function createTicker(target: TickTarget, now: () => number = Date.now): Ticker {
  let published: TickEvent = { seq: 0, ts: 0 };
  // Null until the broker was asked (at the start, and after a failure).
  let next: number | null = null;
  let busy = false;

  async function newest(): Promise<TickEvent> {
    const kept = tickOf(await target.broker.lastEvent?.('tick'));
    return kept && kept.seq >= published.seq ? kept : published;
  }

  return {
    async tick() {
      // One at a time: a tick published after a failed one it overtook would leave a gap.
      if (busy) return;
      busy = true;
      try {
        next ??= (await newest()).seq + 1;
        const data = { seq: next, ts: now() };
        await target.publish({ event: 'tick', data });
        published = data;
        next += 1;
      } catch {
        // Broker unreachable (or closed during shutdown): this tick does not exist.
        next = null;
      } finally {
        busy = false;
      }
    },
    current: newest,
  };
}
