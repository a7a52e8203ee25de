import type { IncomingMessage, ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413; error: string };

/**
 * Reads a JSON body of at most `limit` bytes. An empty body reads as `undefined`. The limit is
 * checked against Content-Length first and then while reading, since chunked bodies have none.
 * On a 413 the rest of the body is left unread: answer it with `sendRefusal`, which discards it.
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const tooLarge: BodyResult = { ok: false, status: 413, error: `Request body larger than ${limit} bytes.` };
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.resolve(tooLarge);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult) => {
      req.off('data', onData).off('end', onEnd).off('error', onError);
      resolve(result);
    };
    function onData(chunk: Buffer): void {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.pause();
      finish(tooLarge);
    }
    function onEnd(): void {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return finish({ ok: true, value: undefined });
      try {
        finish({ ok: true, value: JSON.parse(text) as unknown });
      } catch {
        finish({ ok: false, status: 400, error: 'The request body is not valid JSON.' });
      }
    }
    function onError(): void {
      finish({ ok: false, status: 400, error: 'The request body could not be read.' });
    }
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** How much of a refused request body the server reads and throws away before it hangs up. */
export interface DrainLimits {
  maxDrainBytes: number;
  drainTimeoutMs: number;
}

/**
 * Answers a request whose body will not be used (refused before or while reading it). Hanging up
 * with the body half-sent makes the client's next write fail (EPIPE, ECONNRESET), often before it
 * reads the answer; so the whole answer is written at once (with its Content-Length, so a client
 * that reads early has it all), the rest of the body is read and discarded, and the response ends
 * and the connection closes when the body has ended. Discarding is bounded: past `maxDrainBytes`
 * or `drainTimeoutMs` the connection is cut, since a client sending that much is not listening.
 */
export function sendRefusal(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  limits: DrainLimits,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': String(Buffer.byteLength(payload)),
    Connection: 'close',
    ...headers,
  });
  res.write(payload);
  if (req.readableEnded) return void res.end();

  let discarded = 0;
  const timer = setTimeout(cut, limits.drainTimeoutMs);
  timer.unref();
  const onData = (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limits.maxDrainBytes) cut();
  };
  const done = () => {
    clearTimeout(timer);
    req.off('data', onData).off('end', done);
    res.off('close', done);
  };
  req.on('data', onData).once('end', () => {
    done();
    res.end();
  });
  res.once('close', done);
  req.resume();

  function cut(): void {
    done();
    res.end(() => req.socket.destroy());
  }
}

/**
 * Reads a JSON body; on failure answers it (400 or 413, draining what is left), counts a 413 in
 * `refusals` and returns null.
 */
export async function readBodyOrRefuse(
  req: IncomingMessage,
  res: ServerResponse,
  limits: DrainLimits & { maxBodyBytes: number },
  refusals: { bodyTooLarge: number },
): Promise<{ value: unknown } | null> {
  const body = await readJsonBody(req, limits.maxBodyBytes);
  if (body.ok) return body;
  if (body.status === 413) refusals.bodyTooLarge++;
  sendRefusal(req, res, body.status, { error: body.error }, limits);
  return null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
