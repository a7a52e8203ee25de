import { request } from 'node:http';
import { connect as netConnect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postBytes, postJson, startServer } from './sse';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

/** Sends a chunked body (no Content-Length), so the limit must be enforced while reading. */
function postChunked(url: string, chunks: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('request bodies', () => {
  it('answers 413 to a chunked body that grows past 16 KiB', async () => {
    const started = await startServer();
    close = started.close;
    const res = await postChunked(`${started.base}/api/deploys`, ['{"service":"', 'x'.repeat(10_000), 'x'.repeat(10_000), '"}']);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toEqual({ error: 'Request body larger than 16384 bytes.' });
  });

  it('accepts a chunked body under the limit', async () => {
    const started = await startServer();
    close = started.close;
    const res = await postChunked(`${started.base}/api/deploys`, ['{"service":', '"search"}']);
    expect(res.status).toBe(202);
    expect(JSON.parse(res.body)).toMatchObject({ service: 'search', status: 'running' });
  });

  it('answers 400 to invalid JSON and to a bad service on /api/deploys', async () => {
    const started = await startServer();
    close = started.close;
    expect((await postJson(`${started.base}/api/deploys`, '{')).status).toBe(400);
    const bad = await postJson(`${started.base}/api/deploys`, { service: 'Not Valid!' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/service must be/);
  });

  const HUNDRED_MB = 100 * 1024 * 1024;

  it('answers a 100 MB body with 413 five times in a row, read by fetch every time (no EPIPE)', { timeout: 60_000 }, async () => {
    const started = await startServer();
    close = started.close;
    const body = Buffer.alloc(HUNDRED_MB, 0x20);
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const outcome = await fetch(`${started.base}/api/chaos`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }).then(
        async (res) => `${res.status} ${(await res.json()).error}`,
        (error: Error & { cause?: { code?: string } }) => `failed: ${error.cause?.code ?? error.message}`,
      );
      outcomes.push(outcome);
    }
    expect(outcomes).toEqual(Array(5).fill('413 Request body larger than 16384 bytes.'));
  });

  it('answers a chunked 100 MB body with 413 before the upload fails, and keeps serving', { timeout: 60_000 }, async () => {
    const started = await startServer();
    close = started.close;
    for (let i = 0; i < 3; i++) {
      const res = await postBytes(`${started.base}/api/deploys`, HUNDRED_MB, { chunked: true });
      expect({ status: res.status, uploadError: res.uploadError }).toEqual({ status: 413, uploadError: null });
    }
    expect((await (await fetch(`${started.base}/api/stats`)).json()).refusals.bodyTooLarge).toBe(3);
  });

  /** A client that keeps writing no matter what: shows what the server does when a body never stops. */
  function firehose(base: string, total: number): Promise<{ answer: string; error: string | null; written: number }> {
    const { port } = new URL(base);
    return new Promise((resolve) => {
      const socket = netConnect(Number(port), '127.0.0.1');
      let answer = '';
      let written = 0;
      let error: string | null = null;
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (answer += chunk));
      socket.on('error', (e: NodeJS.ErrnoException) => (error ??= e.code ?? e.message));
      socket.on('close', () => resolve({ answer, error, written }));
      socket.write(`POST /api/chaos HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${total}\r\n\r\n`);
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      const pump = () => {
        while (written < total && !socket.destroyed) {
          written += chunk.length;
          if (!socket.write(chunk)) return void socket.once('drain', pump);
        }
      };
      pump();
    });
  }

  it('stops discarding past maxDrainBytes: the answer is sent, then the connection is cut', async () => {
    const started = await startServer({ maxDrainBytes: 1024 * 1024 });
    close = started.close;
    const total = 256 * 1024 * 1024;
    const result = await firehose(started.base, total);
    expect(result.answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(result.written).toBeLessThan(total);
  });

  it('stops waiting for a body that stalls after drainTimeoutMs', async () => {
    const started = await startServer({ drainTimeoutMs: 50 });
    close = started.close;
    const { port } = new URL(started.base);
    const socket = netConnect(Number(port), '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    // Declares far more than it sends, then goes quiet.
    socket.write('POST /api/chaos HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{"a":');
    await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
  });
});
