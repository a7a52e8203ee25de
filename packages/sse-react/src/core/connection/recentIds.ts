/** Remembers the last `capacity` event ids in insertion order, so memory stays bounded. */
export interface RecentIds {
  has(id: string): boolean;
  add(id: string): void;
  clear(): void;
  readonly size: number;
}

export const DEFAULT_RECENT_IDS = 256;

export function createRecentIds(capacity: number = DEFAULT_RECENT_IDS): RecentIds {
  // A Set iterates in insertion order, so its first element is the oldest: a FIFO with O(1) lookup.
  const ids = new Set<string>();
  return {
    has: (id) => ids.has(id),
    add(id) {
      if (ids.has(id)) return;
      ids.add(id);
      if (ids.size > capacity) {
        const oldest = ids.values().next();
        if (oldest.done !== true) ids.delete(oldest.value);
      }
    },
    clear: () => ids.clear(),
    get size() {
      return ids.size;
    },
  };
}
