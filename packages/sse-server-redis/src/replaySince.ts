import { parseEpochId, type BrokerEvent, type ReplayResult } from '@kit/sse-server';
import { PREFIX } from './brokerSettings';
import { compareStreamIds, isStreamId } from './compareStreamIds';
import { decodeEntry, type Entry } from './decodeEntry';
import type { RedisConnections } from './RedisConnections';
import type { StreamReader } from './StreamReader';

/** The position before the first entry (`XRANGE (0-0 +` is the whole stream). */
const START = '0-0';

/** Oldest, newest, the id itself and what follows it, in one transaction: one consistent cut. */
async function readAround(connections: RedisConnections, stream: string, raw: string): Promise<Entry[][]> {
  let replies: [error: Error | null, result: unknown][] | null;
  try {
    replies = await connections.commands
      .multi()
      .xrange(stream, '-', '+', 'COUNT', 1)
      .xrevrange(stream, '+', '-', 'COUNT', 1)
      .xrange(stream, raw, raw)
      .xrange(stream, `(${raw}`, '+')
      .exec();
  } catch (error) {
    throw connections.failure('replay', error);
  }
  return (replies ?? []).map(([error, result]) => {
    if (error) throw connections.failure('replay', error);
    return result as Entry[];
  });
}

/**
 * `XRANGE (<id> +`, cut at what this instance has delivered live, or the reason the client must
 * be reset (docs/wire-contract.md §2), pointing it at this instance's position.
 */
export async function replaySince(connections: RedisConnections, reader: StreamReader, stream: string, raw: string): Promise<ReplayResult> {
  if (!isStreamId(raw)) {
    // An in-memory broker's `<epoch>.<seq>`: a client coming from a single-process deploy.
    const reason = parseEpochId(raw) === null ? 'malformed-id' : 'foreign-epoch';
    return { ok: false, reason, latestId: reader.position ?? START };
  }
  if (connections.closed) throw new Error(`${PREFIX} replaySince() after the broker was closed.`);
  await reader.catchUp(null);
  const [oldestEntries = [], newestEntries = [], exact = [], after = []] = await readAround(connections, stream, raw);
  const oldest = oldestEntries[0]?.[0] ?? null;
  const newest = newestEntries[0]?.[0] ?? null;
  // Resets point the client at what this instance has delivered, so the live events that
  // follow the reset continue exactly from there.
  const delivered = reader.position ?? START;
  const latestId = newest === null || compareStreamIds(delivered, newest) < 0 ? delivered : newest;
  if (newest === null || oldest === null) {
    // An empty stream: a client at our position (or before everything) has missed nothing;
    // any other id is from a stream that is gone (Redis restarted without persistence).
    if (raw === START || raw === delivered) return { ok: true, events: [] };
    return { ok: false, reason: 'unknown-id', latestId };
  }
  // An id beyond the stream's end: not ours.
  if (compareStreamIds(raw, newest) > 0) return { ok: false, reason: 'unknown-id', latestId };
  // START included: whether entries before the oldest kept one were trimmed cannot be told.
  if (compareStreamIds(raw, oldest) < 0) return { ok: false, reason: 'too-old', latestId };
  if (exact.length === 0) return { ok: false, reason: 'unknown-id', latestId };
  // A client coming from an instance that is ahead of this one: wait until this one has
  // delivered its id, or the live events it already has would be sent to it again.
  await reader.catchUp(raw);
  const cut = reader.position as string;
  const events: BrokerEvent[] = [];
  for (const entry of after) {
    // Beyond the cut, events reach this client live, through the channel's subscription.
    if (compareStreamIds(entry[0], cut) > 0) break;
    events.push(decodeEntry(entry));
  }
  return { ok: true, events };
}
