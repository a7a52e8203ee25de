/**
 * What went wrong, as a value. `kind` says which layer failed, so UIs and reconnect policies can
 * branch on it without parsing messages:
 * - `http`: the server answered with a status other than 200 (see `status`).
 * - `content-type`: a 200 that is not `text/event-stream` (an HTML error page, a JSON body).
 * - `network`: the request failed or the stream broke off (DNS, refused, reset, server gone).
 * - `parse`: an event's data could not be parsed by the consumer's `parse` function (see `raw`).
 * - `too-large`: one event grew past `maxEventSize`; the connection was aborted to bound memory.
 * - `timeout`: nothing arrived, not even a heartbeat comment, for `idleTimeout` ms.
 */
export type SSEErrorKind = 'http' | 'content-type' | 'network' | 'parse' | 'too-large' | 'timeout';

export interface SSEErrorDetails {
  /** HTTP status, for `http` errors. */
  status?: number;
  /** Milliseconds the server asked us to wait (`Retry-After`), for `http` errors. */
  retryAfterMs?: number;
  /** The text that failed to parse, for `parse` errors. */
  raw?: string;
  /** The event name whose data failed to parse, for `parse` errors. */
  eventName?: string;
  cause?: unknown;
}

/** Where a production error points: the README's section on errors. */
export const ERRORS_URL = 'https://github.com/sse-kit/sse-kit/tree/main/packages/sse-react#errors';

export class SSEError extends Error {
  override readonly name = 'SSEError';
  // `declare`: assigned in the constructor, so a field initializer would only repeat the names in the bundle.
  declare readonly kind: SSEErrorKind;
  declare readonly status: number | undefined;
  declare readonly retryAfterMs: number | undefined;
  declare readonly raw: string | undefined;
  declare readonly eventName: string | undefined;

  constructor(kind: SSEErrorKind, message: string, details: SSEErrorDetails = {}) {
    // Production builds ship the facts without the advice; the README's table says what each kind means and what to do.
    super(
      `[@kit/sse-react] ${message}${process.env.NODE_ENV !== 'production' ? '' : ` (${kind}: see ${ERRORS_URL})`}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.kind = kind;
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.raw = details.raw;
    this.eventName = details.eventName;
  }
}
