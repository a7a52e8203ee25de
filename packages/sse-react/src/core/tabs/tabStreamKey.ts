import type { ConnectionOptions } from '../types';

function absolute(url: string): string {
  const base = (globalThis as { location?: { href?: unknown } }).location?.href;
  try {
    return typeof base === 'string' ? new URL(url, base).href : url;
  } catch {
    return url;
  }
}

function headerEntries(headers: ConnectionOptions['headers']): unknown {
  if (headers === undefined) return null;
  // A function is evaluated by whichever tab leads; tabs of one app are assumed to run the same one.
  if (typeof headers === 'function') return 'function';
  const entries = typeof Headers !== 'undefined' && headers instanceof Headers ? [...headers.entries()] : Array.isArray(headers) ? headers : Object.entries(headers);
  return entries.map(([name, value]) => [String(name).toLowerCase(), String(value)]).sort();
}

/**
 * Which tabs may share one HTTP connection: same absolute url and the same request (transport,
 * method, body, credentials, fixed headers). Policy options (backoff, retries, timeouts) are the
 * leader's own and are not part of it. A body that is not a string cannot be compared across
 * tabs, so such a stream gets a key no other tab has, and is not shared.
 */
export function tabStreamKey(url: string, options: ConnectionOptions, tabId: string): string {
  const { body } = options;
  const bodyKey = body === undefined || body === null ? null : typeof body === 'string' ? body : `unshareable ${tabId}`;
  return JSON.stringify([
    absolute(url),
    options.transport ?? 'auto',
    (options.method ?? 'GET').toUpperCase(),
    bodyKey,
    options.withCredentials === true,
    headerEntries(options.headers),
  ]);
}
