import { FlushBatch } from './FlushBatch';
import type { Frame } from './frames';
import { Heartbeats } from './Heartbeats';

/**
 * The stretch of synchronous work (one broadcast to every client, say) in which a sink wrote; its
 * end is stamped by a microtask. Windows count from the end of that work, not from each write: a
 * broadcast to thousands of sockets can itself outlast a window.
 */
export interface Turn {
  end: number;
}

interface SinkRegistry {
  /** One flush batch per interval: one timer for every coalescing sink of that interval. */
  readonly batches: Map<number, FlushBatch>;
  /** One heartbeat group per period: one interval timer for every sink of that period. */
  readonly heartbeats: Map<number, Heartbeats>;
  /** The turn sinks are writing in right now; null between turns. */
  turn: Turn | null;
  /**
   * The last chunk a queue was coalesced into, and the frames it holds: a broadcast queues the
   * same frames on every sink, so the first sink of a batch concatenates them and the next ones
   * with the very same frames reuse that chunk.
   */
  lastFrames: Frame[];
  lastChunk: Uint8Array | null;
}

// registry: the sink layer's process-wide state. Every stream of the process shares its timers
// (one per flush interval, one per heartbeat period), the current write turn and the last
// coalesced chunk, whatever channel or transport it belongs to; one object so all of it is in sight.
export const sinkRegistry: SinkRegistry = {
  batches: new Map(),
  heartbeats: new Map(),
  turn: null,
  lastFrames: [],
  lastChunk: null,
};

/** Do not keep the last batch's frames alive once every sink of the batch has flushed. */
function forgetLastChunk(): void {
  sinkRegistry.lastFrames = [];
  sinkRegistry.lastChunk = null;
}

export function batchFor(ms: number): FlushBatch {
  let batch = sinkRegistry.batches.get(ms);
  if (!batch) {
    batch = new FlushBatch(ms, forgetLastChunk);
    sinkRegistry.batches.set(ms, batch);
  }
  return batch;
}

export function heartbeatsFor(ms: number): Heartbeats {
  let group = sinkRegistry.heartbeats.get(ms);
  if (!group) {
    group = new Heartbeats(ms);
    sinkRegistry.heartbeats.set(ms, group);
  }
  return group;
}

export function currentTurn(): Turn {
  let turn = sinkRegistry.turn;
  if (turn === null) {
    const current: Turn = { end: Number.POSITIVE_INFINITY };
    turn = sinkRegistry.turn = current;
    queueMicrotask(() => {
      current.end = performance.now();
      sinkRegistry.turn = null;
    });
  }
  return turn;
}
