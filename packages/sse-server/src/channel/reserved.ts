/** Names starting with `sse:` are the wire contract's signals (docs/wire-contract.md). */
const RESERVED = 'sse:';

/** Throws when `event` cannot be sent as an event of the map: not a string, or reserved. */
export function assertEventName(event: unknown, what: string): asserts event is string {
  if (typeof event !== 'string') {
    throw new TypeError(`[@kit/sse-server] ${what} needs an event name (a string), got ${typeof event}.`);
  }
  if (event.startsWith(RESERVED)) {
    throw new TypeError(
      `[@kit/sse-server] ${what}: the event name ${JSON.stringify(event)} is reserved: names starting with "sse:" ` +
        'are signals of the wire contract (sse:reset). Pick another name.',
    );
  }
}
