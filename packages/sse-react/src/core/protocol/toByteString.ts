/**
 * Encodes text as UTF-8 and maps each byte to the char of the same code (a "ByteString").
 * Fetch `Headers` reject chars above U+00FF, while a browser's EventSource sends the last event id
 * as UTF-8; a ByteString header value goes on the wire byte for byte, so the server sees that UTF-8.
 */
export function toByteString(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text;
  const bytes = new TextEncoder().encode(text);
  let result = '';
  for (const byte of bytes) result += String.fromCharCode(byte);
  return result;
}
