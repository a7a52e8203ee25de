import { toBytes, type Frame } from './frames';
import { SSE_HEADERS, type SSESink, type SSEStreamOptions } from './SSESink';
import { StreamSink } from './StreamSink';
import { formatPreamble, streamSettings, type StreamSettings } from './streamOptions';

export interface FetchStream {
  /** Return this from your handler (Hono, Next.js route handlers, Deno.serve, Bun.serve, ...). */
  response: Response;
  sink: SSESink;
}

/**
 * The ReadableStream adapter. With a high-water mark of 0 the stream holds at most the chunk the
 * reader has not taken yet: a chunk enqueued while a read is waiting goes straight to it (the
 * stream stays empty, keep writing); otherwise it waits in the stream and the sink queues the
 * rest until the reader asks again (`pull`).
 */
class ControllerSink extends StreamSink {
  controller!: ReadableStreamDefaultController<Uint8Array>;
  readonly onAbort = (): void => {
    this.end('client');
    this.endStream();
  };

  constructor(
    private readonly signal: AbortSignal,
    settings: StreamSettings,
  ) {
    super(settings, false);
  }

  protected send(chunk: Frame): boolean {
    try {
      this.controller.enqueue(toBytes(chunk));
    } catch {
      // The runtime closed the body without telling us (its cancel raced this write): the client
      // is gone. Ending here keeps the throw out of the channel's broadcast to everyone else.
      this.end('client');
      return true;
    }
    return (this.controller.desiredSize ?? 0) >= 0;
  }

  protected endStream(): void {
    try {
      this.controller.close();
    } catch {
      // Already closed or errored by the runtime (the reader cancelled): nothing left to end.
    }
  }

  protected destroyStream(reason: 'slow' | 'aborted'): void {
    this.controller.error(
      new Error(
        reason === 'slow'
          ? '[@kit/sse-server] Client dropped: it fell too far behind the stream.'
          : '[@kit/sse-server] Stream aborted by the server.',
      ),
    );
  }

  protected stopListening(): void {
    this.signal.removeEventListener('abort', this.onAbort);
  }
}

/**
 * The Web-standards twin of `createNodeStream`: a `Response` whose body is a `ReadableStream`, with
 * the same lifecycle (the shared sink core): the reader's pace is the back-pressure signal, a
 * client whose live backlog passes `maxQueueBytes` is dropped as slow, and the request's abort
 * signal or the body's cancellation end the stream and run the close listeners.
 * `coalesce` does not apply: a reader that falls behind already gets queued frames in one chunk.
 */
export function createFetchStream(request: Request, options: SSEStreamOptions = {}): FetchStream {
  const settings = streamSettings(options);
  const sink = new ControllerSink(request.signal, settings);
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        sink.controller = controller;
      },
      pull() {
        sink.flush();
      },
      cancel() {
        sink.end('client');
      },
    },
    { highWaterMark: 0, size: (chunk) => chunk.byteLength },
  );

  if (request.signal.aborted) queueMicrotask(sink.onAbort);
  else request.signal.addEventListener('abort', sink.onAbort, { once: true });

  const preamble = formatPreamble(settings);
  if (preamble !== '') sink.write(preamble);

  const response = new Response(body, { status: 200, headers: { ...SSE_HEADERS, ...options.headers } });
  return { response, sink };
}
