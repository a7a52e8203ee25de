import { afterEach, describe, expect, it } from 'vitest';
import { createNodeStream, formatEvent, type SSESink } from '../src/index';
import { connect, listen, waitFor } from './helpers';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('createNodeStream', () => {
  it('adds Connection: keep-alive on HTTP/1.1', async () => {
    const { base, close } = await listen((req, res) => {
      createNodeStream(req, res).write(formatEvent({ data: 'hello' }));
    });
    cleanup = close;
    const client = await connect(`${base}/`);
    expect(client.headers.connection).toBe('keep-alive');
    await client.until((events) => events.length === 1);
    client.close();
  });

  it('keeps streaming on a POST whose body is read after the stream started', async () => {
    let sink: SSESink | undefined;
    const { base, close } = await listen((req, res) => {
      sink = createNodeStream(req, res, { retry: null, heartbeatMs: 0 });
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      // The request's 'close' fires here, once the body is read: the stream must not end with it.
      req.on('end', () => setTimeout(() => sink?.write(formatEvent({ event: 'echo', data: body })), 20));
    });
    cleanup = close;
    const res = await fetch(`${base}/`, { method: 'POST', body: 'hello' });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe('event: echo\ndata: hello\n\n');
    expect(sink?.closed).toBe(false);
    await reader.cancel();
    await waitFor(() => sink?.closed === true);
    expect(sink?.closeReason).toBe('client');
  });

  it('sends a burst that fills a chunk at once instead of holding it for the flush', async () => {
    let sink: SSESink | undefined;
    const { base, close } = await listen((req, res) => {
      sink = createNodeStream(req, res, { retry: null, heartbeatMs: 0, flushIntervalMs: 60_000 });
      for (let n = 0; n < 10; n++) sink.write(formatEvent({ data: 'x'.repeat(16 * 1024) }));
    });
    cleanup = close;
    const client = await connect(`${base}/`);
    // A 60 s flush interval: whatever arrives now was not held for it.
    await client.until((events) => events.length >= 8);
    expect(sink?.queuedBytes).toBeLessThan(64 * 1024);
    client.close();
  });

  it('coalesces frames written in a burst and sends held-back frames before close()', async () => {
    const { base, close } = await listen((req, res) => {
      const sink = createNodeStream(req, res, { retry: null, heartbeatMs: 0, flushIntervalMs: 50 });
      // The first goes out at once; the next two wait for the flush and share one write.
      for (const data of ['a', 'b', 'c']) sink.write(formatEvent({ data }));
      expect(sink.queuedBytes).toBeGreaterThan(0);
      setTimeout(() => {
        sink.write(formatEvent({ data: 'd' }));
        sink.write(formatEvent({ data: 'e' }));
        sink.close();
      }, 100);
    });
    cleanup = close;
    const client = await connect(`${base}/`);
    await client.until((events) => events.length === 3);
    await client.ended;
    expect(client.events().map((e) => e.data)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

});
