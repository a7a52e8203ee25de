import { byteLength, concatFrames, type Frame } from './frames';

/**
 * A client written to within this many flush intervals counts as busy: its next frame is held back
 * (for at most one interval). Wider than the interval itself so that a loaded machine descheduling
 * the process between two broadcasts does not throw every client back to one write per frame.
 */
export const BUSY_INTERVALS = 10;

/** Largest chunk handed to the transport in one call when a queue is flushed. */
export const MAX_CHUNK_BYTES = 64 * 1024;

interface Coalesced {
  flushPending(): void;
}

/**
 * A broadcast queues the same frames on every sink: the first sink of a batch concatenates them,
 * the next ones with the very same frames reuse that chunk.
 */
const shared: { frames: Frame[]; chunk: Uint8Array | null } = { frames: [], chunk: null };

/**
 * One timer per flush interval for every sink that has frames waiting to be coalesced, instead of
 * one per sink. Sinks join when their first frame is held back and are flushed together.
 */
export class FlushBatch {
  private entries: Coalesced[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  constructor(private readonly ms: number) {}

  add(entry: Coalesced): void {
    this.entries.push(entry);
    if (this.timer === null) {
      this.timer = setTimeout(this.run, this.ms);
      // Open streams keep the process alive; this timer alone need not.
      (this.timer as { unref?: () => void }).unref?.();
    }
  }

  private readonly run = (): void => {
    this.timer = null;
    const entries = this.entries;
    this.entries = [];
    for (const entry of entries) entry.flushPending();
    // Do not keep the last batch's frames alive.
    shared.frames = [];
    shared.chunk = null;
  };
}

const batches = new Map<number, FlushBatch>();
export function batchFor(ms: number): FlushBatch {
  let batch = batches.get(ms);
  if (!batch) {
    batch = new FlushBatch(ms);
    batches.set(ms, batch);
  }
  return batch;
}

/**
 * The stretch of synchronous work (one broadcast to every client, say) in which a sink wrote; its
 * end is stamped by a microtask. Windows count from the end of that work, not from each write: a
 * broadcast to thousands of sockets can itself outlast a window.
 */
export interface Turn {
  end: number;
}
let turn: Turn | null = null;
export function currentTurn(): Turn {
  if (turn === null) {
    const current: Turn = { end: Number.POSITIVE_INFINITY };
    turn = current;
    queueMicrotask(() => {
      current.end = performance.now();
      turn = null;
    });
  }
  return turn;
}

function sameFrames(a: readonly Frame[], b: readonly Frame[], count: number): boolean {
  if (a.length !== count || b.length < count) return false;
  for (let i = 0; i < count; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Removes up to MAX_CHUNK_BYTES worth of frames (at least one) from the queue, as one chunk. */
export function takeChunk(queue: Frame[]): { chunk: Frame; bytes: number } {
  if (queue.length === 1) {
    const frame = queue.pop() as Frame;
    return { chunk: frame, bytes: byteLength(frame) };
  }
  let count = 0;
  let bytes = 0;
  while (count < queue.length && (count === 0 || bytes < MAX_CHUNK_BYTES)) bytes += byteLength(queue[count++] as Frame);
  if (shared.chunk && sameFrames(shared.frames, queue, count)) {
    queue.splice(0, count);
    return { chunk: shared.chunk, bytes };
  }
  const frames = queue.splice(0, count);
  const chunk = concatFrames(frames, bytes);
  shared.frames = frames;
  shared.chunk = chunk;
  return { chunk, bytes };
}
