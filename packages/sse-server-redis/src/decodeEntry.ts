import type { BrokerEvent } from '@kit/sse-server';

/** A stream entry as RESP2 replies carry it: the id, then field names and values in turn. */
export type Entry = [id: string, fields: string[]];

export function decodeEntry([id, fields]: Entry): BrokerEvent {
  let event = 'message';
  let data: unknown;
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const value = fields[i + 1] as string;
    if (fields[i] === 'event') event = value;
    else if (fields[i] === 'data') {
      try {
        data = JSON.parse(value);
      } catch {
        // Written by something other than this broker: hand the text over as it is.
        data = value;
      }
    }
  }
  return { id, event, data };
}
