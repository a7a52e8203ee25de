import { Char, Field, isDataField, isEventField, isIdField, valueStart } from './fieldSyntax';
import { PieceBuffer } from './pieceBuffer';
import type { ParsedEvent, ParserOptions } from './parserTypes';
import { utf8Length } from './utf8Length';

const ALL_DIGITS = /^[0-9]+$/;
/** `data: ` and the line end: what a data line costs in the stream beyond its value. */
const DATA_LINE_OVERHEAD = 7;

/**
 * Everything one parser knows, in one object of one shape (so every access stays monomorphic):
 * the line being assembled across chunks and the block (event) being read. The functions below
 * are the spec's field interpretation; ./parser cuts chunks into lines and calls them.
 */
export interface ParserState {
  readonly onEvent: (event: ParsedEvent) => void;
  readonly onRetry: ((ms: number) => void) | undefined;
  readonly onComment: ((comment: string) => void) | undefined;
  readonly onTooLarge: ((size: number) => void) | undefined;
  /** Whether `maxEventSize` is finite. The hot path tests this first and never compares lengths with Infinity. */
  readonly bounded: boolean;
  readonly maxEventSize: number;
  /** A line of at most this many UTF-16 units is within the bound: UTF-8 takes 3 bytes per unit at most. */
  readonly surelySmall: number;
  /** Pieces of a line split across chunks, joined once when the line ends. */
  readonly pending: PieceBuffer;
  pendingSize: number;
  /** The data lines of the block being read, joined with LF at dispatch. */
  readonly dataLines: PieceBuffer;
  dataSize: number;
  /** Whether the chunk being fed is ASCII (its text as long as its bytes); null when unknown. */
  asciiChunk: boolean | null;
  /** A chunk ended in CR: the line is complete, but an LF opening the next chunk belongs to it. */
  skipLF: boolean;
  eventType: string;
  /** The last type an `event:` line set in the LF-only path, which recognises its repeats... */
  lastType: string;
  /** ...by this line, as it stood in the stream (LF included); initially an LF, which no `event:` line starts with. */
  lastTypeLine: string;
  committedId: string;
  idBuffer: string;
  blockHasId: boolean;
  dispatchingOwnId: boolean;
  /** Bumped by reset, so a callback that resets (or closes the source) stops the current feed. */
  generation: number;
}

export function createParserState(options: ParserOptions): ParserState {
  // Unbounded unless a finite limit is given (NaN never compares true, so it is unbounded too).
  const limit = options.maxEventSize;
  const bounded = limit !== undefined && limit < Infinity;
  const maxEventSize = bounded ? limit : 0;
  const lastEventId = options.lastEventId ?? '';
  return {
    onEvent: options.onEvent,
    onRetry: options.onRetry,
    onComment: options.onComment,
    onTooLarge: options.onTooLarge,
    bounded,
    maxEventSize,
    surelySmall: maxEventSize / 3,
    pending: new PieceBuffer(''),
    pendingSize: 0,
    dataLines: new PieceBuffer('\n'),
    dataSize: 0,
    asciiChunk: null,
    skipLF: false,
    eventType: '',
    lastType: '',
    lastTypeLine: '\n',
    committedId: lastEventId,
    idBuffer: lastEventId,
    blockHasId: false,
    dispatchingOwnId: false,
    generation: 0,
  };
}

/** Drops the incomplete block and line; the committed id stays. */
export function resetParser(state: ParserState): void {
  state.pending.clear();
  state.pendingSize = 0;
  state.skipLF = false;
  state.dataLines.clear();
  state.dataSize = 0;
  state.eventType = '';
  state.idBuffer = state.committedId;
  state.blockHasId = false;
  state.generation++;
}

/**
 * A blank line ends the block: the id is committed, and the event is fired unless the block had
 * no data (`data` null). The only place an event is created, with one object shape, so onEvent
 * stays monomorphic; the fast path passes its single data line here directly.
 */
export function dispatch(state: ParserState, data: string | null): void {
  state.committedId = state.idBuffer;
  const ownId = state.blockHasId;
  state.blockHasId = false;
  const type = state.eventType;
  state.eventType = '';
  if (data === null) return;
  state.dataSize = 0;
  const onEvent = state.onEvent;
  state.dispatchingOwnId = ownId;
  // try/catch rather than try/finally: the same reset on both exits, and the finally's extra
  // control flow cost about 5% of the whole parser on small events.
  try {
    onEvent({ type: type === '' ? 'message' : type, data, lastEventId: state.committedId });
  } catch (error) {
    state.dispatchingOwnId = false;
    throw error;
  }
  state.dispatchingOwnId = false;
}

