// The options of FetchEventSource, apart from the class so `core/types.ts` (ConnectionOptions,
// the transport constructor type) and the transport can share them without importing each other.

export type HeadersInput = Record<string, string> | Headers | ReadonlyArray<readonly [string, string]>;
/** A value, or a function called before every connect (so an expired token can be refreshed). */
export type HeadersOption = HeadersInput | (() => HeadersInput | Promise<HeadersInput>);

/** A body, or a function called before every connect so a POST can be sent again on reconnect. */
export type FetchEventSourceBody = BodyInit | null | (() => BodyInit | null | Promise<BodyInit | null>);

export interface FetchEventSourceInit {
  withCredentials?: boolean;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
  /** A value, or a function called before every connect (so an expired token can be refreshed). */
  headers?: HeadersOption;
  /** Default `GET`. */
  method?: string;
  body?: FetchEventSourceBody;
  /** Default: `include` when `withCredentials`, else `same-origin` (what EventSource does). */
  credentials?: RequestCredentials;
  /**
   * Largest event (data buffer plus the line being read) in UTF-8 bytes. A larger one aborts the
   * connection with a `too-large` error, then the source reconnects as after a network error (or
   * closes, with `reconnect: false`). Default DEFAULT_MAX_EVENT_SIZE (4 MiB); `Infinity` lifts it.
   */
  maxEventSize?: number;
  /** Sent as `Last-Event-ID` on the very first request, to resume a stream. */
  lastEventId?: string;
  /** Called whenever bytes arrive, comments included: an idle watchdog feeds on it. */
  onActivity?: () => void;
  /** Extension: each comment line, without the colon and one leading space (heartbeats, hints). */
  onComment?: (comment: string) => void;
  /**
   * `false`: after a network error or the end of the stream, go to CLOSED instead of reconnecting,
   * so a caller can own the reconnect policy. Default `true` (EventSource behaviour).
   */
  reconnect?: boolean;
}
