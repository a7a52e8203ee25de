/**
 * The latest item per key, ordered by when each key last arrived. The server's state on connect
 * comes again after a reset (alongside what a widget already holds): keyed by identity, an item
 * that came twice is shown once, in its newest version.
 */
export function latestBy<T, K>(items: readonly T[], key: (item: T) => K): T[] {
  const latest = new Map<K, T>();
  for (const item of items) {
    const id = key(item);
    latest.delete(id); // re-inserted below: Map order becomes "most recently arrived last"
    latest.set(id, item);
  }
  return [...latest.values()];
}
