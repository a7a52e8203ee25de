// The hooks' option and result types, in one place: the options share `SSESourceOptions`, `parse`
// and `onError`, so they read the same way in every hook and in the components built on them.
import type { ConnectionOptions, ConnectionSnapshot, ConnectionStatus, SSEError, SSEMessage } from '../core/index';

/** Turns an event's `data` into a value. Called with the data only, so `JSON.parse` or `Number` fit. */
export type Parse<T> = (data: string) => T;

/** Where a hook takes its connection from when it is not under a provider. */
export interface SSESourceOptions {
  /** Use (and share, by url + equal options) a connection to this url instead of the provider's. */
  url?: string;
  /** Options for the `url` connection; ignored under a provider. */
  connectionOptions?: ConnectionOptions;
}

export interface UseSSEEventOptions<T, S = T> extends SSESourceOptions {
  /** Turns `data` into a value. Default `JSON.parse`. Define it outside the component: results are cached per function. */
  parse?: Parse<T>;
  /** Picks the part this component renders; it re-renders only when that part changes. */
  select?: (value: T, message: SSEMessage) => S;
  /** Decides whether two selected values are the same. Default `Object.is`. */
  isEqual?: (previous: S, next: S) => boolean;
  /** Returned before the first event, and on the server. */
  initialValue?: S;
  /** Called (from the event, not during render) when `parse` throws; the last good value stays. */
  onError?: (error: SSEError) => void;
}

export type SSEEventHandler<T> = (value: T, message: SSEMessage) => void;

export interface SSEEventHandlerOptions<T> extends SSESourceOptions {
  parse?: Parse<T>;
  onError?: (error: SSEError) => void;
}

export interface UseSSEBufferOptions<T> extends SSESourceOptions {
  /** How many of the latest values to keep. */
  max: number;
  /** Re-render at most once per this many ms; default once per animation frame. */
  flush?: number;
  parse?: Parse<T>;
  onError?: (error: SSEError) => void;
}

export interface UseEventSourceOptions<T = unknown> extends ConnectionOptions {
  /** Event names whose latest one becomes `data`/`lastEvent`. Default `['message']`. */
  events?: readonly string[];
  /** Default `JSON.parse`; a failure keeps the last good `data` and shows in `error`. */
  parse?: Parse<T>;
  onError?: (error: SSEError) => void;
}

export interface EventSourceState<T = unknown> {
  status: ConnectionStatus;
  /** The parsed data of `lastEvent` (the last one that parsed). */
  data: T | undefined;
  lastEvent: SSEMessage | undefined;
  lastEventId: string;
  /** The connection's error, else the latest parse error. */
  error: SSEError | null;
  retryCount: number;
  nextRetryAt: number | null;
  close(): void;
  reconnect(): void;
}

/**
 * The connection's status plus the latest parse failure, which only the React layer sees. It has
 * no `lastEventId`: that changes with every event carrying an id, and a status badge must not
 * re-render for events (read it from `useEventSource` instead).
 */
export interface SSEStatusSnapshot extends Omit<ConnectionSnapshot, 'lastEventId'> {
  /** The latest `parse` SSEError on this connection; cleared when that event name parses again. */
  readonly parseError: SSEError | null;
}

/** `SSEStatusSnapshot` with the last event id, for hooks that re-render on events anyway. */
export interface SSEStatusWithIdSnapshot extends SSEStatusSnapshot {
  readonly lastEventId: string;
}
