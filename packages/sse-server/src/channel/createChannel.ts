import type { BrokerEvent, ReplayResult, ResetReason } from '../broker/Broker';
import { createMemoryBroker } from '../broker/createMemoryBroker';
import { eventIdProblem, formatEvent } from '../format/formatEvent';
import { goLive, writeAtReadersPace, type ChannelClient } from './ChannelClient';
import { ChannelClients } from './ChannelClients';
import { parseTopics } from './parseTopics';
import { assertEventName } from './reserved';
import { formatReset } from './resetEvent';
import { writeSnapshot, type SnapshotWriter } from './snapshot';
import type { Channel, ChannelOptions, ChannelStats, EventMap } from './types';

export type {
  Channel,
  ChannelEvent,
  ChannelOptions,
  ChannelStats,
  ConnectOptions,
  EventMap,
  SnapshotContext,
  SnapshotFunction,
  TopicsResult,
} from './types';

/** Where a client stands once its replay or reset is written: what it lacks, and why. */
interface Resumed {
  /** The held live events after this id are new to it (null: all of them are). */
  position: string | null;
  /** The reset it received, or null when it resumed exactly. */
  reset: ResetReason | null;
}

export function createChannel<M extends object = EventMap>(options: ChannelOptions<M> = {}): Channel<M> {
  const broker =
    options.broker ?? createMemoryBroker(options.replaySize === undefined ? {} : { replaySize: options.replaySize });
  const known = options.topics ? new Set<string>(options.topics) : null;
  const counters = { eventsPublished: 0, framesSent: 0, droppedSlowClients: 0, serializations: 0, snapshotFailures: 0 };
  const clients = new ChannelClients(counters);
  const snapshots: SnapshotWriter<M> | null = options.snapshot
    ? {
        snapshot: options.snapshot,
        onError: options.onError ?? ((error: unknown) => console.error('[@kit/sse-server] The snapshot for a new client failed:', error)),
        counters,
      }
    : null;
  // The newest id received from the broker: where a client that joins now starts live.
  let newestId: string | null = null;

  function broadcast(event: BrokerEvent): void {
    counters.eventsPublished++;
    newestId = event.id;
    clients.deliver(event);
  }

  const unsubscribe = broker.subscribe(broadcast);
  const compareIds = (a: string, b: string): number => broker.compareIds(a, b);

  /** Writes what a resuming client missed, or the reset. */
  async function resume(client: ChannelClient, lastEventId: string): Promise<Resumed> {
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
      // A client new to this history (and with no snapshot to start from) gets all of it.
      if (result.historyStart !== undefined && snapshots === null) {
        const whole = await broker.replaySince(result.historyStart).catch(() => null);
        if (whole?.ok === true) {
          await writeAtReadersPace(client, formatReset(result.reason, lastEventId, result.historyStart), counters);
          return { position: await writeReplay(client, whole.events, result.historyStart), reset: result.reason };
        }
      }
      // The broker's position moves the client past the bad id, so its next reconnect resumes.
      await writeAtReadersPace(client, formatReset(result.reason, lastEventId, result.latestId), counters);
      // After a failed replay, every live event received since joining follows the reset.
      return { position: result.reason === 'unavailable' ? null : result.latestId, reset: result.reason };
    }
    return { position: await writeReplay(client, result.events, lastEventId), reset: null };
  }

  /** Writes replayed events at the reader's pace; returns the position after the last one written. */
  async function writeReplay(client: ChannelClient, events: readonly BrokerEvent[], from: string): Promise<string> {
    for (const event of events) {
      if (client.topics && !client.topics.has(event.event)) continue;
      const frame = formatEvent({ event: event.event, id: event.id, data: event.data });
      if (!(await writeAtReadersPace(client, frame, counters))) break;
    }
    return events.at(-1)?.id ?? from;
  }

  return {
    broker,
    async publish(init) {
      assertEventName(init.event, 'publish()');
      return broker.publish(init);
    },
    async connect(sink, { lastEventId, topics } = {}) {
      if (sink.closed) return;
      // Subscribed before the replay or snapshot, so nothing published meanwhile is lost.
      const client = clients.add(sink, topics, Boolean(lastEventId) || snapshots !== null);
      if (client === null || client.held === null) return;
      const resumed: Resumed = lastEventId ? await resume(client, lastEventId) : { position: newestId, reset: null };
      let position = resumed.position;
      // A client that starts from nothing (new, or reset) gets the current state first.
      const reason = lastEventId ? resumed.reset : 'new';
      if (snapshots !== null && reason !== null && !sink.closed) {
        position = await writeSnapshot(snapshots, client, { topics: topics ?? null, reason }, newestId, position);
      }
      if (sink.closed) return;
      await goLive(client, position, compareIds, counters);
      clients.caughtUp(client);
    },
    parseTopics: (raw) => parseTopics(raw, known),
    get stats(): ChannelStats {
      return { clients: clients.size, ...counters };
    },
    close() {
      unsubscribe();
      clients.closeAll();
    },
  };
}
