// The parser's public contract (re-exported by ./parser and the `./core` entry).

/** One event as the WHATWG event stream interpretation dispatches it. */
export interface ParsedEvent {
  /** The `event:` field, `message` when the block had none. */
  readonly type: string;
  readonly data: string;
  /** The last event id in effect when the event was dispatched (it persists across events). */
  readonly lastEventId: string;
}

export interface ParserOptions {
  onEvent(event: ParsedEvent): void;
  /** A `retry:` field made only of ASCII digits, in milliseconds. */
  onRetry?: (ms: number) => void;
  /** A line starting with `:`, without the colon and one leading space. Heartbeats arrive here. */
  onComment?: ((comment: string) => void) | undefined;
  /**
   * The last event id to start from (extension). The spec initialises the id buffer to the empty
   * string per stream, but every browser carries the source's id over to the reconnected stream,
   * otherwise a blank line before the first `id:` would wipe the id needed to resume.
   */
  lastEventId?: string | undefined;
  /**
   * Extension: bound the memory one event may take, in UTF-8 bytes of the decoded stream: its
   * `data:` lines as they arrived (field name and line end included, so a million one-char lines
   * count what they cost) plus the unterminated line being read. Pass `feed` the byte length of the chunk
   * the text came from, and ASCII chunks are measured by their length alone; other text is
   * measured char by char, only while the bound is set.
   */
  maxEventSize?: number | undefined;
  /** Called once when `maxEventSize` is exceeded; the parser has then reset itself and drops the rest of the chunk. */
  onTooLarge?: (size: number) => void;
}

export interface Parser {
  /**
   * Feeds decoded text; any split of a stream into chunks gives the same events. `byteLength`:
   * the size of the bytes `text` was decoded from, when known (it lets `maxEventSize` measure an
   * ASCII chunk without scanning it).
   */
  feed(text: string, byteLength?: number): void;
  /** Drops the incomplete block (data, event type, an id not yet committed) and a pending CR. */
  reset(): void;
  /** The id committed at the last blank line (extension; the transport resumes from it). */
  readonly lastEventId: string;
  /**
   * Extension, read inside `onEvent`: whether the dispatched block had an `id:` field of its own.
   * `lastEventId` repeats the previous id for a block without one, so only the parser can tell an
   * event that re-sends id 7 from an event that merely follows id 7 (duplicate filtering needs it).
   */
  readonly dispatchingOwnId: boolean;
}
