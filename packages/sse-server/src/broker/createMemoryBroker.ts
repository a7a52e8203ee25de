import type { Broker, BrokerEvent, BrokerStatus, PublishInit, ReplayResult } from './Broker';
import { createEpoch, isEpoch, parseEpochId } from './epochId';

export interface MemoryBrokerOptions {
  /** How many recent events are kept for `Last-Event-ID` replay. Default 1000. */
  replaySize?: number;
  /**
   * The first sequence number (the part after the dot). Default 1. Restart safety does not need
   * it (the epoch changes with every instance); it only shifts the numbering.
   */
  firstId?: number;
  /**
   * The history's name, the part before the dot: 1–64 characters of `[0-9A-Za-z_-]`. Default: a
   * fresh one per instance (clock + randomness, base 36), which is what makes ids from a previous
   * process or another instance `foreign-epoch` instead of a wrong replay. Set it only for
   * predictable ids in tests: two live brokers sharing an epoch would confuse their clients.
   */
  epoch?: string;
  /** Receives exceptions thrown by subscribers (they never stop the fan-out). Default `console.error`. */
  onError?: (error: unknown) => void;
}

const PREFIX = '[@kit/sse-server]';

function validate(options: MemoryBrokerOptions): { replaySize: number; firstId: number; epoch: string } {
  const { replaySize = 1000, firstId = 1, epoch } = options;
  if (!Number.isInteger(replaySize) || replaySize < 0) {
    throw new RangeError(`${PREFIX} replaySize must be a non-negative integer, got ${replaySize}.`);
  }
  if (!Number.isSafeInteger(firstId) || firstId < 1) {
    throw new RangeError(`${PREFIX} firstId must be a positive safe integer, got ${firstId}.`);
  }
  if (epoch !== undefined && !isEpoch(epoch)) {
    throw new TypeError(
      `${PREFIX} epoch must be 1-64 characters of [0-9A-Za-z_-], got ${JSON.stringify(epoch)}. ` +
        'Leave it out to get a fresh one per broker.',
    );
  }
  return { replaySize, firstId, epoch: epoch ?? createEpoch() };
}

/**
 * The default broker: one process, ids `<epoch>.<seq>` (docs/wire-contract.md), replay from a
 * ring buffer.
 */
export function createMemoryBroker(options: MemoryBrokerOptions = {}): Broker {
  const { replaySize, firstId, epoch } = validate(options);
  const onError = options.onError ?? ((error: unknown) => console.error(PREFIX, 'A broker subscriber threw:', error));
  const ring: (BrokerEvent | undefined)[] = new Array<BrokerEvent | undefined>(replaySize);
  const handlers = new Set<(event: BrokerEvent) => void>();
  // The newest sequence number issued; firstId - 1 before the first publish, so `<epoch>.0` (by
  // default) names "before everything" and a client holding it resumes with a plain replay.
  let latest = firstId - 1;
  let closed = false;
  const status: BrokerStatus = { ok: true, kind: 'memory' };

  const idOf = (seq: number): string => `${epoch}.${seq}`;
  const at = (seq: number): BrokerEvent | undefined => (replaySize === 0 ? undefined : ring[seq % replaySize]);
  const oldestKept = (): number => Math.max(firstId, latest - replaySize + 1);

  return {
    status,
    async publish({ event, data }: PublishInit) {
      if (closed) throw new Error(`${PREFIX} publish() after the broker was closed.`);
      const seq = ++latest;
      const stored: BrokerEvent = { id: idOf(seq), event, data };
      if (replaySize > 0) ring[seq % replaySize] = stored;
      // Copy first: a handler may unsubscribe (or subscribe) while we deliver.
      for (const handler of [...handlers]) {
        try {
          handler(stored);
        } catch (error) {
          onError(error);
        }
      }
      return { id: stored.id };
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async replaySince(raw): Promise<ReplayResult> {
      const latestId = idOf(latest);
      const parsed = parseEpochId(raw);
      if (parsed === null) return { ok: false, reason: 'malformed-id', latestId };
      // Another instance's or a previous process's history: nothing here relates to it.
      if (parsed.epoch !== epoch) {
        // Everything this history issued is still in the ring: the client can have all of it.
        const whole = oldestKept() === firstId;
        return { ok: false, reason: 'foreign-epoch', latestId, ...(whole ? { historyStart: idOf(firstId - 1) } : {}) };
      }
      const since = parsed.seq;
      // Within our epoch but never issued.
      if (since < firstId - 1 || since > latest) return { ok: false, reason: 'unknown-id', latestId };
      // The client needs since+1..latest; if since+1 already fell out of the ring, it missed events.
      if (since + 1 < oldestKept()) return { ok: false, reason: 'too-old', latestId };
      const events: BrokerEvent[] = [];
      for (let seq = since + 1; seq <= latest; seq++) {
        const stored = at(seq);
        if (stored) events.push(stored);
      }
      return { ok: true, events };
    },
    async lastEvent(name) {
      // Newest first: a frequent event is found within a few slots.
      for (let seq = latest, oldest = oldestKept(); seq >= oldest; seq--) {
        const stored = at(seq);
        if (stored?.event === name) return stored;
      }
      return null;
    },
    // Both ids are this broker's (the channel only compares ids it got from it): the epochs match.
    compareIds(a, b) {
      return Number(a.slice(a.indexOf('.') + 1)) - Number(b.slice(b.indexOf('.') + 1));
    },
    async close() {
      closed = true;
      handlers.clear();
      status.ok = false;
      status.detail = 'closed';
    },
  };
}
