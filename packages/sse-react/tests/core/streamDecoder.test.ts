import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { createStreamDecoder } from '../../src/core/transport/streamDecoder';

const encode = (text: string): number[] => [...new TextEncoder().encode(text)];

// Byte pieces that matter to a UTF-8 decoder: ASCII runs, BOMs, multi-byte characters (which the
// chunking splits anywhere), lone lead and continuation bytes, and bytes that are never valid.
const piece = fc.oneof(
  fc.string({ maxLength: 6 }).map((text) => encode(text.replace(/[^\x20-\x7e\n]/g, 'a'))),
  fc.constant(encode('\uFEFF')),
  fc.constantFrom('é', '€', '😀', '中').map(encode),
  fc.constantFrom([0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0x80], [0xbf], [0xff], [0xfe]),
);

const chunked = fc
  .tuple(fc.array(piece, { maxLength: 12 }), fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 12 }))
  .map(([pieces, sizes]) => {
    const bytes = pieces.flat();
    const chunks: Uint8Array[] = [];
    let at = 0;
    for (const size of sizes) {
      chunks.push(Uint8Array.from(bytes.slice(at, at + size)));
      at += size;
    }
    chunks.push(Uint8Array.from(bytes.slice(at)));
    return chunks;
  });

function viaTextDecoder(chunks: readonly Uint8Array[]): string[] {
  const decoder = new TextDecoder('utf-8');
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true }));
}

describe('createStreamDecoder', () => {
  it('gives, chunk by chunk, what one streaming TextDecoder gives', () => {
    fc.assert(
      fc.property(chunked, (chunks) => {
        const decode = createStreamDecoder();
        expect(chunks.map((chunk) => decode(chunk))).toEqual(viaTextDecoder(chunks));
      }),
      { numRuns: 3000 },
    );
  });

  it('strips a BOM only at the very start: after an ASCII chunk, a BOM is text', () => {
    const decode = createStreamDecoder();
    expect(decode(Uint8Array.from(encode('id: 1\n')))).toBe('id: 1\n');
    expect(decode(Uint8Array.from(encode('\uFEFFdata: é\n')))).toBe('\uFEFFdata: é\n');
    const fresh = createStreamDecoder();
    expect(fresh(new Uint8Array(0))).toBe('');
    expect(fresh(Uint8Array.from(encode('\uFEFFdata: x\n')))).toBe('data: x\n');
  });

  it('decodes an ASCII chunk by a copy on Node, and falls back to TextDecoder without node:buffer', () => {
    const ascii = Uint8Array.from(encode('data: {"a":1}\n\n'));
    const decode = vi.spyOn(TextDecoder.prototype, 'decode');
    expect(createStreamDecoder()(ascii)).toBe('data: {"a":1}\n\n');
    expect(decode).not.toHaveBeenCalled();
    vi.spyOn(process, 'getBuiltinModule').mockReturnValue(undefined);
    expect(createStreamDecoder()(ascii)).toBe('data: {"a":1}\n\n');
    expect(decode).toHaveBeenCalledTimes(1);
  });
});
