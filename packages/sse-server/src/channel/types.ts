import type { Broker, ResetReason } from '../broker/Broker';
import type { SSESink } from '../sink/SSESink';

/**
 * Event names to payload types, e.g. `{ metrics: Metrics; alert: Alert }`. The same map can type
 * the client's hooks, so both ends agree on names and payloads. Interfaces work too: the generic
 * parameters only ask for an object type.
 */
export type EventMap = Record<string, unknown>;

/** One `{ event, data }` pair of the map: the name picks the payload type. */
export type ChannelEvent<M extends object> = { [K in keyof M & string]: { event: K; data: M[K] } }[keyof M & string];

/** What the snapshot function is told about the client it is for. */
export interface SnapshotContext {
  /** The client's topics (`connect`'s `topics`), or null when it takes every event. */
  topics: readonly string[] | null;
  /** `new`: it sent no Last-Event-ID. Otherwise the reason of the `sse:reset` it just received. */
  reason: 'new' | ResetReason;
}

/**
 * Gives each client that starts from nothing (a new one, or one that was reset) the current state
 * before the live events: ordinary events of the map, written right after the reset if any.
 */
export type SnapshotFunction<M extends object> = (
  context: SnapshotContext,
) => readonly ChannelEvent<M>[] | Promise<readonly ChannelEvent<M>[]>;

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
  /**
   * State on connect: called for each client that starts from nothing (no Last-Event-ID, or one
   * that got an `sse:reset`), with its topics and why; the events it returns are written before
   * any live event. The last one carries the id of the newest event the channel had received when
   * the function was called, so the state must include every event up to then (read it in the
   * same turn, before any await); a client that reconnects with that id gets exactly the events
   * after it and no snapshot. Events are sent as returned, whatever the client's topics.
   */
  snapshot?: SnapshotFunction<NoInfer<M>>;
  /**
   * Receives the errors the channel cannot throw to a caller: a snapshot function that threw or
   * returned something unsendable (the client then continues live without it). Default
   * `console.error`.
   */
  onError?: (error: unknown) => void;
}

export interface ConnectOptions {
  /** The `Last-Event-ID` header (or query fallback). Empty or missing means "live only". */
  lastEventId?: string | null | undefined;
  /**
   * Only these event names are sent (`sse:reset` and the snapshot always are: the snapshot
   * function gets the topics to choose from). Null or missing: every event.
   */
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
  /**
   * Clients disconnected as `slow`: their live backlog (the sink's queue, or the live events held
   * while their replay was still flowing) went over the sink's `maxQueueBytes`.
   */
  droppedSlowClients: number;
  /** Times a live event was serialized: one per broadcast, however many clients receive it. */
  serializations: number;
  /** Snapshots that failed (the function threw or returned something unsendable); see `onError`. */
  snapshotFailures: number;
}

export interface Channel<M extends object = EventMap> {
  /** Publishes through the broker, which assigns the id; every matching client receives it. */
  publish(init: ChannelEvent<M>): Promise<{ id: string }>;
  /**
   * Attaches a client. With a `lastEventId` it first receives exactly the events it missed, in
   * order, or an `sse:reset` event when the id cannot be resumed from; then (new or reset, with a
   * `snapshot` option) the snapshot; then it continues live.
   * Resolves once the replay and snapshot (if any) have been handed to the sink: it flows at the client's
   * reading pace, so this can take as long as the client needs to read it.
   */
  connect(sink: SSESink, options?: ConnectOptions): Promise<void>;
  /** Parses a `topics` query value (`metrics,alert`). */
  parseTopics(raw: string | null | undefined): TopicsResult;
  readonly stats: ChannelStats;
  readonly broker: Broker;
  /** Detaches from the broker and ends every client stream. Does not close a broker you passed in. */
  close(): void;
}
