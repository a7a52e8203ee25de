import type { ParsedEvent } from '../protocol/parser';
import { clampTimerDelay } from '../runtime/createTimer';
import type { SSEError } from '../SSEError';
import { EventHandlerTarget } from './EventHandlerTarget';
import { callSafely, EventStreamReader } from './EventStreamReader';
import type { FetchEventSourceInit } from './fetchEventSourceInit';
import { openStream } from './openStream';
import { originOf, resolveURL } from './resolveURL';
import { SSEErrorEvent } from './SSEErrorEvent';
import { SSEMessageEvent } from './SSEMessageEvent';
import { connectionFailed, rethrowLater } from './transportErrors';

export type { FetchEventSourceBody, FetchEventSourceInit } from './fetchEventSourceInit';
export { DEFAULT_MAX_EVENT_SIZE } from './EventStreamReader';

/** Event types with a known event class; any other name is a MessageEvent, as on EventSource. */
export interface FetchEventSourceEventMap {
  open: Event;
  message: MessageEvent<string>;
  error: SSEErrorEvent;
}

// [spec] readyState: "CONNECTING (numeric value 0)", "OPEN (numeric value 1)", "CLOSED (numeric value 2)".
const CONNECTING = 0;
const OPEN = 1;
const CLOSED = 2;
type ReadyState = typeof CONNECTING | typeof OPEN | typeof CLOSED;

// [spec] "a reconnection time, in milliseconds. This must initially be an implementation-defined value, probably in the region of a few seconds."
const DEFAULT_RECONNECTION_TIME = 3000;

// dispatchEvent reports a listener's exception (window.onerror in browsers, uncaughtException in
// Node) and carries on, so a throwing handler never stops the stream. The catch is for exotic
// EventTarget polyfills only.
function fire(target: EventTarget, event: Event): void {
  try {
    target.dispatchEvent(event);
  } catch (error) {
    rethrowLater(error);
  }
}

function assertFetch(init: FetchEventSourceInit): void {
  if (init.fetch === undefined && typeof globalThis.fetch !== 'function') {
    throw new TypeError(
      '[@kit/sse-react] FetchEventSource needs fetch, and this environment has none. Pass one as init.fetch, or use Node 18+ or a browser.',
    );
  }
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
 * fixed delay lives in the connection store. `[spec]` marks the processing model's words.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class FetchEventSource extends EventHandlerTarget {
  static readonly CONNECTING = CONNECTING;
  static readonly OPEN = OPEN;
  static readonly CLOSED = CLOSED;
  readonly CONNECTING = CONNECTING;
  readonly OPEN = OPEN;
  readonly CLOSED = CLOSED;
  declare readonly url: string;
  declare readonly withCredentials: boolean;
  #readyState: ReadyState = CONNECTING;
  #reconnectionTime = DEFAULT_RECONNECTION_TIME;
  readonly #init: FetchEventSourceInit;
  readonly #stream: EventStreamReader;
  #controller: AbortController | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #origin = 'null';

  constructor(url: string | URL, init: FetchEventSourceInit = {}) {
    super();
    this.url = resolveURL(url);
    this.withCredentials = init.withCredentials === true;
    assertFetch(init);
    this.#init = init;
    this.#origin = originOf(this.url);
    this.#stream = new EventStreamReader(this.url, init, {
      onEvent: (event) => this.#onParsedEvent(event),
      onRetry: (ms) => {
        this.#reconnectionTime = ms;
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
    return this.#stream.parser.lastEventId;
  }
  /** Extension: milliseconds to wait before reconnecting (3000, or the server's `retry:`). */
  get reconnectionTime(): number {
    return this.#reconnectionTime;
  }

  /** [spec] "abort any instances of the fetch algorithm started for this EventSource object, and set the readyState attribute to CLOSED." */
  close(): void {
    this.#readyState = CLOSED;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#controller?.abort();
    this.#controller = null;
    this.#stream.parser.reset();
  }

  // [spec] "If the readyState attribute is set to a value other than OPEN, return" (dispatch the event).
  #onParsedEvent(event: ParsedEvent): void {
    if (this.#readyState !== OPEN) return;
    const init = { data: event.data, lastEventId: event.lastEventId, origin: this.#origin };
    fire(this, new SSEMessageEvent(event.type, init, this.#stream.parser.dispatchingOwnId));
  }

  // Extension: comments reach the caller only while OPEN, as events do.
  #onComment(comment: string): void {
    if (this.#readyState === OPEN) callSafely(() => this.#init.onComment?.(comment));
  }

  // The fetch loop must never leave an unhandled rejection behind, whatever a custom fetch does.
  #start(): void {
    this.#connect().catch((error: unknown) => this.#reestablish(connectionFailed(this.url, error)));
  }

  async #connect(): Promise<void> {
    const controller = new AbortController();
    this.#controller = controller;
    const outcome = await openStream(this.url, this.#init, this.withCredentials, this.lastEventId, controller.signal);
    if (outcome.kind === 'aborted') return;
    if (outcome.kind === 'reestablish') return this.#reestablish(outcome.error);
    if (outcome.kind === 'fail') return this.#fail(outcome.error);
    // [spec] "announce the connection": "set the readyState attribute to OPEN" and "fire an event named open".
    this.#origin = originOf(outcome.response.url || this.url);
    this.#readyState = OPEN;
    fire(this, new Event('open'));
    if (controller.signal.aborted) return;
    const endError = await this.#stream.read(outcome.response.body, controller);
    if (endError === null) return;
    this.#stream.parser.reset();
    this.#reestablish(endError);
  }

  /** [spec] "Fail the connection": "set the readyState attribute to CLOSED and fire an event named error"; no reconnect. */
  #fail(error: SSEError): void {
    if (this.#readyState === CLOSED) return;
    this.#readyState = CLOSED;
    this.#controller?.abort();
    this.#controller = null;
    fire(this, new SSEErrorEvent(error));
  }

  // [spec] "Reestablish the connection": "set the readyState attribute to CONNECTING", "fire an event named error", wait the
  // reconnection time, then connect again "if the EventSource object's readyState attribute is still set to CONNECTING".
  #reestablish(error: SSEError): void {
    if (this.#readyState === CLOSED) return;
    this.#stream.parser.reset();
    if (this.#init.reconnect === false) {
      this.#fail(error);
      return;
    }
    this.#readyState = CONNECTING;
    this.#controller = null;
    fire(this, new SSEErrorEvent(error));
    // The error handler may have called close().
    if (this.#readyState !== CONNECTING) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#readyState === CONNECTING) this.#start();
    }, clampTimerDelay(this.#reconnectionTime));
  }
}
