/** Counts renders by key; a component calls `count(key)` in its body. */
export function createRenderCounter() {
  const counts = new Map<string, number>();
  return {
    count(key: string) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    get(key: string) {
      return counts.get(key) ?? 0;
    },
    total() {
      let sum = 0;
      for (const value of counts.values()) sum += value;
      return sum;
    },
    reset() {
      counts.clear();
    },
  };
}
