import { afterEach, describe, expect, it } from 'vitest';
import { createNodeStream, formatEvent, type SSESink } from '../src/index';
import { connect, listen, waitFor } from './helpers';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('createNodeStream', () => {
  it('answers with the event-stream headers, a retry hint and well-formed events', async () => {
    const { base, close } = await listen((req, res) => {
      const sink = createNodeStream(req, res, { retry: 1500, headers: { 'X-Test': 'yes' } });
      sink.write(formatEvent({ event: 'greeting', id: '1', data: 'hello\nworld' }));
      sink.write(formatEvent({ data: { n: 2 } }));
    });
    cleanup = close;
    const client = await connect(`${base}/`);
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(client.headers['cache-control']).toBe('no-cache, no-transform');
    expect(client.headers.connection).toBe('keep-alive');
    expect(client.headers['x-accel-buffering']).toBe('no');
    expect(client.headers['x-test']).toBe('yes');
    await client.until((events) => events.length === 2);
    // The retry hint, then the advertised heartbeat period (docs/wire-contract.md §3).
    expect(client.raw().startsWith('retry: 1500\n\n: sse:heartbeat=15000\n\nevent: greeting\n')).toBe(true);
    expect(client.events()).toEqual([
      { event: 'greeting', id: '1', data: 'hello\nworld' },
      { event: 'message', id: undefined, data: '{"n":2}' },
    ]);
    client.close();
  });

  it('advertises the heartbeat only when heartbeats are on, right after the retry hint', async () => {
    const options = [{ retry: null, heartbeatMs: 2000 }, { heartbeatMs: 0 }, { retry: null, heartbeatMs: 0 }];
    const { base, close } = await listen((req, res) => {
      const sink = createNodeStream(req, res, options[Number(req.url?.slice(1))]);
      sink.write(formatEvent({ data: 'first' }));
    });
    cleanup = close;
    const raws: string[] = [];
    for (const index of [0, 1, 2]) {
      const client = await connect(`${base}/${index}`);
      await client.until((events) => events.length === 1);
      raws.push(client.raw());
      client.close();
    }
    expect(raws).toEqual([': sse:heartbeat=2000\n\ndata: first\n\n', 'retry: 3000\n\ndata: first\n\n', 'data: first\n\n']);
  });

  it('refuses a heartbeat period that is not a non-negative integer', async () => {
    const { base, close } = await listen((req, res) => {
      try {
        createNodeStream(req, res, { heartbeatMs: 1.5 });
      } catch (error) {
        res.writeHead(500).end((error as Error).message);
      }
    });
    cleanup = close;
    const response = await fetch(base);
    expect(await response.text()).toMatch(/^\[@kit\/sse-server\] heartbeatMs must be a non-negative integer/);
  });

  it('sends heartbeat comments at the configured interval', async () => {
    const { base, close } = await listen((req, res) => {
      createNodeStream(req, res, { heartbeatMs: 20 });
    });
    cleanup = close;
    const client = await connect(`${base}/`);
    await client.until((_events, raw) => raw.split(':\n\n').length - 1 >= 3);
    expect(client.events()).toEqual([]);
    client.close();
  });

  it('stops its heartbeat and runs close listeners when the client disconnects', async () => {
    let sink: SSESink | undefined;
    const reasons: string[] = [];
    const { base, close } = await listen((req, res) => {
      sink = createNodeStream(req, res, { heartbeatMs: 10 });
      sink.onClose((reason) => reasons.push(reason));
    });
    cleanup = close;
    const client = await connect(`${base}/`);
    client.close();
    await waitFor(() => sink?.closed === true);
    expect(reasons).toEqual(['client']);
    expect(sink?.write('data: late\n\n')).toBe(false);
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

  it('ends the response when the server closes the sink', async () => {
    const { base, close } = await listen((req, res) => {
      const sink = createNodeStream(req, res);
      sink.write(formatEvent({ data: 'bye' }));
      sink.close();
    });
    cleanup = close;
    const client = await connect(`${base}/`);
    await client.ended;
    expect(client.events().map((e) => e.data)).toEqual(['bye']);
  });

  it('holds every byte while paused and sends them in order on resume', async () => {
    let sink: SSESink | undefined;
    const { base, close } = await listen((req, res) => {
      sink = createNodeStream(req, res, { retry: null, heartbeatMs: 10 });
    });
    cleanup = close;
    const client = await connect(`${base}/`);
    await waitFor(() => sink !== undefined);
    sink?.pause();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const before = client.raw();
    sink?.write(formatEvent({ data: 'a' }));
    sink?.write(formatEvent({ data: 'b' }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Paused: neither the events nor the heartbeats due in 50 ms went out.
    expect(client.raw()).toBe(before);
    expect(sink?.queuedBytes).toBeGreaterThan(0);
    sink?.resume();
    await client.until((events) => events.length === 2);
    expect(client.events().map((e) => e.data)).toEqual(['a', 'b']);
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

  it('shares one heartbeat timer: the other clients keep their heartbeats when one leaves', async () => {
    const sinks: SSESink[] = [];
    const { base, close } = await listen((req, res) => {
      sinks.push(createNodeStream(req, res, { retry: null, heartbeatMs: 15 }));
    });
    cleanup = close;
    const first = await connect(`${base}/`);
    const second = await connect(`${base}/`);
    first.close();
    await waitFor(() => sinks[0]?.closeReason === 'client');
    const before = second.raw().split(':\n\n').length;
    await second.until((_events, raw) => raw.split(':\n\n').length >= before + 3);
    second.close();
  });
});
