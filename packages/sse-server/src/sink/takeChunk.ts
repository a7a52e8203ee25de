import { byteLength, concatFrames, type Frame } from './frames';
import { sinkRegistry } from './sinkRegistry';

/** Largest chunk handed to the transport in one call when a queue is flushed. */
export const MAX_CHUNK_BYTES = 64 * 1024;

function sameFrames(a: readonly Frame[], b: readonly Frame[], count: number): boolean {
  if (a.length !== count || b.length < count) return false;
  for (let i = 0; i < count; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Removes up to MAX_CHUNK_BYTES worth of frames (at least one) from the queue, as one chunk. The
 * sinks of one broadcast hold the very same frames: the first one concatenates them, the next ones
 * reuse its chunk (the registry's `lastChunk`).
 */
export function takeChunk(queue: Frame[]): { chunk: Frame; bytes: number } {
  if (queue.length === 1) {
    const frame = queue.pop() as Frame;
    return { chunk: frame, bytes: byteLength(frame) };
  }
  let count = 0;
  let bytes = 0;
  while (count < queue.length && (count === 0 || bytes < MAX_CHUNK_BYTES)) bytes += byteLength(queue[count++] as Frame);
  const shared = sinkRegistry.lastChunk;
  if (shared && sameFrames(sinkRegistry.lastFrames, queue, count)) {
    queue.splice(0, count);
    return { chunk: shared, bytes };
  }
  const frames = queue.splice(0, count);
  const chunk = concatFrames(frames, bytes);
  sinkRegistry.lastFrames = frames;
  sinkRegistry.lastChunk = chunk;
  return { chunk, bytes };
}
