/** What a sink queues: a serialized frame, as text or as bytes (a broadcast shares one buffer). */
export type Frame = string | Uint8Array;

/** UTF-8 length of a string without encoding it (lone surrogates count 3, as TextEncoder writes U+FFFD). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else {
      bytes += 2;
      // A surrogate pair is 2 UTF-16 units and 4 bytes: +2 for the pair, and skip the low half.
      if (code >= 0xd800 && code < 0xdc00) {
        const next = text.charCodeAt(i + 1);
        if (next >= 0xdc00 && next < 0xe000) i++;
      }
    }
  }
  return bytes;
}

const encoder = new TextEncoder();
// Node's Buffer is faster for both; Web runtimes (Deno, Bun, workers) may not have it.
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

export const byteLength: (frame: Frame) => number = NodeBuffer
  ? (frame) => (typeof frame === 'string' ? NodeBuffer.byteLength(frame) : frame.byteLength)
  : (frame) => (typeof frame === 'string' ? utf8Length(frame) : frame.byteLength);

export function toBytes(frame: Frame): Uint8Array {
  return typeof frame === 'string' ? encoder.encode(frame) : frame;
}

/** Concatenates frames into one chunk of `bytes` bytes. */
export const concatFrames: (frames: readonly Frame[], bytes: number) => Uint8Array = NodeBuffer
  ? (frames, bytes) => NodeBuffer.concat(frames.map((frame) => (typeof frame === 'string' ? NodeBuffer.from(frame) : frame)), bytes)
  : (frames, bytes) => {
      const chunk = new Uint8Array(bytes);
      let offset = 0;
      for (const frame of frames) {
        const part = toBytes(frame);
        chunk.set(part, offset);
        offset += part.byteLength;
      }
      return chunk;
    };
