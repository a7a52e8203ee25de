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
  onComment?: (comment: string) => void;
  /**
   * The last event id to start from (extension). The spec initialises the id buffer to the empty
   * string per stream, but every browser carries the source's id over to the reconnected stream,
   * otherwise a blank line before the first `id:` would wipe the id needed to resume.
   */
  lastEventId?: string | undefined;
  /**
   * Extension: bound the memory one event may take, in UTF-16 code units of decoded text (the
   * data buffer plus the unterminated line being read). For ASCII that is the byte count; for
   * other text it never exceeds it. Counting decoded units keeps the hot path free of re-encoding.
   */
  maxEventSize?: number | undefined;
  /** Called once when `maxEventSize` is exceeded; the parser has then reset itself and drops the rest of the chunk. */
  onTooLarge?: (size: number) => void;
}

export interface Parser {
  /** Feeds decoded text; any split of a stream into chunks gives the same events. */
  feed(text: string): void;
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

const LF = 10;
const CR = 13;
const SPACE = 32;
const COLON = 58;
const D = 100; // d, as in data
const E = 101; // e, as in event
const I = 105; // i, as in id
const ALL_DIGITS = /^[0-9]+$/;

/**
 * The parser's state and logic. A class on purpose: its methods are single functions shared by
 * every parser, so V8's call feedback and optimised code survive from one parser (and one
 * garbage collection) to the next. Per-parser closures calling each other lose that feedback
 * whenever the previous parser's closures are collected, and fall back to slow code for a while.
 */
class ParserCore {
  readonly onEvent: (event: ParsedEvent) => void;
  readonly onRetry: ((ms: number) => void) | undefined;
  readonly onComment: ((comment: string) => void) | undefined;
  readonly onTooLarge: ((size: number) => void) | undefined;
  // Unbounded unless a finite limit is given (NaN never compares true, so it is unbounded too).
  // The hot path tests the boolean first and never compares lengths with Infinity.
  readonly bounded: boolean;
  readonly maxEventSize: number;
  // Pieces of a line split across chunks, joined once when the line ends: appending each chunk
  // to a string would copy a long line over and over.
  pending: string[] = [];
  pendingSize = 0;
  // A chunk ended in CR: the line is complete, but an LF opening the next chunk belongs to it.
  skipLF = false;
  data = '';
  hasData = false;
  eventType = '';
  committedId: string;
  idBuffer: string;
  blockHasId = false;
  dispatchingOwnId = false;
  // Bumped by reset(), so a callback that resets (or closes the source) stops the current feed.
  generation = 0;

  constructor(options: ParserOptions) {
    this.onEvent = options.onEvent;
    this.onRetry = options.onRetry;
    this.onComment = options.onComment;
    this.onTooLarge = options.onTooLarge;
    const limit = options.maxEventSize;
    this.bounded = limit !== undefined && limit < Infinity;
    this.maxEventSize = this.bounded ? (limit as number) : 0;
    this.committedId = options.lastEventId ?? '';
    this.idBuffer = this.committedId;
  }

  reset(): void {
    this.pending = [];
    this.pendingSize = 0;
    this.skipLF = false;
    this.data = '';
    this.hasData = false;
    this.eventType = '';
    this.idBuffer = this.committedId;
    this.blockHasId = false;
    this.generation++;
  }

  tooLarge(size: number): void {
    this.reset();
    this.onTooLarge?.(size);
  }

  // Every event is created here, with one object shape, so onEvent stays monomorphic.
  emit(type: string, value: string, ownId: boolean): void {
    this.dispatchingOwnId = ownId;
    try {
      this.onEvent({ type, data: value, lastEventId: this.committedId });
    } finally {
      this.dispatchingOwnId = false;
    }
  }

  // A blank line.
  dispatch(): void {
    this.committedId = this.idBuffer;
    const ownId = this.blockHasId;
    this.blockHasId = false;
    const type = this.eventType;
    this.eventType = '';
    if (!this.hasData) return;
    const value = this.data;
    this.data = '';
    this.hasData = false;
    this.emit(type === '' ? 'message' : type, value, ownId);
  }

