import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { sinkRegistry } from './sinkRegistry';

/**
 * node:http keeps, for as long as a response is open, a few things that are the same for many
 * event streams; an event stream stays open for hours, so each is worth sharing. Every replacement
 * below is equivalent to what it replaces (equal text, the same function), so nothing node or
 * anyone else does with them changes: what goes is the copy per connection. Measured with heap
 * snapshots at 1,000 open streams of the server benchmark: ~0.7 KiB less per connection, of the
 * ~5 KiB node:http keeps.
 */
export function shareStreamState(req: IncomingMessage, res: ServerResponse): void {
  const { _header: head } = res as HeadResponse;
  // Only node:http's own HTTP/1 response has these (not HTTP/2's compatibility API, say).
  if (typeof head !== 'string') return;
  shareHead(res as HeadResponse, head);
  if (res.socket) shareListenerWrappers(res.socket as WrappedSocket);
  shareRequestText(req);
}

type HeadResponse = ServerResponse & { _header?: unknown };

/**
 * The response head node:http sent (`res._header`, ~250 bytes of text here) is kept until the
 * response ends, but only ever tested for truthiness once sent. The heads of streams opened in the
 * same second are the same text (the Date header changes once a second), so they keep one string:
 * the last head seen, whenever the next one is equal to it. One comparison per connection.
 */
function shareHead(res: HeadResponse, head: string): void {
  if (head === sinkRegistry.head) res._header = sinkRegistry.head;
  else sinkRegistry.head = head;
}

const WRAPPED = ['on', 'addListener', 'prependListener'] as const;
type Wrapped = (typeof WRAPPED)[number];
type WrappedSocket = Socket & Record<Wrapped, Socket['on']>;
// The name node:http gives the wrappers (lib/_http_server.js, generateSocketListenerWrapper).
const WRAPPER_NAME = 'socketListenerWrap';

/**
 * node:http gives every connection's socket its own `on`, `addListener` and `prependListener`
 * (which stop the native parser from consuming the socket once someone listens for 'data'): three
 * closures and their contexts, ~310 bytes per connection. Each closes over nothing but the method
 * name and works on `this`, so the first socket's three serve every socket. Only node's wrappers
 * (by name, as own properties) are replaced; anything else someone installed is left alone.
 */
function shareListenerWrappers(socket: WrappedSocket): void {
  const shared = (sinkRegistry.listenerWrappers ??= {});
  for (const method of WRAPPED) {
    if (!Object.hasOwn(socket, method)) continue;
    const own = socket[method];
    if (own.name !== WRAPPER_NAME) continue;
    const first = shared[method];
    if (first === undefined) shared[method] = own;
    else socket[method] = first as Socket['on'];
  }
}

/**
 * Header names are a small vocabulary, but a client may send any: the table stops growing here,
 * and keeps no name or value longer than MAX_SHARED_LENGTH (a cookie is seldom anyone else's), so
 * what it holds stays under ~300 KB whatever clients send.
 */
const MAX_HEADER_NAMES = 256;
const MAX_SHARED_LENGTH = 256;
const shareable = (text: string): string => (text.length <= MAX_SHARED_LENGTH ? text : '');
const HTTP_1_1 = '1.1';

/**
 * The request's text is read off the wire afresh for every request: each header name and value
 * (a browser sends a dozen or more headers, most of them the same for every client: Host, Accept,
 * User-Agent, Accept-Language...), the version and the URL are new strings. Equal ones are swapped
 * for one shared copy: per header name (a bounded table) the name and the last value seen with
 * it, in `rawHeaders` and in `req.headers`; the version for the literal; the URL when it is the
 * same as the previous stream's. A value that differs takes the slot: one string kept per name.
 */
function shareRequestText(req: IncomingMessage): void {
  const table = (sinkRegistry.headerText ??= new Map());
  const raw = req.rawHeaders;
  const headers = req.headers;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    const value = raw[i + 1] as string;
    const known = table.get(name);
    if (known === undefined) {
      if (table.size < MAX_HEADER_NAMES && name.length <= MAX_SHARED_LENGTH) table.set(name, { name, key: name.toLowerCase(), value: shareable(value) });
      continue;
    }
    raw[i] = known.name;
    if (value !== known.value) {
      known.value = shareable(value);
      continue;
    }
    raw[i + 1] = known.value;
    // A repeated header is joined in `headers`, so it holds a string of its own: left as it is.
    if (headers[known.key] === value) headers[known.key] = known.value;
  }
  if (req.httpVersion === HTTP_1_1) req.httpVersion = HTTP_1_1;
  if (req.url === sinkRegistry.url) req.url = sinkRegistry.url;
  else sinkRegistry.url = req.url ?? null;
}

type Listeners = Record<string | symbol, unknown>;

/**
 * An EventEmitter keeps its listeners in `_events`, an object with a null prototype. A
 * ServerResponse creates it as `{ __proto__: null }`, which V8 keeps in dictionary mode: a hash
 * table with room to grow, ~190 bytes while it holds the two or three listeners of a stream. The
 * same keys and values in an object V8 keeps in fast mode (properties added, then the prototype
 * set to null) take ~60: ~130 bytes less per open stream, measured. Lookups, `eventNames()` order
 * and later changes behave the same (a `delete` turns it back into a dictionary, as before).
 * Only a plain null-prototype object of listeners (functions or arrays of them) is copied.
 */
export function compactListeners(emitter: object): void {
  const events = (emitter as { _events?: unknown })._events;
  if (typeof events !== 'object' || events === null || Object.getPrototypeOf(events) !== null) return;
  const compact: Listeners = {};
  for (const key of Reflect.ownKeys(events)) {
    const value = (events as Listeners)[key];
    if (typeof value !== 'function' && !Array.isArray(value)) return;
    compact[key] = value;
  }
  Object.setPrototypeOf(compact, null);
  (emitter as { _events: Listeners })._events = compact;
}
