/**
 * A frame that only sets the client's reconnection delay. It dispatches nothing: a blank line
 * with an empty data buffer is ignored by EventSource.
 */
export function formatRetry(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0) {
    throw new RangeError(`[@kit/sse-server] retry must be a non-negative integer of milliseconds, got ${ms}.`);
  }
  return `retry: ${ms}\n\n`;
}
