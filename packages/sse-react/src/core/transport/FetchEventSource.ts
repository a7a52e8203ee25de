import { isEventStreamContentType } from '../protocol/isEventStreamContentType';
import { createParser } from '../protocol/parser';
import { SSEMessageEvent } from './SSEMessageEvent';
import type { ParsedEvent, Parser } from '../protocol/parser';
import { parseRetryAfter } from '../protocol/parseRetryAfter';
import { SSEError } from '../SSEError';
import { SSEErrorEvent } from './SSEErrorEvent';
import { lastEventIdHeader } from '../protocol/lastEventIdHeader';
import type { HeadersInput, HeadersOption } from '../types';

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

/** Event types with a known event class; any other name is a MessageEvent, as on EventSource. */
export interface FetchEventSourceEventMap {
  open: Event;
  message: MessageEvent<string>;
  error: SSEErrorEvent;
}

type Handler = ((event: Event) => void) | null;
type MessageHandler = ((event: MessageEvent<string>) => void) | null;

const DEFAULT_RECONNECTION_TIME = 3000;
/**
 * 4 MiB: far above any dashboard update or streamed AI token (kilobytes) and above minutes of
 * metrics history sent as one snapshot event (tens of kilobytes), yet small enough that an endless
 * line from a broken server stops long before it hurts a phone: the client's peak RSS grows by
 * about 40 MB over the 3 attempts it makes (packages/contract-tests, endlessStreams).
 */
export const DEFAULT_MAX_EVENT_SIZE = 4 * 1024 * 1024;
// setTimeout fires at once for delays above 2^31-1 ms; a huge `retry:` must not become a tight loop.
const MAX_TIMER_DELAY = 2 ** 31 - 1;

function baseURL(): string | undefined {
  const doc = (globalThis as { document?: { baseURI?: string } }).document;
  if (typeof doc?.baseURI === 'string') return doc.baseURI;
  const location = (globalThis as { location?: { href?: string } }).location;
  return typeof location?.href === 'string' ? location.href : undefined;
}

function resolveURL(url: string | URL): string {
  try {
    return new URL(url, baseURL()).href;
  } catch (cause) {
    const error = new DOMException(
      `[@kit/sse-react] Cannot open an event stream at "${String(url)}": it is not a valid URL. Pass an absolute URL when there is no document to resolve it against.`,
      'SyntaxError',
    );
    (error as { cause?: unknown }).cause = cause;
    throw error;
  }
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'null';
  }
}

function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
    return detail;
  }
  return String(error);
}

// Shared no-op for the `.catch` of a cancel whose failure changes nothing.
const ignore = (): undefined => undefined;

// Surfaces a callback's exception as uncaught (window.onerror, Node's uncaughtException) without
// stopping the stream.
function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

async function resolveHeaders(option: HeadersOption | undefined): Promise<HeadersInput | undefined> {
  return typeof option === 'function' ? await option() : option;
}

