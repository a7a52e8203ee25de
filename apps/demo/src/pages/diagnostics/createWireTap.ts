// A `fetch` for the kit's fetch transport (`environment.fetch`) that passes every byte through
// unchanged and notes what the connection's public API does not show: when each attempt's headers
// and first byte arrived, and the comment lines (heartbeats) in the stream.

/** One HTTP attempt as the tap saw it. Times are `now()` ms. */
export interface WireAttempt {
  readonly id: number;
  readonly startedAt: number;
  /** Response headers received; null while waiting or if the request failed first. */
  headersAt: number | null;
  /** First body byte (for the kit's server, the `retry:` hint). */
  firstByteAt: number | null;
  httpStatus: number | null;
  /** Arrival times of comment lines other than the heartbeat advertisement. */
  readonly heartbeats: number[];
  /** The period this attempt's response advertised (`: sse:heartbeat=<ms>`), if it did. */
  advertisedHeartbeatMs: number | null;
  bytes: number;
  endedAt: number | null;
  /** How the attempt ended: `end` (the server closed), or the error's name/message. */
  ending: string | null;
}

export interface WireTap {
  readonly fetch: typeof fetch;
  /** The most recent attempts, oldest first. */
  attempts(): readonly WireAttempt[];
}

export interface WireTapOptions {
  fetch?: typeof fetch;
  now?: () => number;
  /** Attempts kept. Default 20. */
  keep?: number;
}

const ADVERTISEMENT = /^: ?sse:heartbeat=(\d+)$/;
// Comment lines are short; a longer one is kept only this far (enough to read an advertisement).
const MAX_COMMENT_CHARS = 200;

/** Finds comment lines in a byte stream split anywhere (mid-line, between CR and LF, mid-UTF-8). */
function createCommentScanner(onComment: (line: string) => void): (chunk: Uint8Array) => void {
  const decoder = new TextDecoder();
  let line: string | null = ''; // the current line's text if it may be a comment, else null
  let atLineStart = true;
  let skipLF = false; // the previous chunk ended on CR: a leading LF belongs to that line end
  return (chunk) => {
    const text = decoder.decode(chunk, { stream: true });
    for (let index = 0; index < text.length; index++) {
      const char = text[index];
      if (skipLF) {
        skipLF = false;
        if (char === '\n') continue;
      }
      if (char === '\r' || char === '\n') {
        if (line !== null && line.startsWith(':')) onComment(line);
        line = '';
        atLineStart = true;
        skipLF = char === '\r';
        continue;
      }
      if (atLineStart) {
        atLineStart = false;
        if (char !== ':') line = null;
      }
      if (line !== null && line.length < MAX_COMMENT_CHARS) line += char;
    }
  };
}

export function createWireTap({ fetch: realFetch = globalThis.fetch.bind(globalThis), now = Date.now, keep = 20 }: WireTapOptions = {}): WireTap {
  const attempts: WireAttempt[] = [];
  let nextId = 0;

  async function tappedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const attempt: WireAttempt = {
      id: ++nextId,
      startedAt: now(),
      headersAt: null,
      firstByteAt: null,
      httpStatus: null,
      heartbeats: [],
      advertisedHeartbeatMs: null,
      bytes: 0,
      endedAt: null,
      ending: null,
    };
    attempts.push(attempt);
    if (attempts.length > keep) attempts.shift();
    const end = (ending: string) => {
      if (attempt.endedAt !== null) return;
      attempt.endedAt = now();
      attempt.ending = ending;
    };
    let response: Response;
    try {
      response = await realFetch(input, init);
    } catch (error) {
      end(error instanceof Error ? error.name : String(error));
      throw error;
    }
    attempt.headersAt = now();
    attempt.httpStatus = response.status;
    if (!response.body) {
      end('end');
      return response;
    }
    const scan = createCommentScanner((line) => {
      const advertised = ADVERTISEMENT.exec(line);
      if (advertised) attempt.advertisedHeartbeatMs = Number(advertised[1]);
      else attempt.heartbeats.push(now());
    });
    // Pulled chunk by chunk, so the tap also sees how the body ends: done, an error, or a cancel.
    const reader = response.body.getReader();
    const observed = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            end('end');
            controller.close();
            return;
          }
          attempt.firstByteAt ??= now();
          attempt.bytes += value.byteLength;
          scan(value);
          controller.enqueue(value);
        } catch (error) {
          end(error instanceof Error ? error.name : String(error));
          controller.error(error);
        }
      },
      cancel(reason) {
        end('cancelled by the kit');
        return reader.cancel(reason);
      },
    });
    // The transport reads status, headers and body only; a new Response with the same three is
    // what it would have got.
    const tapped = new Response(observed, { status: response.status, statusText: response.statusText, headers: response.headers });
    init?.signal?.addEventListener('abort', () => end('aborted by the kit'), { once: true });
    return tapped;
  }

  return {
    fetch: tappedFetch as typeof fetch,
    attempts: () => attempts,
  };
}
