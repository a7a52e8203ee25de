/** Why a client's stream ended; `slow` means it fell too far behind and was disconnected. */
export type CloseReason = 'client' | 'server' | 'slow' | 'aborted';

/**
 * One connected client, whatever the transport (node:http response or Fetch-API ReadableStream).
 * The channel only ever talks to this, so it does not care which runtime serves the request.
 */
export interface SSESink {
  /**
   * Queues an already serialized frame. Returns false when the sink is closed (or has just been
   * dropped for falling behind); the frame is then discarded. A `Uint8Array` is kept by reference
   * until it is written (as `res.write` does): do not modify it after handing it over.
   */
  write(frame: string | Uint8Array): boolean;
  /** Sends a comment line (heartbeats, padding). */
  comment(text?: string): boolean;
  /**
   * Resolves when the sink can take more without queueing behind the reader: at once while frames
   * go straight through, otherwise once the transport has taken what is queued (or the sink
   * closed; it never rejects). A producer with a backlog (the channel's replay) awaits it between
   * frames, so the backlog flows at the reader's pace instead of piling up past `maxQueueBytes`.
   */
  drain(): Promise<void>;
  /** Ends the stream cleanly, after every frame `write` accepted; the client reconnects after its retry delay. */
  close(): void;
  /**
   * Ends the stream abruptly (socket destroyed / stream errored), as a network failure would; the
   * client reconnects with its Last-Event-ID. `'slow'` records why: a producer dropping a client
   * that fell too far behind (the channel does, when the live events it held during a replay
   * outgrow `maxQueueBytes`). Default `'aborted'`.
   */
  abort(reason?: 'aborted' | 'slow'): void;
  /**
   * Holds every byte, heartbeats included, until `resume()`: frames keep queueing and still count
   * towards the queue bound. Useful to simulate a stalled proxy.
   */
  pause(): void;
  resume(): void;
  readonly closed: boolean;
  /** Set once closed. */
  readonly closeReason: CloseReason | null;
  /** Bytes waiting in this sink's own queue (not yet accepted by the transport). */
  readonly queuedBytes: number;
  /** The live backlog a client may have before it is dropped as `slow` (`SSEStreamOptions.maxQueueBytes`). */
  readonly maxQueueBytes: number;
  /**
   * Called once, when the stream ends for any reason, with the reason. The kit's sinks also pass
   * themselves, so one listener can serve many sinks (an SSESink of your own need not). Returns an
   * unsubscribe function.
   */
  onClose(listener: (reason: CloseReason, sink?: SSESink) => void): () => void;
}

export interface SSEStreamOptions {
  /** `retry:` hint sent first, in ms. Default 3000; `null` sends none. */
  retry?: number | null;
  /**
   * Heartbeat period in ms: advertised right after the `retry:` hint as `: sse:heartbeat=<ms>`
   * (docs/wire-contract.md §3), then a comment goes out at least once per period (one timer per
   * period shared by every stream). Keep it well below your proxies' idle timeouts. Default
   * 15000; 0 disables heartbeats and the advertisement.
   */
  heartbeatMs?: number;
  /**
   * Most bytes of live events a client may have waiting (beyond what its transport accepted)
   * before it is disconnected as too slow (reason `slow`; it reconnects and resumes with its
   * Last-Event-ID). A replay does not count: it flows at the reader's pace. Default 1 MiB.
   */
  maxQueueBytes?: number;
  /**
   * `createNodeStream` only. Frames wait for the process's next write round (one turn of the event
   * loop, no timer) instead of going out one write each: a round writes every waiting client's
   * frames as one chunk, yielding to the event loop between its slices, so under load a client
   * gets every event published meanwhile in one write (one syscall) and no frame waits longer than
   * about one round. Default true; false writes every frame at once.
   */
  coalesce?: boolean;
  /** Extra response headers (CORS, for instance). */
  headers?: Record<string, string>;
}

export const DEFAULT_RETRY_MS = 3000;
export const DEFAULT_HEARTBEAT_MS = 15_000;
export const DEFAULT_MAX_QUEUE_BYTES = 1024 * 1024;

export const SSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  // no-transform keeps compressing proxies from buffering the stream.
  'Cache-Control': 'no-cache, no-transform',
  // nginx buffers proxied responses unless told otherwise, which would delay every event.
  'X-Accel-Buffering': 'no',
};
