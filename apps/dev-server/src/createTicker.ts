import type { Broker, Channel } from '@kit/sse-server';

/** The seq of the newest `tick` the broker kept, or 0 when it kept none (or cannot tell). */
async function lastTickSeq(broker: Broker): Promise<number> {
  const last = await broker.lastEvent?.('tick');
  const seq = (last?.data as { seq?: unknown } | undefined)?.seq;
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 0 ? seq : 0;
}

/**
 * Returns the function the tick timer calls. Each call publishes `tick` with the next `seq`, which
 * continues from the broker's last `tick` rather than from 1: with a broker whose history outlives
 * the process (Redis), a restarted dev server neither repeats nor skips a number, so a client that
 * resumes across the restart sees one unbroken sequence. Ticks that could not be published were
 * never part of the sequence: a failure does not consume a number, and the next call asks the
 * broker again (a publish whose reply was lost may have landed after all).
 */
export function createTicker(channel: Channel, now: () => number = Date.now): () => Promise<void> {
  let seq: number | null = null;
  let busy = false;
  return async () => {
    // One at a time: a tick published after a failed one it overtook would leave a gap.
    if (busy) return;
    busy = true;
    try {
      seq ??= await lastTickSeq(channel.broker);
      await channel.publish({ event: 'tick', data: { seq: seq + 1, ts: now() } });
      seq += 1;
    } catch {
      // Broker unreachable (or closed during shutdown): this tick does not exist.
      seq = null;
    } finally {
      busy = false;
    }
  };
}
