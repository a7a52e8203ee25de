import { describe, expect, it } from 'vitest';
import { utf8Length } from '../src/sink/frames';

// The byte count used for the queue bound where Node's Buffer is missing (Deno, Bun, workers).
describe('utf8Length', () => {
  it('counts what TextEncoder writes, surrogate pairs and lone surrogates included', () => {
    const encoder = new TextEncoder();
    for (const text of ['', 'ascii', 'café', '€uro', '😀 smile', 'a\ud800b', '\udc00', 'x\ud83d', '日本語'.repeat(100)]) {
      expect(utf8Length(text), JSON.stringify(text)).toBe(encoder.encode(text).byteLength);
    }
  });
});