  // Works on [start, end) of the chunk so a complete line is never sliced out just to be split
  // again. The char at `end` is CR, LF or past the string, so a prefix that matches in full lies
  // inside the line.
  processLine(text: string, start: number, end: number): void {
    if (start === end) {
      this.dispatch();
      return;
    }
    const first = text.charCodeAt(start);
    // Char-code chains: measurably faster than startsWith(name, start) on V8 for this hot path.
    if (
      first === D &&
      text.charCodeAt(start + 1) === 97 &&
      text.charCodeAt(start + 2) === 116 &&
      text.charCodeAt(start + 3) === 97 &&
      text.charCodeAt(start + 4) === COLON
    ) {
      this.appendData(text.slice(text.charCodeAt(start + 5) === SPACE ? start + 6 : start + 5, end));
      return;
    }
    if (first === COLON) {
      const onComment = this.onComment;
      if (onComment !== undefined) onComment(text.slice(text.charCodeAt(start + 1) === SPACE ? start + 2 : start + 1, end));
      return;
    }
    if (first === I && text.charCodeAt(start + 1) === D && text.charCodeAt(start + 2) === COLON) {
      this.setId(text.slice(text.charCodeAt(start + 3) === SPACE ? start + 4 : start + 3, end));
      return;
    }
    if (
      first === E &&
      text.charCodeAt(start + 1) === 118 &&
      text.charCodeAt(start + 2) === E &&
      text.charCodeAt(start + 3) === 110 &&
      text.charCodeAt(start + 4) === 116 &&
      text.charCodeAt(start + 5) === COLON
    ) {
      this.eventType = text.slice(text.charCodeAt(start + 6) === SPACE ? start + 7 : start + 6, end);
      return;
    }
    this.rareField(text.slice(start, end));
  }

  // Retry, a field without a colon, unknown fields, and any field the fast checks did not match.
  rareField(line: string): void {
    const colon = line.indexOf(':');
    let field = line;
    let value = '';
    if (colon !== -1) {
      field = line.slice(0, colon);
      value = line.slice(line.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1);
    }
    switch (field) {
      case 'data':
        this.appendData(value);
        return;
      case 'event':
        this.eventType = value;
        return;
      case 'id':
        this.setId(value);
        return;
      case 'retry':
        if (ALL_DIGITS.test(value)) this.onRetry?.(Number.parseInt(value, 10));
        return;
      default:
        return;
    }
  }

  appendData(value: string): void {
    if (this.hasData) {
      this.data += '\n' + value;
    } else {
      this.data = value;
      this.hasData = true;
    }
    if (this.bounded && this.data.length > this.maxEventSize) this.tooLarge(this.data.length);
  }

  setId(value: string): void {
    if (value.indexOf('\0') === -1) {
      this.idBuffer = value;
      this.blockHasId = true;
    }
  }

  // Keeps the unterminated end of a chunk for the next one.
  keep(chunk: string, position: number): void {
    const rest = position === 0 ? chunk : chunk.slice(position);
    this.pending.push(rest);
    this.pendingSize += rest.length;
    if (this.bounded) {
      const size = this.pendingSize + this.data.length;
      if (size > this.maxEventSize) this.tooLarge(size);
    }
  }

  // A chunk (from `position` on) without CR: one indexOf per line, and the usual
  // `data: ...` + blank line block is dispatched without buffering the data.
  feedLF(chunk: string, position: number, startGeneration: number): void {
    let lf = chunk.indexOf('\n', position);
    while (lf !== -1) {
      if (lf === position) {
        this.dispatch();
      } else {
        const first = chunk.charCodeAt(position);
        if (
          first === D &&
          chunk.charCodeAt(position + 1) === 97 &&
          chunk.charCodeAt(position + 2) === 116 &&
          chunk.charCodeAt(position + 3) === 97 &&
          chunk.charCodeAt(position + 4) === COLON
        ) {
          const value = chunk.slice(chunk.charCodeAt(position + 5) === SPACE ? position + 6 : position + 5, lf);
          if (!this.hasData && lf + 1 < chunk.length && chunk.charCodeAt(lf + 1) === LF) {
            // The data line is the whole block's data and a blank line follows: dispatch now.
            if (this.bounded && value.length > this.maxEventSize) {
              this.tooLarge(value.length);
              return;
            }
            this.committedId = this.idBuffer;
            const ownId = this.blockHasId;
            this.blockHasId = false;
            const type = this.eventType;
            this.eventType = '';
            position = lf + 2;
            this.emit(type === '' ? 'message' : type, value, ownId);
            if (this.generation !== startGeneration) return;
            lf = chunk.indexOf('\n', position);
            continue;
          }
          this.appendData(value);
        } else if (first === I && chunk.charCodeAt(position + 1) === D && chunk.charCodeAt(position + 2) === COLON) {
          this.setId(chunk.slice(chunk.charCodeAt(position + 3) === SPACE ? position + 4 : position + 3, lf));
        } else {
          this.processLine(chunk, position, lf);
        }
      }
      position = lf + 1;
      if (this.generation !== startGeneration) return;
      lf = chunk.indexOf('\n', position);
    }
    if (position < chunk.length) this.keep(chunk, position);
  }

