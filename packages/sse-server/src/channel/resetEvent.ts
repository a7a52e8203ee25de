import type { ResetReason } from '../broker/Broker';
import { formatEvent } from '../format/formatEvent';

/** The reserved event name of the reset signal (docs/wire-contract.md §2). */
export const RESET_EVENT = 'sse:reset';

/** The JSON payload of an `sse:reset` event. */
export interface ResetData {
  reason: ResetReason;
  /** The `Last-Event-ID` the client sent (cut to 1024 characters). */
  lastEventId: string;
  /** The reason in a sentence. */
  message: string;
}

const MESSAGES: Record<ResetReason, string> = {
  'foreign-epoch': 'The Last-Event-ID belongs to another history (the server restarted, or this is another instance).',
  'unknown-id': 'The Last-Event-ID was never issued by this history.',
  'malformed-id': 'The Last-Event-ID is not an id this server issues.',
  'too-old': 'The events after this Last-Event-ID are no longer kept.',
  unavailable: 'The events after this Last-Event-ID could not be read.',
};

/** Longest `lastEventId` echoed back: a 20 kB header is not worth sending back in full. */
const ECHO_LIMIT = 1024;

/**
 * The reset frame: `id` is the position the client resumes from (always present: an empty `id:`
 * would mean "no position"), `data` says why.
 */
export function formatReset(reason: ResetReason, lastEventId: string, position: string): string {
  const data: ResetData = {
    reason,
    lastEventId: lastEventId.length > ECHO_LIMIT ? lastEventId.slice(0, ECHO_LIMIT) : lastEventId,
    message: `${MESSAGES[reason]} Refetch your snapshot.`,
  };
  return formatEvent({ event: RESET_EVENT, id: position, data });
}
