import { clampTimerDelay } from '../runtime/createTimer';
import type { SSEError } from '../SSEError';
import type { SSEMessage } from '../types';
import { EventHandlerTarget } from './EventHandlerTarget';
import type { FetchEventSourceInit } from './fetchEventSourceInit';
import { CLOSED, CONNECTING, DEFAULT_RECONNECTION_TIME, FetchTransport, OPEN } from './FetchTransport';
import { SSEErrorEvent } from './SSEErrorEvent';
import { SSEMessageEvent } from './SSEMessageEvent';
import { rethrowLater } from './transportErrors';

export type { FetchEventSourceBody, FetchEventSourceInit } from './fetchEventSourceInit';
export { DEFAULT_MAX_EVENT_SIZE } from './EventStreamReader';

/** Event types with a known event class; any other name is a MessageEvent, as on EventSource. */
export interface FetchEventSourceEventMap {
  open: Event;
  message: MessageEvent<string>;
  error: SSEErrorEvent;
}

type ReadyState = typeof CONNECTING | typeof OPEN | typeof CLOSED;

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
 * body and use a custom fetch. Each attempt is one FetchTransport (the request, its checks and the
 * parsed body); this class adds what EventSource is on top: DOM events, handler attributes and the
 * spec's reconnect with its fixed delay. The connection store drives FetchTransport directly and
 * owns a better reconnect policy. `[spec]` marks the processing model's words.
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
  readonly #init: FetchEventSourceInit;
  #transport: FetchTransport;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(url: string | URL, init: FetchEventSourceInit = {}) {
    super();
    this.#init = init;
    this.#transport = this.#attempt(url, init.lastEventId, DEFAULT_RECONNECTION_TIME);
    this.url = this.#transport.url;
    this.withCredentials = init.withCredentials === true;
  }

  get readyState(): number {
    return this.#readyState;
  }
  /** Extension: the id a reconnect would send as `Last-Event-ID`. */
  get lastEventId(): string {
    return this.#transport.lastEventId;
  }
  /** Extension: milliseconds to wait before reconnecting (3000, or the server's `retry:`). */
  get reconnectionTime(): number {
    return this.#transport.reconnectionTime;
  }

  /** [spec] "abort any instances of the fetch algorithm started for this EventSource object, and set the readyState attribute to CLOSED." */
  close(): void {
    this.#readyState = CLOSED;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#transport.close();
  }

  /** One request, resuming where the previous one left off (its last id and `retry:`). */
  #attempt(url: string | URL, lastEventId: string | undefined, reconnectionTime: number): FetchTransport {
    const init = { ...this.#init, reconnectionTime, onMessage: (message: SSEMessage, hasOwnId: boolean) => this.#onMessage(message, hasOwnId) };
    if (lastEventId !== undefined) init.lastEventId = lastEventId;
    const transport = new FetchTransport(url, init);
    // [spec] "announce the connection": "set the readyState attribute to OPEN" and "fire an event named open".
    transport.onopen = () => {
      this.#readyState = OPEN;
      fire(this, new Event('open'));
    };
    transport.onerror = (event) => this.#onEnd((event as SSEErrorEvent).error, transport.endedFatally);
    return transport;
  }

  #onMessage(message: SSEMessage, hasOwnId: boolean): void {
    // The message is the event's init as it is (MessageEvent reads data, lastEventId and origin
    // from it and ignores its type): no second object per event.
    fire(this, new SSEMessageEvent(message.type, message, hasOwnId));
  }

  #onEnd(error: SSEError, fatal: boolean): void {
    if (this.#readyState === CLOSED) return;
    if (fatal || this.#init.reconnect === false) this.#fail(error);
    else this.#reestablish(error);
  }

  /** [spec] "Fail the connection": "set the readyState attribute to CLOSED and fire an event named error"; no reconnect. */
  #fail(error: SSEError): void {
    this.#readyState = CLOSED;
    fire(this, new SSEErrorEvent(error));
  }

  // [spec] "Reestablish the connection": "set the readyState attribute to CONNECTING", "fire an event named error", wait the
  // reconnection time, then connect again "if the EventSource object's readyState attribute is still set to CONNECTING".
  #reestablish(error: SSEError): void {
    this.#readyState = CONNECTING;
    fire(this, new SSEErrorEvent(error));
    // The error handler may have called close().
    if (this.#readyState !== CONNECTING) return;
    const previous = this.#transport;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      if (this.#readyState === CONNECTING) this.#transport = this.#attempt(this.url, previous.lastEventId, previous.reconnectionTime);
    }, clampTimerDelay(previous.reconnectionTime));
  }
}
