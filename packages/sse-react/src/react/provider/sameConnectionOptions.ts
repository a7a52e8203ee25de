import type { ConnectionOptions } from '../../core/index';

/**
 * Options whose function values are called through the latest render's options (see
 * createLazyConnection), so an inline `headers={() => …}` or `backoff` never recreates a connection.
 */
function isCalledThroughLatest(key: string): boolean {
  return key === 'headers' || key === 'backoff';
}

/** An array or a plain object: compared by its own keys and values. */
function isPlainData(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === Array.prototype || proto === null;
}

/**
 * Value equality, `depth` levels into arrays and plain objects (one rule for both: the same own
 * keys, the same values, so an array's length is its key count); `Headers` by their entries;
 * anything else by identity.
 */
function sameValue(a: unknown, b: unknown, depth: number): boolean {
  if (Object.is(a, b)) return true;
  if (typeof Headers !== 'undefined' && a instanceof Headers && b instanceof Headers) return sameValue([...a], [...b], 2);
  if (depth === 0 || !isPlainData(a) || !isPlainData(b) || Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameValue(a[key], b[key], depth - 1));
}

/**
 * The rule that decides when a provider or a shared hook needs a new connection: options are
 * compared by value (primitives; plain objects and arrays such as `headers` or `environment`, two
 * levels deep; `Headers` by their entries). `headers` and `backoff` functions are not compared:
 * the latest one is always called. Any other function or object (`body` as FormData, an
 * `environment.fetch`) is compared by identity, so define those outside the component.
 */
export function sameConnectionOptions(a: ConnectionOptions, b: ConnectionOptions): boolean {
  if (a === b) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const left = (a as Record<string, unknown>)[key];
    const right = (b as Record<string, unknown>)[key];
    if (isCalledThroughLatest(key) && typeof left === 'function' && typeof right === 'function') continue;
    if (!sameValue(left, right, 2)) return false;
  }
  return true;
}
