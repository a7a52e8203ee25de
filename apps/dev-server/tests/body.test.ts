import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { postJson, startServer } from './sse';

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
});
