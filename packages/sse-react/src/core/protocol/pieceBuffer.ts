/**
 * Pieces of text joined once, at the end: a line split across many chunks, or the data lines of
 * one event. Appending to a string instead would copy a long line over and over, and an array of
 * a million tiny pieces would cost a pointer (or a rope node) per piece, many times the bytes the
 * event size bound counts. So every BLOCK_SIZE pieces are joined into one block: memory stays
 * close to the text itself, and each char is copied at most twice.
 *
 * Short text is appended to one string instead (`head`): a line fed a byte at a time is a few
 * dozen pieces, and `+=` (a rope node each, flattened once when the line is read) costs half of
 * an array push plus a join there. HEAD_LIMIT caps what that rope can cost.
 */
const BLOCK_SIZE = 1024;
const HEAD_LIMIT = 256;

export class PieceBuffer {
  #head = '';
  #count = 0;
  // Created holding a string and emptied: a fresh `[]` starts with small-integer elements, and
  // its first push of a string deoptimises the parser's hot path.
  readonly #pieces: string[] = [''];
  readonly #blocks: string[] = [''];
  readonly #separator: string;

  constructor(separator: string) {
    this.#separator = separator;
    this.#pieces.length = 0;
    this.#blocks.length = 0;
  }

  get isEmpty(): boolean {
    return this.#count === 0;
  }

  push(piece: string): void {
    const pieces = this.#pieces;
    if (this.#count++ === 0) {
      this.#head = piece;
      return;
    }
    if (pieces.length === 0 && this.#blocks.length === 0) {
      if (this.#head.length + piece.length < HEAD_LIMIT) {
        this.#head = this.#head + this.#separator + piece;
        return;
      }
      // Too long for the head: from here on, pieces.
      pieces.push(this.#head);
    } else if (pieces.length === BLOCK_SIZE) {
      this.#blocks.push(pieces.join(this.#separator));
      pieces.length = 0;
    }
    pieces.push(piece);
  }

  /** The pieces joined with the separator; the buffer is then empty. */
  take(): string {
    const pieces = this.#pieces;
    const blocks = this.#blocks;
    let text = this.#head;
    if (pieces.length > 0) blocks.push(pieces.join(this.#separator));
    if (blocks.length > 0) text = blocks.length === 1 ? (blocks[0] as string) : blocks.join(this.#separator);
    this.clear();
    return text;
  }

  clear(): void {
    this.#head = '';
    this.#count = 0;
    // Setting an array's length is a call even when it is already 0: skipped in the byte-by-byte path.
    if (this.#pieces.length > 0) this.#pieces.length = 0;
    if (this.#blocks.length > 0) this.#blocks.length = 0;
  }
}
