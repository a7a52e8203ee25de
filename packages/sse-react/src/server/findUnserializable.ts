export interface Unserializable {
  /** Where, as the user wrote it: `options.headers`, `connection`. */
  path: string;
  /** What it is: `a function`, `a Headers instance`. */
  what: string;
}

// Built-ins React can send to a Client Component (its Flight protocol); other class instances it refuses.
const sendable = ['Date', 'Map', 'Set', 'ArrayBuffer', 'FormData', 'Blob', 'ReadableStream', 'Promise']
  .map((name) => (globalThis as Record<string, unknown>)[name])
  .filter((constructor): constructor is abstract new (...args: never[]) => unknown => typeof constructor === 'function');

/**
 * The first prop React could not send from a Server Component to a Client Component: a function,
 * a class instance such as `Headers`, or an object without a prototype.
 */
export function findUnserializable(props: object): Unserializable | null {
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined) continue;
    // Elements are React's business; a render function (<SSEEvent>{(v) => …}</SSEEvent>) cannot cross.
    if (key === 'children') {
      if (typeof value === 'function') return { path: 'children', what: 'a function' };
      continue;
    }
    // A Connection is all methods: name it as one rather than by its first function.
    if (key === 'connection') return { path: key, what: 'a connection object, whose methods cannot be sent to the browser' };
    const found = visit(value, key, 0);
    if (found) return found;
  }
  return null;
}

function visit(value: unknown, path: string, depth: number): Unserializable | null {
  if (typeof value === 'function') return { path, what: 'a function' };
  if (typeof value !== 'object' || value === null || depth > 8) return null;
  if (ArrayBuffer.isView(value) || sendable.some((constructor) => value instanceof constructor)) return null;
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === null) return { path, what: 'an object with a null prototype' };
  if (prototype !== Object.prototype && !Array.isArray(value)) {
    const name: unknown = (value as { constructor?: { name?: unknown } }).constructor?.name;
    return { path, what: typeof name === 'string' && name !== '' ? `a ${name} instance` : 'a class instance' };
  }
  for (const [key, item] of Object.entries(value)) {
    const found = visit(item, Array.isArray(value) ? `${path}[${key}]` : `${path}.${key}`, depth + 1);
    if (found) return found;
  }
  return null;
}