// Typed overloads like EventSource's, so named events are MessageEvents and error events carry
// `.error`. Declared by merging rather than overridden, so no pass-through methods ship.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface FetchEventSource {
  addEventListener<K extends keyof FetchEventSourceEventMap>(
    type: K,
    listener: (this: FetchEventSource, event: FetchEventSourceEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: (this: FetchEventSource, event: MessageEvent<string>) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof FetchEventSourceEventMap>(
    type: K,
    listener: (this: FetchEventSource, event: FetchEventSourceEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: (this: FetchEventSource, event: MessageEvent<string>) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void;
}

/**
 * A faithful EventSource (WHATWG HTML §9.2) on top of `fetch`, so it can send headers, POST a
 * body and use a custom fetch. Spec behaviour lives here; reconnect policy beyond the spec's
 * fixed delay lives in the connection store.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class FetchEventSource extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSED = 2;
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSED = 2;

  declare readonly url: string;
  declare readonly withCredentials: boolean;

  #readyState: 0 | 1 | 2 = 0;
  #reconnectionTime = DEFAULT_RECONNECTION_TIME;
  readonly #init: FetchEventSourceInit;
  readonly #parser: Parser;
  #controller: AbortController | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #origin = 'null';
  #tooLarge = false;
  readonly #handlers = new Map<string, Handler>();

  constructor(url: string | URL, init: FetchEventSourceInit = {}) {
    super();
    this.url = resolveURL(url);
    this.withCredentials = init.withCredentials === true;
    if (init.fetch === undefined && typeof globalThis.fetch !== 'function') {
      throw new TypeError(
        '[@kit/sse-react] FetchEventSource needs fetch, and this environment has none. Pass one as init.fetch, or use Node 18+ or a browser.',
      );
    }
    this.#init = init;
    this.#origin = originOf(this.url);
    this.#parser = createParser({
      onEvent: (event) => this.#onParsedEvent(event),
      onRetry: (ms) => {
        this.#reconnectionTime = ms;
      },
      lastEventId: init.lastEventId,
      maxEventSize: init.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE,
      onTooLarge: () => {
        this.#tooLarge = true;
      },
      onComment: init.onComment === undefined ? undefined : (comment) => this.#onComment(comment),
    });
    this.#start();
  }

  get readyState(): number {
    return this.#readyState;
  }

  /** Extension: the id a reconnect would send as `Last-Event-ID`. */
  get lastEventId(): string {
    return this.#parser.lastEventId;
  }

  /** Extension: milliseconds to wait before reconnecting (3000, or the server's `retry:`). */
  get reconnectionTime(): number {
    return this.#reconnectionTime;
  }

  get onopen(): Handler {
    return this.#handlers.get('open') ?? null;
  }
  set onopen(handler: Handler) {
    this.#setHandler('open', handler);
  }
  get onmessage(): MessageHandler {
    return (this.#handlers.get('message') as MessageHandler | undefined) ?? null;
  }
  set onmessage(handler: MessageHandler) {
    this.#setHandler('message', handler as Handler);
  }
  get onerror(): Handler {
    return this.#handlers.get('error') ?? null;
  }
  set onerror(handler: Handler) {
    this.#setHandler('error', handler);
  }

  close(): void {
    this.#readyState = 2;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#controller?.abort();
    this.#controller = null;
    this.#parser.reset();
  }

  // Like an event handler attribute: one listener registered at the first assignment (so it keeps
  // its place among addEventListener listeners) that calls whatever the property holds now.
  #setHandler(type: string, handler: Handler): void {
    if (!this.#handlers.has(type)) {
      this.addEventListener(type, (event) => {
        const current = this.#handlers.get(type);
        if (typeof current === 'function') current.call(this, event);
      });
    }
    this.#handlers.set(type, typeof handler === 'function' ? handler : null);
  }

  // dispatchEvent reports a listener's exception (window.onerror in browsers, uncaughtException in
  // Node) and carries on, so a throwing handler never stops the stream. The catch is for exotic
  // EventTarget polyfills only.
  #fire(event: Event): void {
    try {
      this.dispatchEvent(event);
    } catch (error) {
      rethrowLater(error);
    }
  }

  #onParsedEvent(event: ParsedEvent): void {
    if (this.#readyState !== 1) return;
    const init = { data: event.data, lastEventId: event.lastEventId, origin: this.#origin };
    this.#fire(new SSEMessageEvent(event.type, init, this.#parser.dispatchingOwnId));
  }

  // The fetch loop must never leave an unhandled rejection behind, whatever a custom fetch does.
  #start(): void {
    this.#connect().catch((error: unknown) => {
      this.#reestablish(new SSEError('network', `The connection to ${this.url} failed (${describe(error)}).`, { cause: error }));
    });
  }

  async #connect(): Promise<void> {
    const controller = new AbortController();
    this.#controller = controller;
    const init = this.#init;
    let request: RequestInit;
    try {
      request = await this.#prepareRequest(controller.signal);
    } catch (error) {
      if (controller.signal.aborted) return;
      this.#reestablish(
        new SSEError(
          'network',
          `Could not prepare the request to ${this.url}: the headers or body function threw (${describe(error)}). It is called again before the next attempt.`,
          { cause: error },
        ),
      );
      return;
    }
    if (controller.signal.aborted) return;
    let response: Response;
    try {
      response = await (init.fetch ?? globalThis.fetch)(this.url, request);
    } catch (error) {
      if (controller.signal.aborted || isAbort(error)) return;
      this.#reestablish(
        new SSEError(
          'network',
          `Could not connect to ${this.url} (${describe(error)}). Check that the server is running and reachable, and for CORS or redirect-loop errors in the browser console.`,
          { cause: error },
        ),
      );
      return;
    }
    if (controller.signal.aborted) {
      void response.body?.cancel().catch(ignore);
      return;
    }

    if (response.status !== 200) {
      void response.body?.cancel().catch(ignore);
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      this.#fail(
        new SSEError(
          'http',
          `${this.url} answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''} instead of 200. An event stream must answer 200 (a 204 means the server asks not to reconnect).`,
          retryAfterMs === undefined ? { status: response.status } : { status: response.status, retryAfterMs },
        ),
      );
      return;
    }
    const contentType = response.headers.get('content-type');
    if (!isEventStreamContentType(contentType)) {
      void response.body?.cancel().catch(ignore);
      this.#fail(
        new SSEError(
          'content-type',
          `${this.url} answered with Content-Type ${contentType === null ? '(none)' : `"${contentType}"`} instead of "text/event-stream". Is the URL right (an HTML page usually means a fallback route or a login page)?`,
          { status: 200 },
        ),
      );
      return;
    }

    this.#origin = originOf(response.url || this.url);
    this.#readyState = 1;
    this.#fire(new Event('open'));
    if (controller.signal.aborted) return;
    await this.#read(response, controller);
  }

  async #prepareRequest(signal: AbortSignal): Promise<RequestInit> {
    const init = this.#init;
    const [userHeaders, body] = await Promise.all([
      resolveHeaders(init.headers),
      typeof init.body === 'function' ? init.body() : init.body,
    ]);
    const headers = new Headers(userHeaders as HeadersInit | undefined);
    if (!headers.has('accept')) headers.set('accept', 'text/event-stream');
    const lastEventId = lastEventIdHeader(this.#parser.lastEventId);
    if (lastEventId !== undefined) headers.set('last-event-id', lastEventId);
    const request: RequestInit = {
      method: init.method ?? 'GET',
      // A plain object of the final headers (names lowercased), not the Headers instance: a custom
      // fetch that does `{ ...init.headers, authorization }` must keep Accept and Last-Event-ID.
      headers: Object.fromEntries(headers),
      // Not a Cache-Control header: that would turn a cross-origin request into a preflighted
      // one. Fetch itself adds `Cache-Control: no-cache` and `Pragma: no-cache` for no-store.
      cache: 'no-store',
      credentials: init.credentials ?? (this.withCredentials ? 'include' : 'same-origin'),
      redirect: 'follow',
      signal,
    };
    if (body !== undefined && body !== null) request.body = body;
    // Node's fetch refuses a stream body without it; a stream can be sent once only, though.
    if (body instanceof ReadableStream) (request as { duplex?: string }).duplex = 'half';
    return request;
  }

  async #read(response: Response, controller: AbortController): Promise<void> {
    const body = response.body;
    let endError: SSEError;
    if (body === null) {
      endError = this.#endOfStream();
    } else {
      const reader = body.getReader();
      // A fresh decoder per stream: it strips one leading BOM (even split across chunks), keeps
      // multi-byte characters split across chunks whole and turns invalid bytes into U+FFFD.
      const decoder = new TextDecoder('utf-8');
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (controller.signal.aborted) return;
          if (done) {
            endError = this.#endOfStream();
            break;
          }
          this.#activity();
          this.#parser.feed(decoder.decode(value, { stream: true }), value.byteLength);
          if (controller.signal.aborted) return;
          if (this.#tooLarge) {
            this.#tooLarge = false;
            controller.abort();
            void reader.cancel().catch(ignore);
            endError = new SSEError(
              'too-large',
              `An event from ${this.url} grew past maxEventSize (${this.#init.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE} bytes); the connection was dropped to bound memory. Raise maxEventSize or send smaller events.`,
            );
            break;
          }
        }
      } catch (error) {
        if (controller.signal.aborted || isAbort(error)) return;
        endError = new SSEError(
          'network',
          `The stream from ${this.url} broke off (${describe(error)}).`,
          { cause: error },
        );
      }
    }
    this.#parser.reset();
    this.#reestablish(endError);
  }

  #endOfStream(): SSEError {
    return new SSEError('network', `The server closed the stream at ${this.url}.`);
  }

  #onComment(comment: string): void {
    if (this.#readyState !== 1) return;
    try {
      this.#init.onComment?.(comment);
    } catch (error) {
      rethrowLater(error);
    }
  }

  #activity(): void {
    const onActivity = this.#init.onActivity;
    if (onActivity === undefined) return;
    try {
      onActivity();
    } catch (error) {
      rethrowLater(error);
    }
  }

  /** Fail the connection (§9.2.3): CLOSED, error event, no reconnect. */
  #fail(error: SSEError): void {
    if (this.#readyState === 2) return;
    this.#readyState = 2;
    this.#controller?.abort();
    this.#controller = null;
    this.#fire(new SSEErrorEvent(error));
  }

  /** Reestablish the connection (§9.2.3): CONNECTING, error event, wait, connect again. */
  #reestablish(error: SSEError): void {
    if (this.#readyState === 2) return;
    this.#parser.reset();
    if (this.#init.reconnect === false) {
      this.#fail(error);
      return;
    }
    this.#readyState = 0;
    this.#controller = null;
    this.#fire(new SSEErrorEvent(error));
    // The error handler may have called close().
    if (this.#readyState !== 0) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#readyState === 0) this.#start();
    }, Math.min(this.#reconnectionTime, MAX_TIMER_DELAY));
  }
}
