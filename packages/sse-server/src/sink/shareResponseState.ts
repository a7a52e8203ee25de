import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { sinkRegistry } from './sinkRegistry';

/**
 * node:http keeps, for as long as a response is open, a few things that are the same for every
 * event stream; an event stream stays open for hours, so each is worth sharing. Both replacements
 * below are equivalent to what they replace (the same text, the same function), so nothing node
 * or anyone else does with them changes: what goes is the copy per connection. Measured with heap
 * snapshots at 1,000 open streams: ~0.55 KiB less per connection, of the ~5 KiB node:http keeps.
 */
export function shareResponseState(res: ServerResponse): void {
  const { _header: head } = res as HeadResponse;
  // Only node:http's own HTTP/1 response has these (not HTTP/2's compatibility API, say).
  if (typeof head !== 'string') return;
  shareHead(res as HeadResponse, head);
  if (res.socket) shareListenerWrappers(res.socket as WrappedSocket);
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
