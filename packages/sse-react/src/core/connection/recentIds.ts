/** Remembers the last `capacity` event ids, so memory stays bounded. */
export interface RecentIds {
  /** False when `id` is among the recent ones; else remembers it (forgetting the oldest) and returns true. */
  remember(id: string): boolean;
  clear(): void;
}

export const DEFAULT_RECENT_IDS = 256;

/**
 * A strict total order on strings: shorter first, then by code units. For the ids servers send
 * (counters, `<epoch>.<seq>`, timestamps, ULIDs) it is the order they are sent in.
 */
function follows(id: string, previous: string): boolean {
  return id.length > previous.length || (id.length === previous.length && id > previous);
}

export function createRecentIds(size: number = DEFAULT_RECENT_IDS): RecentIds {
  const capacity = Math.max(1, size);
  // The ids in a ring: `next` is where the next one goes, and once the ring is full, its oldest.
  const ring: string[] = [];
  let next = 0;
  let newest = '';
  // While the ring's ids are in order (oldest first, by `follows`), an id that follows the newest
  // is new without a lookup, and an earlier one is found by bisection: no Set at all, which cost a
  // hash lookup, an insert and a delete per event (11% of the client benchmark's profile). Ids out
  // of order (random ones, a replay that skips back) bring the Set back, until `capacity` ids in
  // order have pushed the last of them out.
  let unordered: Set<string> | null = null;
  /** How many of the newest ids are in order; the whole ring is once it reaches `ring.length`. */
  let inOrder = 0;

  /** Whether the ring, in order, holds `id`: a bisection of the ring rotated at `next`. */
  function holdsInOrder(id: string): boolean {
    const length = ring.length;
    let low = 0;
    let high = length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const candidate = ring[(next + middle) % length] as string;
      if (candidate === id) return true;
      if (follows(id, candidate)) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }

  /** Puts `id` in the ring; returns the id it pushed out, if any. */
  function store(id: string): string | undefined {
    newest = id;
    if (ring.length < capacity) {
      ring.push(id);
      return undefined;
    }
    const oldest = ring[next];
    ring[next] = id;
    next = (next + 1) % capacity;
    return oldest;
  }

  return {
    // This runs for every event with an id: the common case (ids in order) is one comparison and one store.
    remember(id) {
      const ordered = ring.length === 0 || follows(id, newest);
      if (unordered === null) {
        if (ordered) {
          store(id);
          inOrder = ring.length;
          return true;
        }
        if (holdsInOrder(id)) return false;
        unordered = new Set(ring);
      } else if (unordered.has(id)) {
        return false;
      }
      inOrder = ordered ? inOrder + 1 : 1;
      unordered.add(id);
      const evicted = store(id);
      if (evicted !== undefined) unordered.delete(evicted);
      if (inOrder >= ring.length) unordered = null;
      return true;
    },
    clear() {
      ring.length = 0;
      next = 0;
      newest = '';
      unordered = null;
      inOrder = 0;
    },
  };
}
