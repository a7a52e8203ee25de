export interface SSEEventInit {
  /** Event name; the client dispatches it to listeners of that name (default `message`). */
  event?: string;
  /** Payload. Strings are sent as they are; anything else is serialized with JSON.stringify. */
  data: unknown;
  /**
   * Event id; the client echoes the last one in `Last-Event-ID` when it reconnects, so it must
   * survive that trip: printable ASCII (0x20-0x7e), no leading or trailing space, at most 1024
   * characters. Anything else throws a TypeError. `''` clears the client's last event id.
   */
  id?: string;
  /** Reconnection time hint for the client, in milliseconds. */
  retry?: number;
}

const LINE_BREAK = /\r\n|\r|\n/;

function assertSingleLine(field: string, value: string): void {
  if (/[\r\n]/.test(value)) {
    throw new TypeError(
      `[@kit/sse-server] The ${field} ${JSON.stringify(value)} contains a line break, which would let it inject ` +
        `other fields into the stream. Remove CR and LF from ${field}s.`,
    );
  }
}

/** Longest id `formatEvent` accepts: proxies and servers cap header sizes, and an id is repeated per event. */
export const MAX_EVENT_ID_LENGTH = 1024;

// Printable ASCII, not starting or ending with a space: the ids an HTTP header carries unchanged.
const ROUND_TRIP_ID = /^(?:[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?)?$/;
const ENCODE_HINT = 'Encode the id (encodeURIComponent, base64url, ...) so it is printable ASCII.';

function quote(id: string): string {
  return JSON.stringify(id.length > 64 ? `${id.slice(0, 64)}...` : id);
}

/**
 * Why `id` cannot be sent as an event id, or null when it can. The rule: an id must come back
 * unchanged in the client's `Last-Event-ID` header, so printable ASCII (0x20-0x7e), no leading or
 * trailing space (HTTP trims them), at most 1024 characters; and never CR, LF or NUL. One rule for
 * `formatEvent` (which throws with this text) and the channel (which must not echo a bad id).
 */
export function eventIdProblem(id: string): string | null {
  if (id.length <= MAX_EVENT_ID_LENGTH && ROUND_TRIP_ID.test(id)) return null;
  if (/[\r\n]/.test(id)) {
    return `The event id ${quote(id)} contains a line break, which would let it inject other fields into the stream. Remove CR and LF from event ids.`;
  }
  if (id.includes('\0')) return `The event id ${quote(id)} contains NUL: clients ignore such an id. ${ENCODE_HINT}`;
  if (id.length > MAX_EVENT_ID_LENGTH) {
    return `The event id is ${id.length} characters long; the limit is ${MAX_EVENT_ID_LENGTH}, because the client sends it back in a Last-Event-ID header. Use a shorter id.`;
  }
  const bad = /[^\x20-\x7e]/.exec(id);
  if (bad) {
    const code = (id.codePointAt(bad.index) as number).toString(16).toUpperCase().padStart(4, '0');
    return `The event id ${quote(id)} contains U+${code} at index ${bad.index}: a client cannot send it back in a Last-Event-ID header, which carries printable ASCII only. ${ENCODE_HINT}`;
  }
  return `The event id ${quote(id)} starts or ends with a space, which HTTP trims from the Last-Event-ID header, so the client would send back another id. Trim the id or encode it.`;
}

/** Serializes one event in the text/event-stream format, ending with the blank line that dispatches it. */
export function formatEvent({ event, data, id, retry }: SSEEventInit): string {
  let frame = '';
  if (event !== undefined) {
    assertSingleLine('event name', event);
    frame += `event: ${event}\n`;
  }
  if (id !== undefined) {
    const problem = eventIdProblem(id);
    if (problem !== null) throw new TypeError(`[@kit/sse-server] ${problem}`);
    frame += `id: ${id}\n`;
  }
  if (retry !== undefined) {
    if (!Number.isInteger(retry) || retry < 0) {
      throw new RangeError(`[@kit/sse-server] retry must be a non-negative integer of milliseconds, got ${retry}.`);
    }
    frame += `retry: ${retry}\n`;
  }
  const text: unknown = typeof data === 'string' ? data : JSON.stringify(data);
  // JSON.stringify gives undefined for undefined, functions and symbols: fail here, not in the client.
  if (typeof text !== 'string') {
    throw new TypeError(`[@kit/sse-server] data must be a string or JSON-serializable, got ${typeof data}.`);
  }
  for (const line of text.split(LINE_BREAK)) frame += `data: ${line}\n`;
  return `${frame}\n`;
}
