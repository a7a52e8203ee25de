/**
 * A Redis stream entry id as Redis prints it: `<ms>-<seq>`, two unsigned 64-bit decimals.
 * Canonical only (no leading zeros, no sign, both parts present): Redis never issues anything else,
 * and accepting `01-0` or a bare `5` would let two spellings name one position.
 */
const STREAM_ID = /^(0|[1-9][0-9]{0,19})-(0|[1-9][0-9]{0,19})$/;
const U64_MAX = '18446744073709551615';

function fitsU64(part: string): boolean {
  // Equal-length decimal strings without leading zeros compare like the numbers they spell.
  return part.length < 20 || part <= U64_MAX;
}

export function isStreamId(id: string): boolean {
  const match = STREAM_ID.exec(id);
  return match !== null && fitsU64(match[1] as string) && fitsU64(match[2] as string);
}

function comparePart(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Orders two stream ids numerically, `ms` first then `seq` (`1-10` is after `1-9`). Works on the
 * strings, so 64-bit parts keep their precision and no BigInt is allocated per comparison.
 */
export function compareStreamIds(a: string, b: string): number {
  const dashA = a.indexOf('-');
  const dashB = b.indexOf('-');
  if (dashA < 0 || dashB < 0) {
    throw new RangeError(`[@kit/sse-server-redis] Not a stream id: ${JSON.stringify(dashA < 0 ? a : b)}.`);
  }
  return comparePart(a.slice(0, dashA), b.slice(0, dashB)) || comparePart(a.slice(dashA + 1), b.slice(dashB + 1));
}
