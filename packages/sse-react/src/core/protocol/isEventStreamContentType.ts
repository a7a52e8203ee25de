// RFC 9110 token characters, for the type and subtype of a MIME type.
const MIME_ESSENCE = /^[!#$%&'*+\-.^_`|~0-9a-z]+\/[!#$%&'*+\-.^_`|~0-9a-z]+$/;

/**
 * Whether a Content-Type header's essence is `text/event-stream`, ignoring parameters and case.
 * Follows Fetch's "extract a MIME type": a combined header (`a, b`) is split on commas and the last
 * valid type wins.
 */
export function isEventStreamContentType(header: string | null): boolean {
  if (header === null) return false;
  let essence: string | null = null;
  for (const part of header.split(',')) {
    const semicolon = part.indexOf(';');
    const candidate = (semicolon === -1 ? part : part.slice(0, semicolon)).trim().toLowerCase();
    if (MIME_ESSENCE.test(candidate) && candidate !== '*/*') essence = candidate;
  }
  return essence === 'text/event-stream';
}
