import type { IncomingMessage, ServerResponse } from 'node:http';

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

export type BodyResult = { ok: true; value: unknown } | { ok: false; status: 400 | 413; error: string };

/**
 * Reads a JSON body of at most `limit` bytes. An empty body reads as `undefined`. The limit is
 * checked against Content-Length first and then while reading, since chunked bodies have none.
 */
export function readJsonBody(req: IncomingMessage, limit: number): Promise<BodyResult> {
  const tooLarge: BodyResult = { ok: false, status: 413, error: `Request body larger than ${limit} bytes.` };
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return Promise.resolve(tooLarge);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.pause();
        resolve(tooLarge);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > limit) return;
      const text = Buffer.concat(chunks).toString('utf8');
      if (text.trim() === '') return resolve({ ok: true, value: undefined });
      try {
        resolve({ ok: true, value: JSON.parse(text) as unknown });
      } catch {
        resolve({ ok: false, status: 400, error: 'The request body is not valid JSON.' });
      }
    });
    req.on('error', () => resolve({ ok: false, status: 400, error: 'The request body could not be read.' }));
  });
}

/** Answers a body error; a 413 also closes the connection, since the rest of the body is unread. */
export function sendBodyError(res: ServerResponse, result: Extract<BodyResult, { ok: false }>): void {
  sendJson(res, result.status, { error: result.error }, result.status === 413 ? { Connection: 'close' } : {});
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
