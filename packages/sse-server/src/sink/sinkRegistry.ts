import type { Frame } from './frames';
import { Heartbeats } from './Heartbeats';
import type { StreamSettings } from './streamOptions';
import { WriteRounds } from './WriteRounds';

/** What every sink opened with the same options shares: one object instead of three fields on each sink. */
export interface SinkPolicy {
  readonly maxQueueBytes: number;
  /** The write rounds when the sink coalesces, else null. */
  readonly rounds: WriteRounds | null;
  /** The heartbeat group of its period, or null without heartbeats. */
  readonly heartbeat: Heartbeats | null;
}

/** Distinct option sets whose policy is kept for the next sink; past it, a sink gets a policy of its own. */
const MAX_POLICIES = 64;

interface SinkRegistry {
  /** Created on first use: the write rounds of every coalescing sink. */
  rounds: WriteRounds | null;
  /** One heartbeat group per period: one interval timer for every sink of that period. */
  readonly heartbeats: Map<number, Heartbeats>;
  /** The policies of the option sets seen (bounded), by bound, coalescing and period. */
  readonly policies: Map<string, SinkPolicy>;
  /**
   * The last chunk a queue was coalesced into, and the frames it holds: a broadcast queues the
   * same frames on every sink, so the first sink of a round concatenates them and the next ones
   * with the very same frames reuse that chunk.
   */
  lastFrames: Frame[];
  lastChunk: Uint8Array | null;
  /** The last chunk given HTTP/1.1 chunked framing in this turn, and its framed bytes: shared the same way. */
  framedFrom: Frame | null;
  framed: Uint8Array | null;
  /** node:http state open streams share (shareStreamState): the last response head sent, */
  head: string | null;
  /** the first socket's listener wrappers, by method name, */
  listenerWrappers: Partial<Record<'on' | 'addListener' | 'prependListener', (...args: never[]) => unknown>> | null;
  /** by request header name as sent (a bounded table), one copy of the name, its lower-case key and the last value seen; and the last request URL. */
  headerText: Map<string, { readonly name: string; readonly key: string; value: string }> | null;
  url: string | null;
  /** The promise of the sinks a producer waits on in `drain()`, with its resolve. */
  readonly drains: WeakMap<object, { promise: Promise<void>; resolve: () => void }>;
  /** The node sinks waiting for their socket's 'drain' (fast path, under back-pressure), by socket. */
  readonly drainingSockets: WeakMap<object, { flush(): void }>;
}

// registry: the sink layer's process-wide state. Every stream of the process shares its write
// rounds, its heartbeat timers (one per period), the last coalesced and framed chunks and the
// node:http state its responses share, whatever channel or transport it belongs to; one object so
// all of it is in sight.
export const sinkRegistry: SinkRegistry = {
  rounds: null,
  heartbeats: new Map(),
  policies: new Map(),
  lastFrames: [],
  lastChunk: null,
  framedFrom: null,
  framed: null,
  head: null,
  listenerWrappers: null,
  headerText: null,
  url: null,
  drains: new WeakMap(),
  drainingSockets: new WeakMap(),
};

/** Do not keep the last round's frames alive once every sink of the round has been written. */
function forgetLastChunk(): void {
  sinkRegistry.lastFrames = [];
  sinkRegistry.lastChunk = null;
}

export function writeRounds(): WriteRounds {
  return (sinkRegistry.rounds ??= new WriteRounds(forgetLastChunk));
}

export function heartbeatsFor(ms: number): Heartbeats {
  let group = sinkRegistry.heartbeats.get(ms);
  if (!group) {
    group = new Heartbeats(ms);
    sinkRegistry.heartbeats.set(ms, group);
  }
  return group;
}

export function policyFor(settings: StreamSettings, coalesce: boolean): SinkPolicy {
  const rounds = coalesce && settings.coalesce;
  const key = `${settings.maxQueueBytes}/${rounds}/${settings.heartbeatMs}`;
  let policy = sinkRegistry.policies.get(key);
  if (policy === undefined) {
    policy = {
      maxQueueBytes: settings.maxQueueBytes,
      rounds: rounds ? writeRounds() : null,
      heartbeat: settings.heartbeatMs > 0 ? heartbeatsFor(settings.heartbeatMs) : null,
    };
    if (sinkRegistry.policies.size < MAX_POLICIES) sinkRegistry.policies.set(key, policy);
  }
  return policy;
}
