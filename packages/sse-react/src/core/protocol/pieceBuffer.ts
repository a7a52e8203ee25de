/**
 * Pieces of text joined once, at the end: a line split across many chunks, or the data lines of
 * one event. Appending to a string instead would copy a long line over and over, and an array of
 * a million tiny pieces would cost a pointer (or a rope node) per piece, many times the bytes the
 * event size bound counts. So every BLOCK_SIZE pieces are joined into one block: memory stays
 * close to the text itself, and each char is copied at most twice.
 */
const BLOCK_SIZE = 1024;

export class PieceBuffer {
  // Created holding a string and emptied: a fresh `[]` starts with small-integer elements, and
  // its first push of a string deoptimises the parser's hot path.
  private readonly pieces: string[] = [''];
  private readonly blocks: string[] = [''];

  constructor(private readonly separator: string) {
    this.pieces.length = 0;
    this.blocks.length = 0;
  }

  get isEmpty(): boolean {
    return this.pieces.length === 0 && this.blocks.length === 0;
  }

  push(piece: string): void {
    if (this.pieces.length === BLOCK_SIZE) {
      this.blocks.push(this.pieces.join(this.separator));
      this.pieces.length = 0;
    }
    this.pieces.push(piece);
  }

  /** The pieces joined with the separator; the buffer is then empty. */
  take(): string {
    const { pieces, blocks } = this;
    let text: string;
    if (blocks.length === 0) {
      text = pieces.length === 1 ? (pieces[0] as string) : pieces.join(this.separator);
    } else {
      if (pieces.length > 0) blocks.push(pieces.join(this.separator));
      text = blocks.join(this.separator);
    }
    this.clear();
    return text;
  }

  clear(): void {
    this.pieces.length = 0;
    this.blocks.length = 0;
  }
}
