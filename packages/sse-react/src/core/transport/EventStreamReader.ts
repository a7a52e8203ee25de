import { createParser } from '../protocol/parser';
import type { ParsedEvent, Parser } from '../protocol/parser';
import type { SSEError } from '../SSEError';
import type { FetchEventSourceInit } from './fetchEventSourceInit';
import { createStreamDecoder } from './streamDecoder';
import { eventTooLarge, ignore, isAbort, rethrowLater, streamBroke, streamEnded } from './transportErrors';

/**
 * 4 MiB: far above any dashboard update or streamed AI token (kilobytes) and above minutes of
 * metrics history sent as one snapshot event (tens of kilobytes), yet small enough that an endless
 * line from a broken server stops long before it hurts a phone: the client's peak RSS grows by
 * about 40 MB over the 3 attempts it makes (packages/contract-tests, endlessStreams).
 */
export const DEFAULT_MAX_EVENT_SIZE = 4 * 1024 * 1024;

/** Where the parsed stream goes: the source's event and retry handling. */
export interface StreamHandlers {
  onEvent(event: ParsedEvent): void;
  onRetry(ms: number): void;
  onComment: ((comment: string) => void) | undefined;
  /** After each network chunk's events: lets a consumer publish once per chunk what changed per event. */
  onChunkParsed?: (() => void) | undefined;
}

// A callback of the user's must never stop the stream: its exception is reported as uncaught.
export function callSafely(callback: (() => void) | undefined): void {
  if (callback === undefined) return;
  try {
    callback();
  } catch (error) {
    rethrowLater(error);
  }
}

/**
 * The body-reading half of FetchEventSource: one parser for the source's life (the last event id
 * carries over to the next attempt) and the loop that feeds it each response body.
 */
export class EventStreamReader {
  readonly parser: Parser;
  readonly #url: string;
  readonly #init: FetchEventSourceInit;
  readonly #onChunkParsed: (() => void) | undefined;
  #tooLarge = false;

  constructor(url: string, init: FetchEventSourceInit, handlers: StreamHandlers) {
    this.#url = url;
    this.#init = init;
    this.#onChunkParsed = handlers.onChunkParsed;
    this.parser = createParser({
      onEvent: handlers.onEvent,
      onRetry: handlers.onRetry,
      lastEventId: init.lastEventId,
      maxEventSize: init.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE,
      onTooLarge: () => {
        this.#tooLarge = true;
      },
      onComment: handlers.onComment,
    });
  }

  /**
   * Reads one response body into the parser. Resolves with the error that ends the stream (its
   * end, a break, an event over maxEventSize), after which the source reestablishes or fails; or
   * with null once `controller` is aborted: close() or a newer attempt owns the source now.
   */
  async read(body: ReadableStream<Uint8Array> | null, controller: AbortController): Promise<SSEError | null> {
    if (body === null) return streamEnded(this.#url);
    const reader = body.getReader();
    // A fresh decoder per stream: it strips one leading BOM (even split across chunks), keeps
    // multi-byte characters split across chunks whole and turns invalid bytes into U+FFFD.
    const decode = createStreamDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (controller.signal.aborted) return null;
        if (done) return streamEnded(this.#url);
        callSafely(this.#init.onActivity);
        this.parser.feed(decode(value), value.byteLength);
        if (controller.signal.aborted) return null;
        callSafely(this.#onChunkParsed);
        if (this.#tooLarge) {
          this.#tooLarge = false;
          controller.abort();
          void reader.cancel().catch(ignore);
          return eventTooLarge(this.#url, this.#init.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE);
        }
      }
    } catch (error) {
      if (controller.signal.aborted || isAbort(error)) return null;
      return streamBroke(this.#url, error);
    }
  }
}
