import type { SSESink } from '../sink/SSESink';

interface HeldFrame {
  id: string;
  frame: Uint8Array;
}

/** The counters a client updates; the channel's stats read them. */
export interface ClientCounters {
  framesSent: number;
}

/**
 * One connected client, in one of two states: catching up (its replay or snapshot is still being
 * written, so live events are held in `held`, in order) or live (`held` is null: a broadcast writes
 * straight to the sink). A plain object with a fixed shape, so the broadcast loop stays monomorphic.
 */
export interface ChannelClient {
  readonly sink: SSESink;
  readonly topics: ReadonlySet<string> | null;
  held: HeldFrame[] | null;
  heldBytes: number;
}

export function createClient(sink: SSESink, topics: readonly string[] | null | undefined): ChannelClient {
  return { sink, topics: topics ? new Set(topics) : null, held: null, heldBytes: 0 };
}

/**
 * Holds a live event for a client that is catching up. The held events are its live backlog: past
 * the sink's `maxQueueBytes` the client is dropped as `slow`, exactly as when its sink's own queue
 * overflows. No reset: it reconnects with the last id it got and resumes from there.
 */
export function hold(client: ChannelClient, id: string, frame: Uint8Array): void {
  (client.held as HeldFrame[]).push({ id, frame });
  client.heldBytes += frame.byteLength;
  if (client.heldBytes > client.sink.maxQueueBytes) client.sink.abort('slow');
}

/**
 * Writes one frame of a backlog (replay, snapshot) and waits until the sink can take more, so the
 * backlog flows at the reader's pace. False once the client is gone.
 */
export async function writeAtReadersPace(client: ChannelClient, frame: string | Uint8Array, counters: ClientCounters): Promise<boolean> {
  if (!client.sink.write(frame)) return false;
  counters.framesSent++;
  await client.sink.drain();
  return !client.sink.closed;
}

/**
 * Sends the live events held while catching up, newer than `position` only (older ones were in
 * the replay or the snapshot; null sends them all), at the reader's pace, then switches the client
 * to live. Events that arrive meanwhile join the held queue, so the order is kept throughout.
 */
export async function goLive(
  client: ChannelClient,
  position: string | null,
  compareIds: (a: string, b: string) => number,
  counters: ClientCounters,
): Promise<void> {
  const held = client.held as HeldFrame[];
  let next = 0;
  while (next < held.length) {
    const { id, frame } = held[next++] as HeldFrame;
    client.heldBytes -= frame.byteLength;
    if (position !== null && compareIds(id, position) <= 0) continue;
    if (!(await writeAtReadersPace(client, frame, counters))) return;
    // Forget what was sent, now and then, so a long catch-up does not keep every frame alive.
    if (next >= 1024) {
      held.splice(0, next);
      next = 0;
    }
  }
  // Checked after the last await and switched in the same turn: no broadcast can slip between.
  client.held = null;
  client.heldBytes = 0;
}
