import { connect as netConnect } from 'node:net';
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

  it('hands a burst that fills a chunk over at once instead of holding it for its write round', async () => {
    const frame = formatEvent({ data: 'x'.repeat(16 * 1024) });
    let queuedAfterBurst = -1;
    const { base, close } = await listen((req, res) => {
      const sink = createNodeStream(req, res, { retry: null, heartbeatMs: 0 });
      for (let n = 0; n < 10; n++) sink.write(frame);
      queuedAfterBurst = sink.queuedBytes;
    });
    cleanup = close;
    const client = await connect(`${base}/`);
    await client.until((events) => events.length === 10);
    // The fourth frame filled a 64 KiB chunk and left synchronously (and with it the three before).
    expect(queuedAfterBurst).toBeGreaterThan(0);
    expect(queuedAfterBurst).toBeLessThanOrEqual(6 * Buffer.byteLength(frame));
    client.close();
  });

  it('coalesces the frames of one turn into the next write round, with no timer, and sends them before close()', async () => {
    const written: number[] = [];
    const { base, close } = await listen((req, res) => {
      const sink = createNodeStream(req, res, { retry: null, heartbeatMs: 0 });
      for (const data of ['a', 'b', 'c']) sink.write(formatEvent({ data }));
      written.push(sink.queuedBytes);
      // One turn later the round has written all three.
      setImmediate(() => {
        written.push(sink.queuedBytes);
        sink.write(formatEvent({ data: 'd' }));
        sink.write(formatEvent({ data: 'e' }));
        sink.close();
      });
    });
    cleanup = close;
    const client = await connect(`${base}/`);
    await client.ended;
    expect(written).toEqual([3 * formatEvent({ data: 'a' }).length, 0]);
    expect(client.events().map((e) => e.data)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('writes every frame at once with coalesce: false', async () => {
    const queued: number[] = [];
    const { base, close } = await listen((req, res) => {
      const sink = createNodeStream(req, res, { retry: null, heartbeatMs: 0, coalesce: false });
      sink.write(formatEvent({ data: 'now' }));
      queued.push(sink.queuedBytes);
    });
    cleanup = close;
    const client = await connect(`${base}/`);
    await client.until((events) => events.length === 1);
    expect(queued).toEqual([0]);
    client.close();
  });

  it('puts each chunk on the wire in HTTP/1.1 chunked framing, one chunk per write', async () => {
    const { base, close } = await listen((req, res) => {
      const sink = createNodeStream(req, res, { retry: null, heartbeatMs: 0, coalesce: false });
      sink.write(formatEvent({ data: 'hello' }));
      sink.write('');
      sink.write(new TextEncoder().encode(formatEvent({ data: 'é' })));
      sink.close();
    });
    cleanup = close;
    const wire = await rawResponse(base);
    const body = wire.slice(wire.indexOf('\r\n\r\n') + 4);
    // 'data: é\n\n' is 10 bytes (é is 2): sizes count bytes. The empty frame wrote nothing.
    expect(body).toBe('d\r\ndata: hello\n\n\r\na\r\ndata: \u00c3\u00a9\n\n\r\n0\r\n\r\n');
  });

  it('frames a buffer reused in a later turn afresh (the framing cache lasts one turn)', async () => {
    const { base, close } = await listen((req, res) => {
      const sink = createNodeStream(req, res, { retry: null, heartbeatMs: 0, coalesce: false });
      const buffer = new TextEncoder().encode(formatEvent({ data: 'a' }));
      sink.write(buffer);
      setImmediate(() => {
        buffer.set(new TextEncoder().encode(formatEvent({ data: 'b' })));
        sink.write(buffer);
        sink.close();
      });
    });
    cleanup = close;
    const client = await connect(`${base}/`);
    await client.ended;
    expect(client.events().map((e) => e.data)).toEqual(['a', 'b']);
  });

  it('writes through res.write when something wrapped it (compression middleware, say)', async () => {
    const seen: string[] = [];
    const { base, close } = await listen((req, res) => {
      const original = res.write;
      res.write = function (this: typeof res, chunk: unknown, ...rest: unknown[]) {
        seen.push(Buffer.from(chunk as Uint8Array).toString());
        return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
      } as typeof res.write;
      const sink = createNodeStream(req, res, { retry: null, heartbeatMs: 0 });
      sink.write(formatEvent({ data: 'one' }));
      sink.write(formatEvent({ data: 'two' }));
    });
    cleanup = close;
    const client = await connect(`${base}/`);
    await client.until((events) => events.length === 2);
    expect(seen.join('')).toBe('data: one\n\ndata: two\n\n');
    client.close();
  });
});

/** The raw bytes of a response that ends, as latin1, read off a plain socket. */
function rawResponse(base: string): Promise<string> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = netConnect(Number(port), '127.0.0.1');
    let wire = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      wire += chunk;
      if (wire.endsWith('0\r\n\r\n')) {
        socket.destroy();
        resolve(wire);
      }
    });
    socket.on('error', reject);
    socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n');
  });
}
