import fc from 'fast-check';
import { expect, it } from 'vitest';
import { recordParse as run } from './parserRecorder';

// Lines made of the pieces that matter to the parser: every kind of line end, colons, spaces,
// field names, NUL, and non-ASCII text (including astral characters, which are two UTF-16 units).
const piece = fc.constantFrom(
  'data', 'data:', 'data: ', 'event:', 'event: tick', 'id:', 'id: 1', 'id: é', 'retry:', 'retry: 25', 'retry: x',
  ':', ': hb', ' ', 'x', 'yz', '\0', 'é', '日本', '😀', '\uFEFF', '\n', '\r', '\r\n', '\n\n', '\r\r',
);
const stream = fc.array(piece, { maxLength: 60 }).map((pieces) => pieces.join(''));

function splitAt(text: string, cuts: number[]): string[] {
  const points = [...new Set(cuts.map((cut) => cut % (text.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let start = 0;
  for (const point of points) {
    chunks.push(text.slice(start, point));
    start = point;
  }
  chunks.push(text.slice(start));
  return chunks;
}

it('gives the same events for any split of the same text into chunks', () => {
  fc.assert(
    fc.property(stream, fc.array(fc.nat(), { maxLength: 20 }), (text, cuts) => {
      expect(run(splitAt(text, cuts))).toEqual(run([text]));
    }),
    { numRuns: 500 },
  );
});

it('gives the same events when fed one character at a time', () => {
  fc.assert(
    fc.property(stream, (text) => {
      expect(run([...text.split('')])).toEqual(run([text]));
    }),
    { numRuns: 300 },
  );
});

it('gives the same events for any split of the same bytes, decoded as a stream', () => {
  fc.assert(
    fc.property(stream, fc.array(fc.nat(), { maxLength: 20 }), (text, cuts) => {
      const bytes = new TextEncoder().encode(text);
      const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
      const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
      const chunks: string[] = [];
      let start = 0;
      for (const point of [...points, bytes.length]) {
        chunks.push(decoder.decode(bytes.subarray(start, point), { stream: true }));
        start = point;
      }
      chunks.push(decoder.decode());
      expect(run(chunks)).toEqual(run([text]));
    }),
    { numRuns: 300 },
  );
});

it('gives the same events one byte at a time', () => {
  fc.assert(
    fc.property(stream, (text) => {
      const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
      const chunks = Array.from(new TextEncoder().encode(text), (byte) =>
        decoder.decode(new Uint8Array([byte]), { stream: true }),
      );
      expect(run(chunks)).toEqual(run([text]));
    }),
    { numRuns: 200 },
  );
});
