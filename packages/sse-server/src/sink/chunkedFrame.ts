import type { Frame } from './frames';
import { sinkRegistry } from './sinkRegistry';

const CRLF_BYTES = 2;

/** The cache holds for one synchronous turn (a broadcast, a round's slice), never across turns. */
function forgetFramed(): void {
  sinkRegistry.framedFrom = null;
  sinkRegistry.framed = null;
}

/**
 * A chunk in HTTP/1.1 chunked framing (`<size in hex>\r\n<bytes>\r\n`), as `res.write` would put
 * it on the wire, but as one buffer: the clients of a broadcast write the very same chunk, so it is
 * framed once (the registry keeps the last one, until the end of the turn) instead of four socket
 * writes per client.
 */
export function chunkedFrame(chunk: Frame): Uint8Array {
  if (sinkRegistry.framedFrom === chunk && sinkRegistry.framed !== null) return sinkRegistry.framed;
  const body = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  const size = `${body.byteLength.toString(16)}\r\n`;
  const framed = Buffer.allocUnsafe(size.length + body.byteLength + CRLF_BYTES);
  framed.write(size, 0, 'latin1');
  framed.set(body, size.length);
  framed.write('\r\n', size.length + body.byteLength, 'latin1');
  if (sinkRegistry.framedFrom === null) queueMicrotask(forgetFramed);
  sinkRegistry.framedFrom = chunk;
  sinkRegistry.framed = framed;
  return framed;
}
