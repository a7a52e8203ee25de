import { createRecentIds, DEFAULT_RECENT_IDS } from './recentIds';

/**
 * Drops events whose id was delivered recently: after a resume, many servers replay from the
 * Last-Event-ID inclusive, or replay a window that overlaps what the client already has.
 *
 * MessageEvent.lastEventId repeats the previous id for an event without an `id:` field, so an
 * event carries its own id only when the value changed. The first event of an attempt always
 * counts: that is where a server replays the event we resumed from. The price: on a resumed
 * stream, a first event without an `id:` field looks like that replay and is dropped.
 */
export interface DuplicateFilter {
  /** A new transport starts: its first event is judged as carrying its own id. */
  startAttempt(): void;
  /** True to deliver the event with this `lastEventId`, false to drop it as a duplicate. */
  accept(lastEventId: string): boolean;
}

export function createDuplicateFilter(capacity: number = DEFAULT_RECENT_IDS): DuplicateFilter {
  const recent = createRecentIds(capacity);
  let previousId: string | undefined;
  return {
    startAttempt() {
      previousId = undefined;
    },
    accept(id) {
      const carriesId = previousId === undefined ? id !== '' : id !== previousId;
      previousId = id;
      if (!carriesId || id === '') return true;
      if (recent.has(id)) return false;
      recent.add(id);
      return true;
    },
  };
}
