/**
 * `Retry-After` in milliseconds: either delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
 * Returns undefined for a missing or malformed value, so a bad header never becomes a 0 ms retry storm.
 */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^[0-9]+$/.test(trimmed)) return Number.parseInt(trimmed, 10) * 1000;
  // Only accept something that looks like a date: Date.parse also takes '1' or '2024' as dates.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
