import type { Frame } from './frames';

/**
 * What a sink needs from a transport (a node:http response, a ReadableStream controller).
 * The adapter is small on purpose: queueing, back-pressure, the slow-client limit, coalescing,
 * heartbeats and closing are written once, in `StreamSink` and the classes it extends.
 */
export interface SinkTransport {
  /**
   * Hands a chunk over. False means "no more for now": the adapter then calls the sink's
   * `flush()` once the transport takes bytes again (node's 'drain', the stream's pull).
   */
  write(chunk: Frame): boolean;
  /** Ends the stream after what was written. */
  end(): void;
  /** Ends it abruptly: the client sees a network error and reconnects with its Last-Event-ID. */
  destroy(reason: 'slow' | 'aborted'): void;
  /** The sink closed: stop listening to the transport. */
  release(): void;
}
