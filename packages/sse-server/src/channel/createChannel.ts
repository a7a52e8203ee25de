import type { Broker, BrokerEvent, ReplayResult } from '../broker/Broker';
import { createMemoryBroker } from '../broker/createMemoryBroker';
import { eventIdProblem, formatEvent } from '../format/formatEvent';
import type { SSESink } from '../sink/SSESink';
import { formatReset } from './resetEvent';

/**
 * Event names to payload types, e.g. `{ metrics: Metrics; alert: Alert }`. The same map can type
 * the client's hooks, so both ends agree on names and payloads. Interfaces work too: the generic
 * parameters only ask for an object type.
 */
export type EventMap = Record<string, unknown>;

/** One `{ event, data }` pair of the map: the name picks the payload type. */
export type ChannelEvent<M extends object> = { [K in keyof M & string]: { event: K; data: M[K] } }[keyof M & string];

export interface ChannelOptions<M extends object = EventMap> {
  /** Where events come from and where replay is read. Default: an in-memory broker. */
  broker?: Broker;
  /** Replay size of the default in-memory broker (ignored when `broker` is given). Default 1000. */
  replaySize?: number;
  /**
   * The event names a client may ask for with `topics`. When set, `parseTopics` rejects any other
   * name, so a typo gets a 400 instead of a silent, empty stream.
   */
  // NoInfer: the map comes from the type argument (or the default), never from this list.
  topics?: readonly NoInfer<keyof M & string>[];
}

export interface ConnectOptions {
  /** The `Last-Event-ID` header (or query fallback). Empty or missing means "live only". */
  lastEventId?: string | null | undefined;
  /** Only these event names are sent (`sse:reset` always is). Null or missing: every event. */
  topics?: readonly string[] | null | undefined;
}

export type TopicsResult = { ok: true; topics: string[] | null } | { ok: false; error: string; unknown: string[] };

export interface ChannelStats {
  /** Clients connected right now. */
  clients: number;
  /** Events received from the broker and broadcast. */
  eventsPublished: number;
  /** Frames written to clients (one event to 50 clients counts 50), replay included. */
  framesSent: number;
  /** Clients disconnected because their queue went over its bound. */
  droppedSlowClients: number;
  /** Times a live event was serialized: one per broadcast, however many clients receive it. */
  serializations: number;
}

export interface Channel<M extends object = EventMap> {
  /** Publishes through the broker, which assigns the id; every matching client receives it. */
  publish(init: ChannelEvent<M>): Promise<{ id: string }>;
  /**
   * Attaches a client. With a `lastEventId` it first receives exactly the events it missed, in
   * order, or an `sse:reset` event when the id cannot be resumed from; then it continues live.
   * Resolves once the replay (if any) has been written.
   */
  connect(sink: SSESink, options?: ConnectOptions): Promise<void>;
  /** Parses a `topics` query value (`metrics,alert`). */
  parseTopics(raw: string | null | undefined): TopicsResult;
  readonly stats: ChannelStats;
  readonly broker: Broker;
  /** Detaches from the broker and ends every client stream. Does not close a broker you passed in. */
  close(): void;
}

interface Client {
  sink: SSESink;
  topics: ReadonlySet<string> | null;
  /** Live events that arrived while the replay was being read; sent after it, minus duplicates. */
  pending: { id: string; frame: Uint8Array }[] | null;
}

const encoder = new TextEncoder();

/** Names starting with `sse:` are the wire contract's (docs/wire-contract.md). */
const RESERVED = 'sse:';

export function createChannel<M extends object = EventMap>(options: ChannelOptions<M> = {}): Channel<M> {
  const broker =
    options.broker ?? createMemoryBroker(options.replaySize === undefined ? {} : { replaySize: options.replaySize });
  const known = options.topics ? new Set<string>(options.topics) : null;
  const clients = new Set<Client>();
  const counters = { eventsPublished: 0, framesSent: 0, droppedSlowClients: 0, serializations: 0 };
  // The newest id received from the broker: where a client that joins now starts live.
  let newestId: string | null = null;

  function send(client: Client, frame: string | Uint8Array): void {
    if (client.sink.write(frame)) counters.framesSent++;
  }

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
      if (client.pending) client.pending.push({ id: event.id, frame });
      else send(client, frame);
    }
  }

  const unsubscribe = broker.subscribe(broadcast);

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
      const client: Client = { sink, topics: topics ? new Set(topics) : null, pending: null };
      clients.add(client);
      sink.onClose((reason) => {
        clients.delete(client);
        if (reason === 'slow') counters.droppedSlowClients++;
      });
      if (!lastEventId) return;

      // Subscribed (in `clients`) before reading the replay, so nothing published meanwhile is lost.
      client.pending = [];
      const joinedAfter = newestId;
      // A failed replay must not leave the client buffering live events forever: reset it instead,
      // at the position where its live events start (or, when this channel has seen none, its own
      // id: it still lacks what follows it).
      const result: ReplayResult = await broker.replaySince(lastEventId).catch(() => ({
        ok: false as const,
        reason: 'unavailable' as const,
        latestId: joinedAfter ?? (eventIdProblem(lastEventId) === null ? lastEventId : ''),
      }));
      let resumeAfter: string | null;
      if (result.ok) {
        resumeAfter = lastEventId;
        for (const event of result.events) {
          if (client.topics && !client.topics.has(event.event)) continue;
          send(client, formatEvent({ event: event.event, id: event.id, data: event.data }));
        }
        const last = result.events.at(-1);
        if (last) resumeAfter = last.id;
      } else {
        // The broker's position moves the client past the bad id, so its next reconnect resumes.
        // After a failed replay, every live event received since joining follows the reset.
        resumeAfter = result.reason === 'unavailable' ? null : result.latestId;
        send(client, formatReset(result.reason, lastEventId, result.latestId));
      }
      const pending = client.pending;
      client.pending = null;
      for (const { id, frame } of pending) {
        if (resumeAfter === null || broker.compareIds(id, resumeAfter) > 0) send(client, frame);
      }
    },
    parseTopics(raw) {
      if (raw === null || raw === undefined || raw.trim() === '') return { ok: true, topics: null };
      const topics = [...new Set(raw.split(',').map((topic) => topic.trim()).filter(Boolean))];
      const unknown = known ? topics.filter((topic) => !known.has(topic)) : [];
      if (unknown.length > 0) {
        return {
          ok: false,
          unknown,
          error: `[@kit/sse-server] Unknown topic ${unknown.map((t) => JSON.stringify(t)).join(', ')}. Known topics: ${[...(known ?? [])].join(', ')}.`,
        };
      }
      return { ok: true, topics };
    },
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
