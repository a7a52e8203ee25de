import type { Broker, BrokerEvent, BrokerStatus, PublishInit, ReplayResult } from './Broker';

export interface MemoryBrokerOptions {
  /** How many recent events are kept for `Last-Event-ID` replay. Default 1000. */
  replaySize?: number;
  /**
   * The first id. Starting from a clock value (e.g. `Date.now()`) means ids from an earlier process
   * are older than anything this one kept, so they get a `too-old` reset instead of a wrong replay.
   * Default 1.
   */
  firstId?: number;
}

const DECIMAL = /^(0|[1-9][0-9]{0,15})$/;

/**
 * The default broker: one process, ids are increasing decimal integers, replay from a ring buffer.
 */
export function createMemoryBroker(options: MemoryBrokerOptions = {}): Broker {
  const replaySize = options.replaySize ?? 1000;
  if (!Number.isInteger(replaySize) || replaySize < 0) {
    throw new RangeError(`[@kit/sse-server] replaySize must be a non-negative integer, got ${replaySize}.`);
  }
  const ring: (BrokerEvent | undefined)[] = new Array<BrokerEvent | undefined>(replaySize);
  const handlers = new Set<(event: BrokerEvent) => void>();
  let nextId = options.firstId ?? 1;
  // The newest published id, or null before the first publish.
  let latest: number | null = null;
  let closed = false;
  const status: BrokerStatus = { ok: true, kind: 'memory' };

  function at(id: number): BrokerEvent | undefined {
    return replaySize === 0 ? undefined : ring[id % replaySize];
  }

  return {
    status,
    async publish({ event, data }: PublishInit) {
      if (closed) throw new Error('[@kit/sse-server] publish() after the broker was closed.');
      const id = nextId++;
      const stored: BrokerEvent = { id: String(id), event, data };
      if (replaySize > 0) ring[id % replaySize] = stored;
      latest = id;
      // Copy first: a handler may unsubscribe (or subscribe) while we deliver.
      for (const handler of [...handlers]) handler(stored);
      return { id: stored.id };
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async replaySince(raw): Promise<ReplayResult> {
      const latestId = latest === null ? null : String(latest);
      if (!DECIMAL.test(raw)) return { ok: false, reason: 'malformed-id', latestId };
      const since = Number(raw);
      const first = options.firstId ?? 1;
      // An id we never issued: typically from before a restart (or another server).
      if (since < first - 1 || (latest === null ? since !== first - 1 : since > latest)) {
        return { ok: false, reason: 'unknown-id', latestId };
      }
      const events: BrokerEvent[] = [];
      if (latest === null) return { ok: true, events };
      const oldestKept = Math.max(first, latest - replaySize + 1);
      // The client needs since+1..latest; if since+1 already fell out of the ring, it missed events.
      if (since + 1 < oldestKept) return { ok: false, reason: 'too-old', latestId };
      for (let id = since + 1; id <= latest; id++) {
        const stored = at(id);
        if (stored) events.push(stored);
      }
      return { ok: true, events };
    },
    async lastEvent(name) {
      if (latest === null) return null;
      const oldestKept = Math.max(options.firstId ?? 1, latest - replaySize + 1);
      // Newest first: a frequent event is found within a few slots.
      for (let id = latest; id >= oldestKept; id--) {
        const stored = at(id);
        if (stored?.event === name) return stored;
      }
      return null;
    },
    compareIds(a, b) {
      return Number(a) - Number(b);
    },
    async close() {
      closed = true;
      handlers.clear();
      status.ok = false;
      status.detail = 'closed';
    },
  };
}
