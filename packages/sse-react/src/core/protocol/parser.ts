import { Char, Field, isDataField, isEventField, isIdField, isLineEnd, valueStart } from './fieldSyntax';
import type { Parser, ParserOptions } from './parserTypes';
import { createParserState, dispatch, acceptId, keep, processLine, processPendingLine, resetParser, sizeOf, tooLarge, type ParserState } from './parserState';

export type { ParsedEvent, Parser, ParserOptions } from './parserTypes';

/**
 * Spec-exact event stream parser (WHATWG HTML §9.2.6). It does not strip a BOM: the byte decoder
 * does, once per stream, which is the only place that knows where the stream starts.
 */
export function createParser(options: ParserOptions): Parser {
  const state = createParserState(options);

  // A closure over the state rather than a wrapper around a module function: a byte-by-byte
  // stream calls it once per byte, and the extra call measurably slowed that down.
  function feed(chunk: string, byteLength?: number): void {
    const length = chunk.length;
    state.asciiChunk = byteLength === undefined ? null : byteLength === length;
    // A stream delivered byte by byte: nearly every chunk is one char that ends no line (and is
    // no LF a chunk-final CR waits for), so it is just kept, before any other test.
    if (length === 1 && !isLineEnd(chunk.charCodeAt(0))) {
      state.skipLF = false;
      keep(state, chunk, 0);
    } else if (length > 0) {
      feedLines(state, chunk);
    }
  }

  return new EventStreamParser(feed, state);
}

/**
 * What createParser returns. A class, so every parser has the same shape: an object literal
 * with getters gets a map of its own each time, and a caller that creates parsers one after
 * another (a reconnecting client, a benchmark) then pays a megamorphic lookup for `feed`.
 */
class EventStreamParser implements Parser {
  readonly #state: ParserState;

  constructor(
    readonly feed: (text: string, byteLength?: number) => void,
    state: ParserState,
  ) {
    this.#state = state;
  }

