/** What a publisher hands the broker: a name and a payload. The broker assigns the id. */
export interface PublishInit {
  event: string;
  data: unknown;
}

/** An event as the broker stored it. */
export interface BrokerEvent extends PublishInit {
  /** Assigned by the broker; totally ordered by `Broker.compareIds`. */
  id: string;
}

/**
 * Why a client cannot resume (docs/wire-contract.md §2):
 * - `foreign-epoch`: a well-formed id of another history (a previous process, another instance);
 * - `unknown-id`: this history's format, but never issued by it;
 * - `malformed-id`: not an id this kind of broker issues at all (garbage, too long);
 * - `too-old`: the events after it are no longer kept;
 * - `unavailable`: the channel's own: the broker's replay failed (a shared broker may be
 *   unreachable), so the client is reset rather than left waiting.
 */
export type ResetReason = 'foreign-epoch' | 'unknown-id' | 'malformed-id' | 'too-old' | 'unavailable';

/**
 * The answer to "what happened after id X?": either exactly the events after it, in order, or a
 * reason the broker cannot tell (the client must then refetch its snapshot).
 */
export type ReplayResult =
  | { ok: true; events: BrokerEvent[] }
  | {
      ok: false;
      reason: ResetReason;
      /**
       * The position the client resumes from next time: the newest id delivered to subscribers,
       * or the broker's "before everything" id when none was (`<epoch>.0`, Redis `0-0`). Live
       * events that follow are exactly those after it.
       */
      latestId: string;
      /**
       * Optional: the position before this history's first event, when every event since is still
       * kept. A client that comes from another history (`foreign-epoch`: the server restarted) has
       * seen none of this one, so the channel replays all of it after the reset: a client that was
       * away while a new process started loses nothing the new process published.
       */
      historyStart?: string;
    };

export interface BrokerStatus {
  ok: boolean;
  /** `memory`, `redis`, ... */
  kind: string;
  detail?: string;
}

/**
 * Sits between publishers and channels. Ids come from the broker (a Redis Streams broker would use
 * the stream entry ids), replay comes from the broker, and both may be asynchronous: so swapping
 * the in-memory broker for a shared one changes nothing in the channel.
 */
export interface Broker {
  publish(event: PublishInit): Promise<{ id: string }>;
  /** Every published event, in id order, from now on. Returns an unsubscribe function. */
  subscribe(handler: (event: BrokerEvent) => void): () => void;
  /** The events published after `id`, or why they cannot be known. */
  replaySince(id: string): Promise<ReplayResult>;
  /** Negative, zero or positive, like a sort comparator. Both ids must be valid for this broker. */
  compareIds(a: string, b: string): number;
  /**
   * The newest kept event named `name`, or null when none is kept. Optional: a broker whose history
   * outlives the process (Redis) lets a restarted publisher continue a sequence where it stopped
   * instead of starting over. Rejects when the history cannot be read (a shared broker unreachable).
   */
  lastEvent?(name: string): Promise<BrokerEvent | null>;
  readonly status: BrokerStatus;
  close(): Promise<void>;
}
