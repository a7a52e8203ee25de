import type { Redis } from 'ioredis';
import type { Entry } from './decodeEntry';

function eventName(fields: readonly string[]): string {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === 'event') return fields[i + 1] as string;
  return 'message';
}

/**
 * The newest entry of `stream` whose `event` field is `name`, or null. Reads newest first with
 * `XREVRANGE ... COUNT pageSize`, one page at a time, so a frequent event costs one small round
 * trip and a rare one never pulls the whole stream (capped by MAXLEN) in a single reply.
 */
export async function findLastEntry(client: Redis, stream: string, name: string, pageSize = 100): Promise<Entry | null> {
  let end = '+';
  for (;;) {
    const page = (await client.xrevrange(stream, end, '-', 'COUNT', pageSize)) as Entry[];
    for (const entry of page) if (eventName(entry[1]) === name) return entry;
    const oldest = page.at(-1);
    if (page.length < pageSize || oldest === undefined) return null;
    // Exclusive, so the next page starts just before the oldest entry already seen.
    end = `(${oldest[0]}`;
  }
}
