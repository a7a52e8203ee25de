import { toByteString } from './toByteString';

/** Longest id sent back, in UTF-8 bytes: servers and proxies cap header sizes (Node at 16 KiB in all). */
export const MAX_LAST_EVENT_ID_BYTES = 1024;

// Control characters other than tab: fetch refuses them in a header value, and so do servers.
// eslint-disable-next-line no-control-regex
const UNSENDABLE = /[\x00-\x08\x0a-\x1f\x7f]/;

/**
 * The `Last-Event-ID` header value for `id`, or undefined when a header cannot carry it (a control
 * character, or longer than MAX_LAST_EVENT_ID_BYTES). Such an id is not sent at all: a request
 * that fails before it leaves would turn every reconnect into the same failure.
 */
export function lastEventIdHeader(id: string): string | undefined {
  if (id === '' || UNSENDABLE.test(id)) return undefined;
  const value = toByteString(id);
  return value.length > MAX_LAST_EVENT_ID_BYTES ? undefined : value;
}
