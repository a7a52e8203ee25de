import { formatEvent } from '../format/formatEvent';
import { writeAtReadersPace, type ChannelClient, type ClientCounters } from './ChannelClient';
import { assertEventName } from './reserved';
import type { SnapshotContext, SnapshotFunction } from './types';

function serialize(events: readonly { event: string; data: unknown }[], position: string | null): string[] {
  return events.map(({ event, data }, index) => {
    assertEventName(event, `Snapshot event ${index}`);
    // Only the last one carries the position: a client that loses the connection halfway through
    // still has its previous position (none, for a new client, so it gets the whole snapshot
    // again), and no two events share an id (clients drop repeated ids as duplicates).
    const last = index === events.length - 1;
    return formatEvent(last && position !== null ? { event, data, id: position } : { event, data });
  });
}

export interface SnapshotWriter<M extends object> {
  snapshot: SnapshotFunction<M>;
  onError: (error: unknown) => void;
  counters: ClientCounters & { snapshotFailures: number };
}

/**
 * Writes the snapshot for `client` and returns the position its held live events are compared
 * with afterwards. The snapshot stands for every event the channel had received when it was
 * asked for (`at`): the last snapshot event carries that id, so a reconnect with it resumes with
 * exactly the events after it, and held events up to it are not sent again. Events received
 * while an async snapshot runs come after it. When the function fails (or returns nothing) the
 * client continues from `position`, as without a snapshot; a failure is counted and reported.
 */
export async function writeSnapshot<M extends object>(
  writer: SnapshotWriter<M>,
  client: ChannelClient,
  context: SnapshotContext,
  at: string | null,
  position: string | null,
): Promise<string | null> {
  let frames: string[];
  const snapshotAt = at ?? position;
  try {
    const events = await writer.snapshot(context);
    if (!Array.isArray(events)) throw new TypeError(`[@kit/sse-server] snapshot() must return an array of events, got ${typeof events}.`);
    frames = serialize(events, snapshotAt);
  } catch (error) {
    writer.counters.snapshotFailures++;
    writer.onError(error);
    return position;
  }
  if (frames.length === 0) return position;
  for (const frame of frames) if (!(await writeAtReadersPace(client, frame, writer.counters))) return position;
  return snapshotAt;
}
