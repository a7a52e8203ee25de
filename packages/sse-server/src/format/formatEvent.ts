export interface SSEEventInit {
  /** Event name; the client dispatches it to listeners of that name (default `message`). */
  event?: string;
  /** Payload. Strings are sent as they are; anything else is serialized with JSON.stringify. */
  data: unknown;
  /** Event id; the client echoes the last one in `Last-Event-ID` when it reconnects. */
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

/**
 * Why `id` cannot be sent as an event id, or null when it can. One rule for `formatEvent` (which
 * throws with this text) and for the channel (which must not echo an id that would throw).
 */
export function eventIdProblem(id: string): string | null {
  if (/[\r\n]/.test(id)) {
    return `The event id ${JSON.stringify(id)} contains a line break, which would let it inject other fields into the stream. Remove CR and LF from event ids.`;
  }
  if (id.includes('\0')) return 'An event id must not contain NUL: clients ignore it.';
  return null;
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
