import { lastEventIdHeader, MAX_LAST_EVENT_ID_BYTES } from '../protocol/lastEventIdHeader';
import { readHeartbeatAdvert } from '../protocol/heartbeatAdvert';
import { reportError } from '../runtime/reportError';
import { warn } from '../runtime/isDevelopment';
import { selectTransport } from '../transport/selectTransport';
import { SSEError } from '../SSEError';
import type { TransportInit } from '../transport/FetchTransport';
import type { ConnectionOptions, EventSourceLike, FetchEventSourceConstructor, SSEEnvironment, TransportKind, TransportMessage } from '../types';

/** `hasOwnId` comes as a second argument from our fetch transport, as a property of a fake's events. */
export type TransportHandler = (event: TransportMessage, hasOwnId?: boolean) => void;

/** One attempt: a transport instance and what the connection knows about it. */
export interface Attempt {
  readonly source: EventSourceLike;
  readonly handlers: Map<string, TransportHandler>;
  /** The transport's reconnectionTime when created: a later different value came from `retry:`. */
  readonly initialRetry: number | undefined;
  readonly native: boolean;
  /**
   * Our fetch transport says where each network chunk ends: events then mark activity and publish
   * their id once per chunk (one snapshot per chunk, not per event). Any other transport (a native
   * EventSource, a fake, FetchEventSource) does both per event.
   */
  readonly perChunk: boolean;
  /**
   * Development only: a listener that mutates the one shared message should fail loudly there;
   * production skips the cost of a frozen object. Read once per attempt, not per event: Node
   * without a bundler looks process.env up on every access, and that cost more than the freeze.
   */
  readonly freezeMessages: boolean;
  /**
   * It opened at least once. A native EventSource that reconnects by itself keeps its attempt,
   * which may never have opened (a network error first): then it is still owed its connect timeout.
   */
  opened: boolean;
  /** The heartbeat period this stream advertised, once it has. */
  heartbeatMs: number | undefined;
  /** Why the resume id was not sent (a header cannot carry it); shown as the error while open. */
  readonly unsentId: SSEError | null;
  /**
   * After a reset without an `id:`, the transport still holds the id from before it; that value
   * must not come back as the resume position when the attempt ends.
   */
  staleTransportId: string | undefined;
}

/** What a fetch transport reports about itself; ignored once it is no longer the current one. */
export interface TransportHooks {
  isCurrent(source: EventSourceLike): boolean;
  onActivity(): void;
  onChunkParsed(): void;
  onHeartbeatAdvert(period: number): void;
}

export function errorOf(event: Event): SSEError {
  const { error } = event as { error?: unknown };
  if (error instanceof SSEError) return error;
  // The native EventSource never says why; only a fetch transport does.
  return new SSEError(
    'network',
    process.env.NODE_ENV !== 'production'
      ? "The EventSource connection failed; the browser's EventSource does not say why (network error, a status other than 200, or a Content-Type other than text/event-stream). Use transport: 'fetch' to see the exact cause."
      : 'EventSource failed',
  );
}

/** The resume id if a header can carry it; else the error that says why it is not sent. */
export function sendableResumeId(resumeId: string): string | SSEError {
  if (resumeId === '' || lastEventIdHeader(resumeId) !== undefined) return resumeId;
  const error = new SSEError(
    'parse',
    process.env.NODE_ENV !== 'production'
      ? `The server's last event id (${JSON.stringify(resumeId.slice(0, 80))}${resumeId.length > 80 ? '…' : ''}) cannot be sent back as a Last-Event-ID header (it has a control character, or is over ${MAX_LAST_EVENT_ID_BYTES} bytes), so this reconnect resumes without it and may miss events. Give events printable ASCII ids.`
      : 'The last event id cannot be sent as Last-Event-ID',
  );
  if (process.env.NODE_ENV !== 'production') warn(error.message);
  return error;
}

function openFetchTransport(
  url: string,
  options: ConnectionOptions,
  { FetchEventSource, fetch }: { FetchEventSource: FetchEventSourceConstructor; fetch: typeof globalThis.fetch },
  resumeFrom: string,
  hooks: TransportHooks,
): EventSourceLike {
  // A holder, not a const: the transport may report from its constructor, before it is assigned.
  const created: { source?: EventSourceLike } = {};
  // A closed transport must not keep the next attempt's watchdog alive.
  const whileCurrent =
    <T>(report: (arg: T) => void) =>
    (arg: T): void => {
      if (created.source !== undefined && hooks.isCurrent(created.source)) report(arg);
    };
  const init: TransportInit = {
    fetch,
    // The connection owns the reconnect policy; the transport just reports and stops.
    reconnect: false,
    onActivity: whileCurrent<void>(() => hooks.onActivity()),
    onChunkParsed: whileCurrent<void>(() => hooks.onChunkParsed()),
    onComment: whileCurrent((comment: string) => {
      const period = readHeartbeatAdvert(comment);
      if (period !== undefined) hooks.onHeartbeatAdvert(period);
    }),
  };
  // Copied only when set: the init keeps no own `undefined` keys, as exactOptionalPropertyTypes wants.
  for (const key of ['headers', 'method', 'body', 'withCredentials', 'maxEventSize'] as const) {
    if (options[key] !== undefined) (init as Record<string, unknown>)[key] = options[key];
  }
  if (resumeFrom !== '') init.lastEventId = resumeFrom;
  created.source = new FetchEventSource(url, init);
  return created.source;
}

/** A new transport for `url`, or the error that says why none can be opened (retrying cannot fix it). */
export function openTransport(
  url: string,
  options: ConnectionOptions,
  env: SSEEnvironment,
  transport: TransportKind,
  resumeFrom: string,
  hooks: TransportHooks,
): { source: EventSourceLike; native: boolean } | SSEError {
  const selected = selectTransport({ ...options, transport }, env);
  if (selected.kind === 'none') return new SSEError('network', selected.reason);
  try {
    if (selected.kind === 'native') {
      const init = options.withCredentials === undefined ? {} : { withCredentials: options.withCredentials };
      return { source: new selected.EventSource(url, init), native: true };
    }
    return { source: openFetchTransport(url, options, selected, resumeFrom, hooks), native: false };
  } catch (error) {
    // An invalid URL: the constructor throws a SyntaxError, and retrying cannot fix it.
    return new SSEError(
      'network',
      `Cannot open an event stream at "${url}" (${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  }
}

/**
 * Closes the attempt's transport, detached first so nothing it does while closing reaches the
 * connection. Returns what it learnt for the next attempt: the last id it saw (FetchEventSource
 * knows the id of events nobody listened to; native EventSource does not say) and a `retry:`.
 */
export function closeAttempt(attempt: Attempt): { transportId: string | undefined; retryMs: number | undefined } {
  const { source } = attempt;
  const id = (source as { lastEventId?: unknown }).lastEventId;
  const retry = (source as { reconnectionTime?: unknown }).reconnectionTime;
  source.onopen = null;
  source.onerror = null;
  for (const [name, handler] of attempt.handlers) source.removeEventListener(name, handler);
  attempt.handlers.clear();
  try {
    source.close();
  } catch (error) {
    reportError(error);
  }
  return {
    transportId: typeof id === 'string' && id !== attempt.staleTransportId ? id : undefined,
    retryMs: typeof retry === 'number' && retry !== attempt.initialRetry && Number.isFinite(retry) ? retry : undefined,
  };
}
