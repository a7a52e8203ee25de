import type { ParsedEvent } from '../protocol/parser';
import type { SSEError } from '../SSEError';
import type { FetchEventSourceLike, SSEMessage } from '../types';
import { callSafely, EventStreamReader } from './EventStreamReader';
import type { FetchEventSourceInit } from './fetchEventSourceInit';
import { openStream } from './openStream';
import { originOf, resolveURL } from './resolveURL';
import { SSEErrorEvent } from './SSEErrorEvent';
import { connectionFailed, rethrowLater } from './transportErrors';

// [spec] readyState: "CONNECTING (numeric value 0)", "OPEN (numeric value 1)", "CLOSED (numeric value 2)".
export const CONNECTING = 0;
export const OPEN = 1;
export const CLOSED = 2;

// [spec] "a reconnection time, in milliseconds. This must initially be an implementation-defined value, probably in the region of a few seconds."
export const DEFAULT_RECONNECTION_TIME = 3000;

// The second argument is the fetch transport's extra: whether the event's block had its own `id:`.
type Listener = (event: MessageEvent<string>, hasOwnId: boolean) => void;

/** What FetchEventSource hands the transport of its next attempt: where the last one left off. */
export interface TransportInit extends FetchEventSourceInit {
  reconnectionTime?: number;
  /** Every event, whatever its name (FetchEventSource re-dispatches them as DOM events). */
  onMessage?: (message: SSEMessage, hasOwnId: boolean) => void;
  /** After each network chunk's events (the connection publishes the chunk's last id once). */
  onChunkParsed?: () => void;
}

function assertFetch(init: FetchEventSourceInit): void {
  if (init.fetch === undefined && typeof globalThis.fetch !== 'function') {
    throw new TypeError(
      process.env.NODE_ENV !== 'production'
        ? '[@kit/sse-react] FetchEventSource needs fetch, and this environment has none. Pass one as init.fetch, or use Node 18+ or a browser.'
        : '[@kit/sse-react] No fetch',
    );
  }
}

/**
 * ONE request of an event stream over fetch, in the shape the connection drives (EventSourceLike):
 * readyState, `onopen`/`onerror`, named listeners, close. It never reconnects: when the request or
 * the stream ends it goes to CLOSED and calls `onerror` with the cause; the connection owns the
 * retry policy, and FetchEventSource adds the spec's reconnect loop and DOM events on top.
 * Listeners get plain event objects, not DOM events: one small allocation per event on the hot
 * path, and none of EventTarget's dispatch machinery.
 */
export class FetchTransport implements FetchEventSourceLike {
  readonly url: string;
  readonly withCredentials: boolean;
  readyState: number = CONNECTING;
  reconnectionTime: number;
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  /** Set when it closed on an answer that retrying cannot change (a status other than 200, a wrong Content-Type). */
  endedFatally = false;
  readonly #init: TransportInit;
  readonly #stream: EventStreamReader;
  readonly #controller = new AbortController();
  readonly #listeners = new Map<string, Listener[]>();
  #origin: string;

  constructor(url: string | URL, init: TransportInit = {}) {
    this.url = resolveURL(url);
    this.withCredentials = init.withCredentials === true;
    assertFetch(init);
    this.#init = init;
    this.reconnectionTime = init.reconnectionTime ?? DEFAULT_RECONNECTION_TIME;
    this.#origin = originOf(this.url);
    this.#stream = new EventStreamReader(this.url, init, {
      onEvent: (event) => this.#dispatch(event),
      onRetry: (ms) => {
        this.reconnectionTime = ms;
      },
      onComment: init.onComment === undefined ? undefined : (comment) => this.#onComment(comment),
      onChunkParsed: init.onChunkParsed,
    });
    // The fetch loop must never leave an unhandled rejection behind, whatever a custom fetch does.
    this.#run().catch((error: unknown) => this.#end(connectionFailed(this.url, error), false));
  }

  /** Extension: the id a new request would send as `Last-Event-ID`. */
  get lastEventId(): string {
    return this.#stream.parser.lastEventId;
  }

  addEventListener(type: string, listener: Listener): void {
    const list = this.#listeners.get(type);
    if (list === undefined) this.#listeners.set(type, [listener]);
    else if (!list.includes(listener)) list.push(listener);
  }

  removeEventListener(type: string, listener: Listener): void {
    const list = this.#listeners.get(type);
    const index = list === undefined ? -1 : list.indexOf(listener);
    // A copy, not a splice: a dispatch in progress keeps iterating the list it started with.
    if (index !== -1) this.#listeners.set(type, (list as Listener[]).filter((_, i) => i !== index));
  }

  close(): void {
    this.readyState = CLOSED;
    this.#controller.abort();
    this.#stream.parser.reset();
  }

  async #run(): Promise<void> {
    const { signal } = this.#controller;
    const outcome = await openStream(this.url, this.#init, this.withCredentials, this.lastEventId, signal);
    if (outcome.kind === 'aborted') return;
    if (outcome.kind !== 'open') return this.#end(outcome.error, outcome.kind === 'fail');
    this.#origin = originOf(outcome.response.url || this.url);
    this.readyState = OPEN;
    callSafely(this.onopen === null ? undefined : () => this.onopen?.(new Event('open')));
    if (signal.aborted) return;
    const endError = await this.#stream.read(outcome.response.body, this.#controller);
    if (endError !== null) this.#end(endError, false);
  }

  /** The request or the stream ended: CLOSED, then `onerror` says why and whether retrying can help. */
  #end(error: SSEError, fatal: boolean): void {
    if (this.readyState === CLOSED) return;
    this.close();
    this.endedFatally = fatal;
    callSafely(this.onerror === null ? undefined : () => this.onerror?.(new SSEErrorEvent(error)));
  }

  // [spec] "If the readyState attribute is set to a value other than OPEN, return" (dispatch the event).
  #dispatch(parsed: ParsedEvent): void {
    const listeners = this.#listeners.get(parsed.type);
    const { onMessage } = this.#init;
    if (this.readyState !== OPEN || (listeners === undefined && onMessage === undefined)) return;
    // Exactly an SSEMessage, which the connection hands on as it is: one object per event.
    const message: SSEMessage = { type: parsed.type, data: parsed.data, lastEventId: parsed.lastEventId, origin: this.#origin };
    const hasOwnId = this.#stream.parser.dispatchingOwnId;
    if (onMessage !== undefined) onMessage(message, hasOwnId);
    if (listeners === undefined) return;
    // Not a MessageEvent: the one listener per name is the connection's, which reads only these
    // fields, and a DOM event per message would cost more than the rest of the dispatch.
    const event = message as unknown as MessageEvent<string>;
    for (const listener of listeners) {
      try {
        listener(event, hasOwnId);
      } catch (error) {
        rethrowLater(error);
      }
    }
  }

  // Extension: comments reach the caller only while OPEN, as events do.
  #onComment(comment: string): void {
    if (this.readyState === OPEN) callSafely(() => this.#init.onComment?.(comment));
  }
}