/** A blank line in the general path: the buffered data lines, if any, make the event. */
export function endBlock(state: ParserState): void {
  dispatch(state, state.dataLines.isEmpty ? null : state.dataLines.take(0));
}

/**
 * One line, [start, end) of `text`, so a complete line is never sliced out just to be split
 * again. The char at `end` is CR, LF or past the string.
 */
export function processLine(state: ParserState, text: string, start: number, end: number): void {
  if (start === end) {
    endBlock(state);
    return;
  }
  const first = text.charCodeAt(start);
  if (isDataField(text, start, end, first)) {
    appendData(state, text.slice(valueStart(text, start + Field.DATA, end), end));
  } else if (first === Char.COLON) {
    // A comment.
    const onComment = state.onComment;
    if (onComment !== undefined) onComment(text.slice(valueStart(text, start + 1, end), end));
  } else if (isIdField(text, start, end, first)) {
    setId(state, text.slice(valueStart(text, start + Field.ID, end), end));
  } else if (isEventField(text, start, end, first)) {
    state.eventType = text.slice(valueStart(text, start + Field.EVENT, end), end);
  } else {
    rareField(state, text.slice(start, end));
  }
}

/**
 * The line pieced together in `pending` from earlier chunks. A long data line (a snapshot sent
 * over many chunks) becomes its value without being copied: its field name is read in the head
 * (which then holds the space after the colon too), and the rest stays a rope (see PieceBuffer).
 */
export function processPendingLine(state: ParserState, lineSize: number): void {
  const pending = state.pending;
  const head = pending.head;
  if (pending.hasTail && head.length > Field.DATA && isDataField(head, 0, head.length, head.charCodeAt(0))) {
    // `data:` and the optional space are ASCII: one byte each.
    const valueAt = valueStart(head, Field.DATA, head.length);
    appendData(state, pending.take(valueAt), lineSize - valueAt);
    return;
  }
  const line = pending.take(0);
  processLine(state, line, 0, line.length);
}

// Retry, a field without a colon, unknown fields, and any field the predicates did not match.
function rareField(state: ParserState, line: string): void {
  const colon = line.indexOf(':');
  let field = line;
  let value = '';
  if (colon !== -1) {
    field = line.slice(0, colon);
    value = line.slice(valueStart(line, colon + 1, line.length));
  }
  switch (field) {
    case 'data':
      appendData(state, value);
      return;
    case 'event':
      state.eventType = value;
      return;
    case 'id':
      setId(state, value);
      return;
    case 'retry':
      if (ALL_DIGITS.test(value)) {
        const onRetry = state.onRetry;
        onRetry?.(Number.parseInt(value, 10));
      }
      return;
    default:
      return;
  }
}

/** `size`: the value's UTF-8 bytes when the caller knows them already (only read when bounded). */
function appendData(state: ParserState, value: string, size = -1): void {
  if (state.bounded) {
    state.dataSize += DATA_LINE_OVERHEAD + (size === -1 ? sizeOf(state, value) : size);
    if (state.dataSize > state.maxEventSize) {
      tooLarge(state, state.dataSize);
      return;
    }
  }
  state.dataLines.push(value);
}

/** An `id:` value; the spec ignores one that contains NUL. */
function setId(state: ParserState, value: string): void {
  if (value.indexOf('\0') === -1) acceptId(state, value);
}

/** An `id:` value known to hold no NUL. */
export function acceptId(state: ParserState, value: string): void {
  state.idBuffer = value;
  state.blockHasId = true;
}

/** Keeps the unterminated end of a chunk for the next one. */
export function keep(state: ParserState, chunk: string, position: number): void {
  const rest = position === 0 ? chunk : chunk.slice(position);
  state.pending.push(rest);
  if (state.bounded) {
    state.pendingSize += sizeOf(state, rest);
    const size = state.pendingSize + state.dataSize;
    if (size > state.maxEventSize) tooLarge(state, size);
  }
}

/** Only called when bounded: the unbounded hot path never measures. */
export function sizeOf(state: ParserState, text: string): number {
  return state.asciiChunk === true ? text.length : utf8Length(text);
}

export function tooLarge(state: ParserState, size: number): void {
  resetParser(state);
  const onTooLarge = state.onTooLarge;
  onTooLarge?.(size);
}