  reset(): void {
    resetParser(this.#state);
  }

  get lastEventId(): string {
    return this.#state.committedId;
  }

  get dispatchingOwnId(): boolean {
    return this.#state.dispatchingOwnId;
  }
}

/**
 * Cuts a chunk into lines. The end of a line begun in earlier chunks and chunks with CR line ends
 * go to helpers; the rest of this function is the fast path, for a chunk (from `position` on)
 * without CR. It exists because most dashboard traffic is LF-only chunks of `id:`/`event:` lines
 * and one `data: ...` line followed by a blank line: here that block is dispatched straight from
 * the chunk, without buffering the data line, scanning for CR per line or calling out for the
 * common fields, and each line's first char is read once. It recognises fields with the same
 * predicates as processLine and ends blocks through the same dispatch; any other line goes to
 * processLine itself, so only the line cutting is duplicated.
 *
 * The fast path is inline rather than a function of its own: measured in instructions (cachegrind,
 * fixed passes, deterministic seeds), that cost 1.04x per event on one event per chunk and 1.11x
 * on 16 KiB chunks, where the call is once per chunk: V8 compiled the loop better in one piece.
 */
function feedLines(state: ParserState, chunk: string): void {
  const startGeneration = state.generation;
  let position = 0;
  if (state.skipLF) {
    state.skipLF = false;
    if (chunk.charCodeAt(0) === Char.LF) {
      if (chunk.length === 1) return;
      position = 1;
    }
  }
  // One search for CR per chunk, shared by the end of a pending line and the choice of path
  // (searching again after the pending line cost a second scan of every chunk).
  const cr = chunk.indexOf('\r', position);
  if (!state.pending.isEmpty) {
    position = finishPendingLine(state, chunk, position, cr);
    if (position === -1 || state.generation !== startGeneration || position === chunk.length) return;
  }
  if (cr !== -1) {
    feedMixed(state, chunk, position, startGeneration, cr);
    return;
  }
  const length = chunk.length;
  // Where the next NUL is (-1: none up to the chunk's end), searched once per chunk rather than
  // once per id (a builtin call costs about as much as the rest of an id line).
  let nul = -2;
  while (position < length) {
    const first = chunk.charCodeAt(position);
    // Streams name their events from a handful of types: a repeat of the last `event:` line (its
    // LF included) is recognised by one slice and compare, with no search for the line end and no
    // new type string. It replaced 16 char reads (field name, space, value, LF): 1.15-1.2x the
    // whole parser on 16 KiB chunks of small events. `startsWith` was slower than both (V8
    // compiles it to char reads too).
    if (first === Char.LOWER_E) {
      const line = state.lastTypeLine;
      const end = position + line.length;
      if (chunk.slice(position, end) === line) {
        state.eventType = state.lastType;
        position = end;
        continue;
      }
    }
    const lf = chunk.indexOf('\n', position);
    if (lf === -1) break;
    const next = lf + 1;
    if (isIdField(chunk, position, lf, first)) {
      if (nul !== -1 && nul < position) nul = chunk.indexOf('\0', position);
      // The spec ignores an id that contains NUL.
      if (nul === -1 || nul > lf) acceptId(state, chunk.slice(valueStart(chunk, position + Field.ID, lf), lf));
      position = next;
      continue;
    }
    if (isEventField(chunk, position, lf, first)) {
      state.eventType = state.lastType = chunk.slice(valueStart(chunk, position + Field.EVENT, lf), lf);
      state.lastTypeLine = chunk.slice(position, next);
      position = next;
      continue;
    }
    if (isDataField(chunk, position, lf, first) && state.dataLines.isEmpty && next < length && chunk.charCodeAt(next) === Char.LF) {
      // The data line is the whole block's data and a blank line follows: dispatch now.
      const value = chunk.slice(valueStart(chunk, position + Field.DATA, lf), lf);
      // Only a line this long can be over the bound: UTF-8 takes at most 3 bytes per unit.
      if (state.bounded && value.length > state.surelySmall) {
        const size = sizeOf(state, value);
        if (size > state.maxEventSize) {
          tooLarge(state, size);
          return;
        }
      }
      position = next + 1;
      dispatch(state, value);
    } else {
      processLine(state, chunk, position, lf);
      position = next;
    }
    // A callback may have reset the parser (or closed the source): the rest of the chunk is dropped.
    if (state.generation !== startGeneration) return;
  }
  if (position < length) keep(state, chunk, position);
}

// Ends the line begun in earlier chunks; returns where the rest of the chunk starts, or -1 when
// the chunk ends no line (it was kept). `cr`: the chunk's first CR at or after `position`, or -1.
function finishPendingLine(state: ParserState, chunk: string, position: number, cr: number): number {
  const lf = chunk.indexOf('\n', position);
  const end = cr === -1 || (lf !== -1 && lf < cr) ? lf : cr;
  if (end === -1) {
    keep(state, chunk, position);
    return -1;
  }
  // The line's UTF-8 size, from its pieces as each was measured on arrival with its own chunk's
  // ASCII hint: a long data line is not measured again, char by char, now that it ends.
  let lineSize = state.pendingSize;
  if (end > position) {
    const piece = chunk.slice(position, end);
    if (state.bounded) lineSize += sizeOf(state, piece);
    state.pending.push(piece);
  }
  state.pendingSize = 0;
  let next = end + 1;
  if (end === cr) {
    if (next === chunk.length) state.skipLF = true;
    else if (chunk.charCodeAt(next) === Char.LF) next++;
  }
  // The line holds earlier chunks too: any other line measured from here on must not take this
  // chunk's ASCII hint for all of it.
  const chunkAscii = state.asciiChunk;
  state.asciiChunk = null;
  processPendingLine(state, lineSize);
  state.asciiChunk = chunkAscii;
  return next;
}

/** The general path: a chunk with CR line ends (CR LF, or lone CR). */
function feedMixed(state: ParserState, chunk: string, position: number, startGeneration: number, firstCR: number): void {
  const length = chunk.length;
  // Cached so a stream without CR (or without LF) is not rescanned to the end for every line.
  let nextLF = -2;
  let nextCR = firstCR;
  while (position < length) {
    if (nextLF !== -1 && nextLF < position) nextLF = chunk.indexOf('\n', position);
    if (nextCR !== -1 && nextCR < position) nextCR = chunk.indexOf('\r', position);
    let end: number;
    if (nextLF === -1) end = nextCR;
    else if (nextCR === -1) end = nextLF;
    else end = nextLF < nextCR ? nextLF : nextCR;

    if (end === -1) {
      keep(state, chunk, position);
      return;
    }
    const lineStart = position;
    const lineEndAt = end;
    if (chunk.charCodeAt(end) === Char.CR) {
      if (end + 1 === length) state.skipLF = true;
      else if (chunk.charCodeAt(end + 1) === Char.LF) end++;
    }
    position = end + 1;
    processLine(state, chunk, lineStart, lineEndAt);
    if (state.generation !== startGeneration) return;
  }
}
