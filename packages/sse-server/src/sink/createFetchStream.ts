import { toBytes, type Frame } from './frames';
import { SSE_HEADERS, type SSESink, type SSEStreamOptions } from './SSESink';
import type { SinkTransport } from './SinkTransport';
import { createStreamSink, type StreamSink } from './StreamSink';
import { formatPreamble, streamSettings } from './streamOptions';

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
class ControllerTransport implements SinkTransport {
  controller!: ReadableStreamDefaultController<Uint8Array>;
  sink: StreamSink | null = null;
  readonly onAbort = (): void => {
    this.sink?.end('client');
    this.end();
  };

  constructor(private readonly signal: AbortSignal) {}

  write(chunk: Frame): boolean {
    try {
      this.controller.enqueue(toBytes(chunk));
    } catch {
      // The runtime closed the body without telling us (its cancel raced this write): the client
      // is gone. Ending here keeps the throw out of the channel's broadcast to everyone else.
      this.sink?.end('client');
      return true;
    }
    return (this.controller.desiredSize ?? 0) >= 0;
  }

  end(): void {
    try {
      this.controller.close();
    } catch {
      // Already closed or errored by the runtime (the reader cancelled): nothing left to end.
    }
  }

  destroy(reason: 'slow' | 'aborted'): void {
    this.controller.error(
      new Error(
        reason === 'slow'
          ? '[@kit/sse-server] Client dropped: it fell too far behind the stream.'
          : '[@kit/sse-server] Stream aborted by the server.',
      ),
    );
  }

  release(): void {
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
  const transport = new ControllerTransport(request.signal);
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        transport.controller = controller;
      },
      pull() {
        transport.sink?.flush();
      },
      cancel() {
        transport.sink?.end('client');
      },
    },
    { highWaterMark: 0, size: (chunk) => chunk.byteLength },
  );
  const sink = createStreamSink(transport, settings, false);
  transport.sink = sink;

  if (request.signal.aborted) queueMicrotask(transport.onAbort);
  else request.signal.addEventListener('abort', transport.onAbort, { once: true });

  const preamble = formatPreamble(settings);
  if (preamble !== '') sink.write(preamble);

  const response = new Response(body, { status: 200, headers: { ...SSE_HEADERS, ...options.headers } });
  return { response, sink };
}
