import { PieceBuffer } from './pieceBuffer';

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

const LF = 10;
const CR = 13;
const SPACE = 32;
const COLON = 58;
const D = 100; // d, as in data
const E = 101; // e, as in event
const I = 105; // i, as in id
const ALL_DIGITS = /^[0-9]+$/;
/** `data: ` and the line end: what a data line costs in the stream beyond its value. */
const DATA_LINE_OVERHEAD = 7;
/** UTF-8 length of UTF-16 text: each half of a surrogate pair counts 2 of the pair's 4 bytes. */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) bytes += c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 1 : 2;
  }
  return bytes;
}

/**
 * Spec-exact event stream parser (WHATWG HTML §9.2.6). It does not strip a BOM: the byte decoder
 * does, once per stream, which is the only place that knows where the stream starts.
 */
export function createParser(options: ParserOptions): Parser {
  const { onEvent, onRetry, onComment, onTooLarge } = options;
  // Unbounded unless a finite limit is given (NaN never compares true, so it is unbounded too).
  // The hot path tests the boolean first and never compares lengths with Infinity.
  const limit = options.maxEventSize;
  const bounded = limit !== undefined && limit < Infinity;
  const maxEventSize = bounded ? limit : 0;
  // A line of at most this many UTF-16 units is within the bound: UTF-8 takes 3 bytes per unit at most.
  const surelySmall = maxEventSize / 3;

  // Pieces of a line split across chunks, joined once when the line ends.
  const pending = new PieceBuffer('');
  let pendingSize = 0;
  // The data lines of the block being read, joined with LF at dispatch.
  const dataLines = new PieceBuffer('\n');
  let dataSize = 0;
  // Whether the chunk being fed is ASCII (its text as long as its bytes); null when unknown.
  let asciiChunk: boolean | null = null;
  // A chunk ended in CR: the line is complete, but an LF opening the next chunk belongs to it.
  let skipLF = false;
  let eventType = '';
  let committedId = options.lastEventId ?? '';
  let idBuffer = committedId;
  let blockHasId = false;
  let dispatchingOwnId = false;
  // Bumped by reset(), so a callback that resets (or closes the source) stops the current feed.
  let generation = 0;

  function reset(): void {
    pending.clear();
    pendingSize = 0;
    skipLF = false;
    dataLines.clear();
    dataSize = 0;
    eventType = '';
    idBuffer = committedId;
    blockHasId = false;
    generation++;
  }

  // Only called when bounded: the unbounded hot path never measures.
  function sizeOf(text: string): number {
    return asciiChunk === true ? text.length : utf8Length(text);
  }

  function tooLarge(size: number): void {
    reset();
    onTooLarge?.(size);
  }

  // Every event is created here, with one object shape, so onEvent stays monomorphic.
  function emit(type: string, value: string, ownId: boolean): void {
    dispatchingOwnId = ownId;
    try {
      onEvent({ type, data: value, lastEventId: committedId });
    } finally {
      dispatchingOwnId = false;
    }
  }

  // A blank line.
  function dispatch(): void {
    committedId = idBuffer;
    const ownId = blockHasId;
    blockHasId = false;
    const type = eventType;
    eventType = '';
    if (dataLines.isEmpty) return;
    const value = dataLines.take();
    dataSize = 0;
    emit(type === '' ? 'message' : type, value, ownId);
  }

  // Works on [start, end) of the chunk so a complete line is never sliced out just to be split
  // again. The char at `end` is CR, LF or past the string, so a prefix that matches in full lies
  // inside the line.
  function processLine(text: string, start: number, end: number): void {
    if (start === end) {
      dispatch();
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
      appendData(text.slice(text.charCodeAt(start + 5) === SPACE ? start + 6 : start + 5, end));
      return;
    }
    if (first === COLON) {
      if (onComment !== undefined) onComment(text.slice(text.charCodeAt(start + 1) === SPACE ? start + 2 : start + 1, end));
      return;
    }
    if (first === I && text.charCodeAt(start + 1) === D && text.charCodeAt(start + 2) === COLON) {
      setId(text.slice(text.charCodeAt(start + 3) === SPACE ? start + 4 : start + 3, end));
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
      eventType = text.slice(text.charCodeAt(start + 6) === SPACE ? start + 7 : start + 6, end);
      return;
    }
    rareField(text.slice(start, end));
  }

  // Retry, a field without a colon, unknown fields, and any field the fast checks did not match.
  function rareField(line: string): void {
    const colon = line.indexOf(':');
    let field = line;
    let value = '';
    if (colon !== -1) {
      field = line.slice(0, colon);
      value = line.slice(line.charCodeAt(colon + 1) === SPACE ? colon + 2 : colon + 1);
    }
    switch (field) {
      case 'data':
        appendData(value);
        return;
      case 'event':
        eventType = value;
        return;
      case 'id':
        setId(value);
        return;
      case 'retry':
        if (ALL_DIGITS.test(value)) onRetry?.(Number.parseInt(value, 10));
        return;
      default:
        return;
    }
  }

  function appendData(value: string): void {
    if (bounded) {
      dataSize += DATA_LINE_OVERHEAD + sizeOf(value);
      if (dataSize > maxEventSize) {
        tooLarge(dataSize);
        return;
      }
    }
    dataLines.push(value);
  }

  function setId(value: string): void {
    if (value.indexOf('\0') === -1) {
      idBuffer = value;
      blockHasId = true;
    }
  }

  // Keeps the unterminated end of a chunk for the next one.
  function keep(chunk: string, position: number): void {
    const rest = position === 0 ? chunk : chunk.slice(position);
    pending.push(rest);
    if (bounded) {
      pendingSize += sizeOf(rest);
      const size = pendingSize + dataSize;
      if (size > maxEventSize) tooLarge(size);
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

  // A chunk (from `position` on) without CR: one indexOf per line, and the usual
  // `data: ...` + blank line block is dispatched without buffering the data.
  function feedLF(chunk: string, position: number, startGeneration: number): void {
    let nul = -2;
    let lf = chunk.indexOf('\n', position);
    while (lf !== -1) {
      if (lf === position) {
        dispatch();
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
          if (dataLines.isEmpty && lf + 1 < chunk.length && chunk.charCodeAt(lf + 1) === LF) {
            // The data line is the whole block's data and a blank line follows: dispatch now.
            if (bounded && value.length > surelySmall) {
              // Only a line this long can be over the bound: UTF-8 takes at most 3 bytes per unit.
              const size = sizeOf(value);
              if (size > maxEventSize) {
                tooLarge(size);
                return;
              }
            }
            committedId = idBuffer;
            const ownId = blockHasId;
            blockHasId = false;
            const type = eventType;
            eventType = '';
            position = lf + 2;
            emit(type === '' ? 'message' : type, value, ownId);
            if (generation !== startGeneration) return;
            lf = chunk.indexOf('\n', position);
            continue;
          }
          appendData(value);
        } else if (first === I && chunk.charCodeAt(position + 1) === D && chunk.charCodeAt(position + 2) === COLON) {
          const start = chunk.charCodeAt(position + 3) === SPACE ? position + 4 : position + 3;
          // The next NUL in the chunk, cached: one scan per chunk instead of one per id.
          if (nul !== -1 && nul < start) nul = chunk.indexOf('\0', start);
          if (nul === -1 || nul >= lf) {
            idBuffer = chunk.slice(start, lf);
            blockHasId = true;
          }
        } else if (
          first === E &&
          chunk.charCodeAt(position + 1) === 118 &&
          chunk.charCodeAt(position + 2) === E &&
          chunk.charCodeAt(position + 3) === 110 &&
          chunk.charCodeAt(position + 4) === 116 &&
          chunk.charCodeAt(position + 5) === COLON
        ) {
          eventType = chunk.slice(chunk.charCodeAt(position + 6) === SPACE ? position + 7 : position + 6, lf);
        } else {
          processLine(chunk, position, lf);
        }
      }
      position = lf + 1;
      if (generation !== startGeneration) return;
      lf = chunk.indexOf('\n', position);
    }
    if (position < chunk.length) keep(chunk, position);
  }

  // A chunk with CR line ends (CR LF, or lone CR).
  function feedMixed(chunk: string, position: number, startGeneration: number): void {
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
        keep(chunk, position);
        return;
      }
      const lineStart = position;
      const lineEndAt = end;
      if (chunk.charCodeAt(end) === CR) {
        if (end + 1 === length) skipLF = true;
        else if (chunk.charCodeAt(end + 1) === LF) end++;
      }
      position = end + 1;
      processLine(chunk, lineStart, lineEndAt);
      if (generation !== startGeneration) return;
    }
  }

  function feed(chunk: string, byteLength?: number): void {
    const length = chunk.length;
    if (length === 0) return;
    asciiChunk = byteLength === undefined ? null : byteLength === length;
    const startGeneration = generation;
    let position = 0;
    if (skipLF) {
      skipLF = false;
      if (chunk.charCodeAt(0) === LF) {
        if (length === 1) return;
        position = 1;
      }
    }
    if (length === 1 && position === 0) {
      // A chunk of one char that ends no line (a stream delivered byte by byte): just keep it.
      const c = chunk.charCodeAt(0);
      if (c !== LF && c !== CR) {
        keep(chunk, 0);
        return;
      }
    }
    if (!pending.isEmpty) {
      // Finish the line begun in earlier chunks.
      const end = lineEnd(chunk, position);
      if (end === -1) {
        keep(chunk, position);
        return;
      }
      pending.push(chunk.slice(position, end));
      const line = pending.take();
      pendingSize = 0;
      position = end + 1;
      if (chunk.charCodeAt(end) === CR) {
        if (position === length) skipLF = true;
        else if (chunk.charCodeAt(position) === LF) position++;
      }
      // The line holds earlier chunks too: whether they were ASCII is not known, so measure it.
      const chunkAscii = asciiChunk;
      asciiChunk = null;
      processLine(line, 0, line.length);
      asciiChunk = chunkAscii;
      if (generation !== startGeneration || position === length) return;
    }
    if (chunk.indexOf('\r', position) === -1) feedLF(chunk, position, startGeneration);
    else feedMixed(chunk, position, startGeneration);
  }

  return {
    feed,
    reset,
    get lastEventId() {
      return committedId;
    },
    get dispatchingOwnId() {
      return dispatchingOwnId;
    },
  };
}
