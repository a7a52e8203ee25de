import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDevServer, type DevServerOptions } from '../src/server';

// The SSE test client (a raw node:http reader with `until` waits) is the server package's own:
// the dev server is tested with the same client, not a copy of it.
export { connect, parseEvents, waitFor, type ParsedEvent, type TestClient } from '../../../packages/sse-server/tests/helpers';

export async function startServer(options: DevServerOptions = {}) {
  const server = createDevServer({ generators: false, heartbeatMs: 60_000, ...options });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, base, close: () => server.shutdown() };
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Request body bytes the client handed to its socket before the exchange ended. */
  written: number;
  /** The error that cut the upload (EPIPE, ECONNRESET), if any: what a client sees when a server hangs up early. */
  uploadError: string | null;
}

/**
 * A POST through node:http that streams `bytes` of filler (in 1 MiB chunks, waiting for drain), so
 * a test can send a body far over the limit without holding it in memory. `chunked` leaves out
 * Content-Length. Resolves when the exchange is over (node:http stops uploading by itself once it
 * has read a complete `Connection: close` answer); rejects when no answer could be read at all.
 */
export function postBytes(
  url: string,
  bytes: number,
  { headers = {}, chunked = false, localAddress }: { headers?: Record<string, string>; chunked?: boolean; localAddress?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let uploadError: NodeJS.ErrnoException | null = null;
    let response: Omit<RawResponse, 'written' | 'uploadError'> | null = null;
    const req = request(
      url,
      {
        method: 'POST',
        ...(localAddress ? { localAddress } : {}),
        headers: { 'Content-Type': 'application/json', ...(chunked ? {} : { 'Content-Length': String(bytes) }), ...headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => (response = { status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', (error: NodeJS.ErrnoException) => (uploadError ??= error));
    req.on('close', () => {
      if (response) resolve({ ...response, written, uploadError: uploadError ? (uploadError.code ?? uploadError.message) : null });
      else reject(uploadError ?? new Error('the connection closed without an answer'));
    });
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const pump = () => {
      while (written < bytes && !req.destroyed && !req.socket?.writableEnded) {
        const size = Math.min(chunk.length, bytes - written);
        written += size;
        if (!req.write(size === chunk.length ? chunk : chunk.subarray(0, size))) return void req.once('drain', pump);
      }
      if (written >= bytes) req.end();
    };
    pump();
  });
}
