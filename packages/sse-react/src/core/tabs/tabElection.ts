import type { LockManagerLike } from '../types';

/** Leader election among this origin's tabs for one stream, on one Web Lock. */
export interface TabElection {
  /** Queues for the lock (idempotent). `elected` runs once it is granted. */
  campaign(): void;
  /**
   * Takes the lock from a leader that stopped heartbeating (a hung or frozen tab keeps its lock
   * forever). A second lock lets only one follower steal, so two followers never depose each other.
   */
  seize(): void;
  /** Releases the lock, or leaves the queue. No `deposed` call: the caller chose this. */
  resign(): void;
}

export interface TabElectionEvents {
  elected(): void;
  /** Another tab stole the lock (it thought this tab was frozen). */
  deposed(): void;
}

/** How long the stealing tab keeps the takeover lock: until followers have seen it lead. */
const TAKEOVER_HOLD_MS = 1000;

export function createTabElection(
  locks: LockManagerLike,
  name: string,
  events: TabElectionEvents,
  delay: (ms: number) => Promise<void>,
): TabElection {
  // Every request gets a generation; a grant or rejection from an older one is stale.
  let generation = 0;
  let queued = false;
  let leading = false;
  let seizing = false;
  let release: (() => void) | null = null;
  let abortQueued: (() => void) | null = null;

  function request(steal: boolean): Promise<void> {
    const token = ++generation;
    queued = true;
    const controller = !steal && typeof AbortController === 'function' ? new AbortController() : null;
    abortQueued = controller ? () => controller.abort() : null;
    const options = steal ? { steal: true } : controller ? { signal: controller.signal } : {};
    // Settles when this request is granted, or can no longer be (so a seize never hangs).
    return new Promise<void>((settled) => {
      locks
        .request(name, options, () => {
          // Resigned or superseded while queued: let the lock go at once.
          if (token !== generation) {
            settled();
            return undefined;
          }
          queued = false;
          abortQueued = null;
          leading = true;
          return new Promise<void>((resolve) => {
            release = resolve;
            events.elected();
            settled();
          });
        })
        .catch(() => {
          // AbortError: we left the queue (resign, seize), or another tab stole the held lock.
          settled();
          if (token !== generation) return;
          queued = false;
          if (!leading) return;
          leading = false;
          release = null;
          events.deposed();
        });
    });
  }

  return {
    campaign() {
      if (leading || queued) return;
      void request(false);
    },
    seize() {
      if (leading || seizing) return;
      seizing = true;
      locks
        .request(`${name} takeover`, { ifAvailable: true }, async (lock) => {
          if (lock === null || leading) return;
          abortQueued?.();
          await request(true);
          await delay(TAKEOVER_HOLD_MS);
        })
        .catch(() => undefined)
        .finally(() => {
          seizing = false;
        });
    },
    resign() {
      generation += 1;
      abortQueued?.();
      abortQueued = null;
      queued = false;
      leading = false;
      const done = release;
      release = null;
      done?.();
    },
  };
}
