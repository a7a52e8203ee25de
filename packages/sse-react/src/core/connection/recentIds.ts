/** Remembers the last `capacity` event ids, so memory stays bounded. */
export interface RecentIds {
  /** False when `id` is among the recent ones; else remembers it (forgetting the oldest) and returns true. */
  remember(id: string): boolean;
  clear(): void;
}

export const DEFAULT_RECENT_IDS = 256;

export function createRecentIds(size: number = DEFAULT_RECENT_IDS): RecentIds {
  const capacity = Math.max(1, size);
  // A Set answers "seen?"; a ring of the same ids says which one is oldest. Evicting through the
  // ring costs no iterator per event, which Set.values().next() allocated on this hot path.
  const ids = new Set<string>();
  const ring: string[] = [];
  let next = 0;
  return {
    // One lookup and one insert per event (plus one delete once full): this runs for every event.
    remember(id) {
      if (ids.has(id)) return false;
      ids.add(id);
      if (ring.length < capacity) {
        ring.push(id);
        return true;
      }
      ids.delete(ring[next] as string);
      ring[next] = id;
      next = (next + 1) % capacity;
      return true;
    },
    clear() {
      ids.clear();
      ring.length = 0;
      next = 0;
    },
  };
}
