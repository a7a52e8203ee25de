import type { FetchEventSourceInit, HeadersOption } from './transport/fetchEventSourceInit';
import type { SSEReset } from './protocol/resetSignal';
import type { SSEError } from './SSEError';

/**
 * One dispatched event. The connection hands the same object to every listener of its name, so a
 * consumer that parses `data` can cache the result per message and parse each event once.
 */
export interface SSEMessage {
  /** Event name (`event:` field), `message` when the server sent none. */
  readonly type: string;
  readonly data: string;
  /** The last event id in effect when this event was dispatched. */
  readonly lastEventId: string;
  readonly origin: string;
}

export type ConnectionStatus = 'idle' | 'connecting' | 'open' | 'reconnecting' | 'paused' | 'closed';

/** Immutable; replaced (never mutated) only when one of its fields really changes. */
export interface ConnectionSnapshot {
  readonly status: ConnectionStatus;
  /** The most recent failure; kept until the next successful open so a UI can say what happened. */
  readonly error: SSEError | null;
  readonly lastEventId: string;
  /** Failed attempts since the connection last stayed open. */
  readonly retryCount: number;
  /** When the next attempt starts (`environment.now()` clock, ms), while `reconnecting`; else null. */
  readonly nextRetryAt: number | null;
  /** Resets (`sse:reset`) received since the connection was created: each one means "refetch". */
  readonly resets: number;
  /** The latest reset, or null before the first. */
  readonly lastReset: SSEReset | null;
  /**
   * Events dropped because their id had been delivered in the last 256 events (a replay that
   * overlaps what the client already has). It climbs without a reset when a server reuses ids.
   */
  readonly droppedDuplicates: number;
  /** The heartbeat period the server advertised for the current stream (`: sse:heartbeat=<ms>`), or null. */
  readonly heartbeatMs: number | null;
  /** With `shareAcrossTabs`: this tab's role and how many tabs share the stream. Absent otherwise. */
  readonly tabs?: TabSharingState;
}

/** `leader` runs the HTTP connection; `follower` receives it over BroadcastChannel; `local` could not share. */
export type TabRole = 'leader' | 'follower' | 'local';

export interface TabSharingState {
  readonly role: TabRole;
  /** Tabs (this one included) that share the stream, as last counted by the leader. */
  readonly count: number;
}

/** What the connection knows about the stream when it asks a `Backoff` for a delay. */
export interface BackoffContext {
  /** The server's `retry:` value in ms, once the server has sent one; else undefined. */
  readonly retryMs: number | undefined;
}

/**
 * Pure: how long to wait before attempt number `attempt` (1 for the first retry). The connection
 * passes a third argument with the server's `retry:` value; a two-argument function may ignore it.
 */
export type Backoff = (attempt: number, lastError: SSEError | null, context?: BackoffContext) => number;

export type { HeadersInput, HeadersOption } from './transport/fetchEventSourceInit';

/** A boolean signal the environment can change: page visibility, network reachability. */
export interface SignalSource {
  get(): boolean;
  subscribe(onChange: () => void): () => void;
}

/** Events that say "the page may have slept": see SSEEnvironment.wake. */
export interface WakeSource {
  subscribe(onWake: () => void): () => void;
}

/**
 * The Page Lifecycle events `shareAcrossTabs` acts on, each in the shape of `wake`: a leader
 * about to `freeze` hands over at once, a tab that `resume`s queues for the lead again, and one
 * on `pagehide` tells the others it is gone. Defaults: document `freeze`/`resume`, window `pagehide`.
 */
export interface PageLifecycle {
  freeze: WakeSource | undefined;
  resume: WakeSource | undefined;
  pagehide: WakeSource | undefined;
}

/**
 * An event as a transport hands it to the connection: a native EventSource's MessageEvent fits,
 * and so does the plain object the fetch transport passes.
 */
export interface TransportMessage {
  readonly type: string;
  readonly data: string;
  readonly lastEventId: string;
  readonly origin: string;
  /** Whether the event's block had its own `id:` field; only a fetch transport knows. */
  readonly hasOwnId?: boolean;
}

/**
 * The smallest EventSource surface the connection uses, so a native one or a fake fits. The
 * connection reads only TransportMessage's fields of an event, and `error` of an error event.
 */
export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  removeEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}
export type EventSourceConstructor = new (url: string, init?: { withCredentials?: boolean }) => EventSourceLike;

/** A fetch-based transport as the connection drives it: FetchEventSource, or a fake in tests. */
export interface FetchEventSourceLike extends EventSourceLike {
  /** The id a new request would send as `Last-Event-ID`. */
  readonly lastEventId: string;
  /** Milliseconds before reconnecting: a default, or the server's `retry:`. */
  readonly reconnectionTime: number;
}
export type FetchEventSourceConstructor = new (url: string, init: FetchEventSourceInit) => FetchEventSourceLike;