  // A chunk with CR line ends (CR LF, or lone CR).
  feedMixed(chunk: string, position: number, startGeneration: number): void {
    const length = chunk.length;
    // Cached so a stream without CR (or without LF) is not rescanned to the end for every line.
    let nextLF = -2;
    let nextCR = -2;
    while (position < length) {
      if (nextLF !== -1 && nextLF < position) nextLF = chunk.indexOf('\n', position);
      if (nextCR !== -1 && nextCR < position) nextCR = chunk.indexOf('\r', position);
      let end: number;
      if (nextLF === -1) end = nextCR;
      else if (nextCR === -1) end = nextLF;
      else end = nextLF < nextCR ? nextLF : nextCR;

      if (end === -1) {
        this.keep(chunk, position);
        return;
      }
      const lineStart = position;
      const lineEndAt = end;
      if (chunk.charCodeAt(end) === CR) {
        if (end + 1 === length) this.skipLF = true;
        else if (chunk.charCodeAt(end + 1) === LF) end++;
      }
      position = end + 1;
      this.processLine(chunk, lineStart, lineEndAt);
      if (this.generation !== startGeneration) return;
    }
  }

  feed(chunk: string): void {
    const length = chunk.length;
    if (length === 0) return;
    const startGeneration = this.generation;
    let position = 0;
    if (this.skipLF) {
      this.skipLF = false;
      if (chunk.charCodeAt(0) === LF) {
        if (length === 1) return;
        position = 1;
      }
    }
    if (this.pending.length !== 0) {
      // Finish the line begun in earlier chunks.
      const end = lineEnd(chunk, position);
      if (end === -1) {
        this.keep(chunk, position);
        return;
      }
      this.pending.push(chunk.slice(position, end));
      const line = this.pending.join('');
      this.pending = [];
      this.pendingSize = 0;
      position = end + 1;
      if (chunk.charCodeAt(end) === CR) {
        if (position === length) this.skipLF = true;
        else if (chunk.charCodeAt(position) === LF) position++;
      }
      this.processLine(line, 0, line.length);
      if (this.generation !== startGeneration || position === length) return;
    }
    if (chunk.indexOf('\r', position) === -1) this.feedLF(chunk, position, startGeneration);
    else this.feedMixed(chunk, position, startGeneration);
  }
}

// The first CR or LF at or after `from`, or -1.
function lineEnd(chunk: string, from: number): number {
  const length = chunk.length;
  if (length - from <= 16) {
    // Short chunks (a byte at a time): a plain loop beats two indexOf calls.
    for (let i = from; i < length; i++) {
      const c = chunk.charCodeAt(i);
      if (c === LF || c === CR) return i;
    }
    return -1;
  }
  const lf = chunk.indexOf('\n', from);
  const cr = lf === -1 ? chunk.indexOf('\r', from) : chunk.lastIndexOf('\r', lf);
  if (cr < from) return lf;
  if (lf === -1) return cr;
  // A CR before the LF: find the first one.
  return chunk.indexOf('\r', from);
}

/**
 * Spec-exact event stream parser (WHATWG HTML §9.2.6). It does not strip a BOM: the byte decoder
 * does, once per stream, which is the only place that knows where the stream starts.
 */
export function createParser(options: ParserOptions): Parser {
  const core = new ParserCore(options);
  // Bound closures, so `const { feed } = createParser(...)` keeps working.
  return {
    feed: (text: string) => core.feed(text),
    reset: () => core.reset(),
    get lastEventId() {
      return core.committedId;
    },
    get dispatchingOwnId() {
      return core.dispatchingOwnId;
    },
  };
}
