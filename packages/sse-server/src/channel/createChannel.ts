import type { BrokerEvent, ReplayResult } from '../broker/Broker';
import { createMemoryBroker } from '../broker/createMemoryBroker';
import { eventIdProblem, formatEvent } from '../format/formatEvent';
import { createClient, goLive, hold, writeAtReadersPace, type ChannelClient } from './ChannelClient';
import { parseTopics } from './parseTopics';
import { formatReset } from './resetEvent';
import type { Channel, ChannelOptions, ChannelStats, EventMap } from './types';

export type { Channel, ChannelEvent, ChannelOptions, ChannelStats, ConnectOptions, EventMap, TopicsResult } from './types';

const encoder = new TextEncoder();

/** Names starting with `sse:` are the wire contract's (docs/wire-contract.md). */
const RESERVED = 'sse:';

export function createChannel<M extends object = EventMap>(options: ChannelOptions<M> = {}): Channel<M> {
  const broker =
    options.broker ?? createMemoryBroker(options.replaySize === undefined ? {} : { replaySize: options.replaySize });
  const known = options.topics ? new Set<string>(options.topics) : null;
  const clients = new Set<ChannelClient>();
  const counters = { eventsPublished: 0, framesSent: 0, droppedSlowClients: 0, serializations: 0 };
  // The newest id received from the broker: where a client that joins now starts live.
  let newestId: string | null = null;

  function broadcast(event: BrokerEvent): void {
    counters.eventsPublished++;
    newestId = event.id;
    let frame: Uint8Array | null = null;
    for (const client of clients) {
      if (client.topics && !client.topics.has(event.event)) continue;
      // Serialized lazily, once, and as bytes, so the transports do not re-encode it per client.
      if (!frame) {
        frame = encoder.encode(formatEvent({ event: event.event, id: event.id, data: event.data }));
        counters.serializations++;
      }
      if (client.held) hold(client, event.id, frame);
      else if (client.sink.write(frame)) counters.framesSent++;
    }
  }

  const unsubscribe = broker.subscribe(broadcast);
  const compareIds = (a: string, b: string): number => broker.compareIds(a, b);

  /**
   * Writes what a resuming client missed, or the reset, and returns the position after which the
   * held live events are new to it (null: all of them are).
   */
  async function resume(client: ChannelClient, lastEventId: string): Promise<string | null> {
    const joinedAfter = newestId;
    // A failed replay must not leave the client holding live events forever: reset it instead, at
    // the position where its live events start (or, when this channel has seen none, its own id:
    // it still lacks what follows it; an id that cannot even be echoed leaves it without one).
    const result: ReplayResult = await broker.replaySince(lastEventId).catch(() => ({
      ok: false as const,
      reason: 'unavailable' as const,
      latestId: joinedAfter ?? (eventIdProblem(lastEventId) === null ? lastEventId : ''),
    }));
    if (!result.ok) {
      // The broker's position moves the client past the bad id, so its next reconnect resumes.
      if (!(await writeAtReadersPace(client, formatReset(result.reason, lastEventId, result.latestId), counters))) return null;
      // After a failed replay, every live event received since joining follows the reset.
      return result.reason === 'unavailable' ? null : result.latestId;
    }
    for (const event of result.events) {
      if (client.topics && !client.topics.has(event.event)) continue;
      const frame = formatEvent({ event: event.event, id: event.id, data: event.data });
      if (!(await writeAtReadersPace(client, frame, counters))) return null;
    }
    return result.events.at(-1)?.id ?? lastEventId;
  }

  return {
    broker,
    async publish(init) {
      if (init.event.startsWith(RESERVED)) {
        throw new TypeError(
          `[@kit/sse-server] The event name ${JSON.stringify(init.event)} is reserved: names starting with "sse:" ` +
            'are signals of the wire contract (sse:reset). Pick another name.',
        );
      }
      return broker.publish(init);
    },
    async connect(sink, { lastEventId, topics } = {}) {
      if (sink.closed) return;
      const client = createClient(sink, topics);
      clients.add(client);
      sink.onClose((reason) => {
        clients.delete(client);
        if (reason === 'slow') counters.droppedSlowClients++;
      });
      if (!lastEventId) return;
      // Subscribed (in `clients`) before reading the replay, so nothing published meanwhile is lost.
      client.held = [];
      const position = await resume(client, lastEventId);
      if (!sink.closed) await goLive(client, position, compareIds, counters);
    },
    parseTopics: (raw) => parseTopics(raw, known),
    get stats(): ChannelStats {
      return { clients: clients.size, ...counters };
    },
    close() {
      unsubscribe();
      for (const client of [...clients]) client.sink.close();
      clients.clear();
    },
  };
}