/** Everything the core reaches for, injectable so core tests run in Node with fakes. */
export interface SSEEnvironment {
  fetch: typeof fetch | undefined;
  EventSource: EventSourceConstructor | undefined;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
  random(): number;
  /** `true` while the page is visible. */
  visibility: SignalSource | undefined;
  /** `true` while the browser believes it is online. */
  online: SignalSource | undefined;
  /**
   * Fires when the page comes back from the background without a visibility change: `pageshow`
   * (back-forward cache) and `resume` (a frozen tab). Defaults to those window/document events.
   */
  wake?: WakeSource | undefined;
  /** The fetch-based transport; defaults to this package's FetchEventSource. */
  FetchEventSource?: FetchEventSourceConstructor | undefined;
  /** Web Locks for `shareAcrossTabs`; defaults to `navigator.locks`. */
  locks?: LockManagerLike | undefined;
  /** For `shareAcrossTabs`; defaults to the global BroadcastChannel. */
  BroadcastChannel?: BroadcastChannelConstructor | undefined;
  /** For `shareAcrossTabs`; see PageLifecycle. */
  pageLifecycle?: PageLifecycle | undefined;
}

/** The part of the Web Locks API that `shareAcrossTabs` uses (navigator.locks, or a fake). */
export interface LockManagerLike {
  request(
    name: string,
    options: { ifAvailable?: boolean; steal?: boolean; signal?: AbortSignal },
    callback: (lock: unknown) => unknown,
  ): Promise<unknown>;
}

/** The part of BroadcastChannel that `shareAcrossTabs` uses. */
export interface BroadcastChannelLike {
  onmessage: ((event: { readonly data: unknown }) => void) | null;
  postMessage(message: unknown): void;
  close(): void;
}
export type BroadcastChannelConstructor = new (name: string) => BroadcastChannelLike;

export type TransportKind = 'auto' | 'native' | 'fetch';

export interface ConnectionOptions {
  /** `auto` (default) uses the native EventSource unless an option needs fetch. */
  transport?: TransportKind;
  headers?: HeadersOption;
  method?: string;
  body?: BodyInit | null;
  withCredentials?: boolean;
  /** Reconnect delay policy; default: exponential with full jitter from the server's `retry:`, capped at 30 s. */
  backoff?: Backoff;
  /** Give up (status `closed`) after this many consecutive failed attempts. Default: never. */
  maxRetries?: number;
  /**
   * No byte for this long (heartbeat comments included) means the stream is dead: the attempt ends
   * with a `timeout` error and is retried with Last-Event-ID. Default: 2 periods of the heartbeat
   * the server advertises (`: sse:heartbeat=<ms>`, sent by @kit/sse-server), off when it advertises
   * none. `false` turns the watchdog off.
   */
  idleTimeout?: number | false;
  /**
   * Milliseconds an attempt may wait for the response headers before it fails with a `timeout`
   * error and is retried. Default 10 000; `false` waits for ever.
   */
  connectTimeout?: number | false;
  /** Disconnect while the page is hidden and resume (with Last-Event-ID) when visible. Default: false. */
  pauseWhenHidden?: boolean;
  /** Stop retrying while offline and reconnect at once when back online. Default: true. */
  pauseWhenOffline?: boolean;
  /**
   * UTF-8 bytes one event may take (its data plus the line being read); a larger one aborts the
   * attempt with a `too-large` error. The same oversized event 3 attempts in a row closes the
   * connection. Default 4 MiB; `Infinity` lifts the bound. Fetch transport only.
   */
  maxEventSize?: number;
  /** Resume from this id on the first connect. */
  lastEventId?: string;
  /** Milliseconds to keep the connection after its last subscriber leaves. Default: 1000. */
  closeDelay?: number;
  /** Milliseconds a connection must stay open before `retryCount` (the backoff attempt) resets. Default: 5000. */
  resetBackoffAfter?: number;
  /**
   * Share one HTTP connection per stream (url and request options) among this origin's tabs: one
   * tab, elected with Web Locks, connects and relays over BroadcastChannel. Default: false.
   */
  shareAcrossTabs?: boolean;
  environment?: Partial<SSEEnvironment>;
}

/**
 * A shared, ref-counted SSE connection: the store that React binds to with useSyncExternalStore.
 * It opens when it gets its first subscriber (status or event listener) and closes `closeDelay`
 * ms after its last one leaves.
 */
export interface Connection {
  readonly url: string;
  /** Status snapshot subscription, in the shape useSyncExternalStore wants. */
  subscribe(listener: () => void): () => void;
  getSnapshot(): ConnectionSnapshot;
  /** Fixed `idle` snapshot for server rendering: SSR never touches the network. */
  getServerSnapshot(): ConnectionSnapshot;
  /** Listens to one event name; counts as a subscriber. */
  on(eventName: string, listener: (message: SSEMessage) => void): () => void;
  /**
   * Called on every reset (`sse:reset`): the server could not replay what this client missed, so
   * state built from earlier events is stale: refetch it. Does not open the connection by itself.
   */
  onReset(listener: (reset: SSEReset) => void): () => void;
  /** Stops for good (status `closed`) until `reconnect()` is called. */
  close(): void;
  /** Drops the current attempt and connects again now, resetting the retry count. */
  reconnect(): void;
}
