import { createRecentIds, DEFAULT_RECENT_IDS } from './recentIds';

/**
 * Drops events whose id was delivered recently: after a resume, many servers replay from the
 * Last-Event-ID inclusive, or replay a window that overlaps what the client already has.
 *
 * FetchEventSource says whether an event carried its own `id:` field (`SSEMessageEvent.hasOwnId`).
 * A native EventSource does not: there, MessageEvent.lastEventId repeats the previous id for an
 * event without one, so an event is taken to carry its own id only when the value changed, and the
 * first event of an attempt counts as carrying one (that is where servers replay the resume id).
 * The price of that guess, native only: a first event without an `id:` field after a resume is dropped.
 */
export interface DuplicateFilter {
  /** A new transport starts: its first event is judged as carrying its own id. */
  startAttempt(): void;
  /**
   * True to deliver the event with this `lastEventId`, false to drop it as a duplicate.
   * `hasOwnId` is the transport's answer to "did this event carry an id?", when it has one.
   */
  accept(lastEventId: string, hasOwnId?: boolean): boolean;
  /** Forgets every id: after a reset, the server's ids start a new history that may reuse them. */
  clear(): void;
}

export function createDuplicateFilter(capacity: number = DEFAULT_RECENT_IDS): DuplicateFilter {
  const recent = createRecentIds(capacity);
  let previousId: string | undefined;
  return {
    startAttempt() {
      previousId = undefined;
    },
    accept(id, hasOwnId) {
      const carriesId = hasOwnId ?? (previousId === undefined ? id !== '' : id !== previousId);
      previousId = id;
      return !carriesId || id === '' || recent.remember(id);
    },
    clear() {
      recent.clear();
      previousId = undefined;
    },
  };
}
