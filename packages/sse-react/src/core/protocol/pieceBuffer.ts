/**
 * Pieces of text joined once, at the end: a line split across many chunks, or the data lines of
 * one event. Appending to a string instead would copy a long line over and over, and an array of
 * a million tiny pieces would cost a pointer (or a rope node) per piece, many times the bytes the
 * event size bound counts. So short pieces are joined BLOCK_SIZE at a time: memory stays close to
 * the text itself, and each char is copied at most twice.
 *
 * Long pieces (and the joined blocks) are not copied at all: they are concatenated into `#tail`,
 * which V8 keeps as a rope (a node of about 20 bytes per piece of LONG_PIECE chars or more). Joining sixteen 64 KiB chunks of a 1 MiB data line was half the parser's time on that
 * workload (the copy, and the page faults of a fresh 1 MiB string); as a rope, the text is
 * flattened by its first reader instead, once, or never if it is only passed along.
 *
 * The first pieces are kept apart (`head`) while short: the parser reads a line's field name
 * there without touching the rope, and a line fed a byte at a time is a few dozen pieces, where
 * `+=` (flattened once when the line is read) costs half of an array push plus a join.
 * HEAD_LIMIT caps what that rope can cost.
 */
const BLOCK_SIZE = 1024;
const HEAD_LIMIT = 256;
const LONG_PIECE = 1024;

export class PieceBuffer {
  #head = '';
  #count = 0;
  /** Everything after the head, each piece preceded by the separator: a rope of long pieces and blocks. */
  #tail = '';
  // Created holding a string and emptied: a fresh `[]` starts with small-integer elements, and
  // its first push of a string deoptimises the parser's hot path.
  readonly #pieces: string[] = [''];
  readonly #separator: string;

  constructor(separator: string) {
    this.#separator = separator;
    this.#pieces.length = 0;
  }

  get isEmpty(): boolean {
    return this.#count === 0;
  }

  /** The first piece, or the first short pieces joined. */
  get head(): string {
    return this.#head;
  }

  /** Whether there is more than the head. */
  get hasTail(): boolean {
    return this.#tail !== '' || this.#pieces.length > 0;
  }

  push(piece: string): void {
    if (this.#count++ === 0) {
      this.#head = piece;
      return;
    }
    const pieces = this.#pieces;
    if (pieces.length === 0 && this.#tail === '' && this.#head.length + piece.length < HEAD_LIMIT) {
      this.#head = this.#head + this.#separator + piece;
    } else if (piece.length >= LONG_PIECE) {
      this.#flushPieces();
      this.#tail = this.#tail + this.#separator + piece;
    } else {
      if (pieces.length === BLOCK_SIZE) this.#flushPieces();
      pieces.push(piece);
    }
  }

  /**
   * The pieces joined with the separator, from `from` in the head on (0 unless the caller read a
   * prefix in the head); the buffer is then empty.
   */
  take(from: number): string {
    this.#flushPieces();
    const head = from === 0 ? this.#head : this.#head.slice(from);
    const text = this.#tail === '' ? head : head + this.#tail;
    this.clear();
    return text;
  }

  clear(): void {
    this.#head = '';
    this.#tail = '';
    this.#count = 0;
    // Setting an array's length is a call even when it is already 0: skipped in the byte-by-byte path.
    if (this.#pieces.length > 0) this.#pieces.length = 0;
  }

  #flushPieces(): void {
    const pieces = this.#pieces;
    if (pieces.length === 0) return;
    this.#tail = this.#tail + this.#separator + pieces.join(this.#separator);
    pieces.length = 0;
  }
}
