import { FetchEventSource, SSEError, SSEErrorEvent } from '@kit/sse-react/core';
import type {
  EventSourceConstructor,
  EventSourceLike,
  FetchEventSourceConstructor,
  FetchEventSourceInit,
} from '@kit/sse-react/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, collect, EVENT_STREAM, next, nextError, open, serve, stream, tick, waitFor } from './FetchEventSource.testServer';

afterEach(cleanup);

describe('FetchEventSource: EventSource interface', () => {
  it('has the readyState constants statically and on instances', () => {
    expect([FetchEventSource.CONNECTING, FetchEventSource.OPEN, FetchEventSource.CLOSED]).toEqual([0, 1, 2]);
    const source = open('http://127.0.0.1:9/never', { fetch: () => new Promise<Response>(() => undefined) });
    expect([source.CONNECTING, source.OPEN, source.CLOSED]).toEqual([0, 1, 2]);
    expect(source).toBeInstanceOf(EventTarget);
  });

  it('fits the EventSourceLike contract the connection store uses', async () => {
    const server = await serve((res) => stream(res, 'event: tick\ndata: typed\n\n'));
    // Compile-time: a FetchEventSource can stand wherever a native EventSource constructor goes.
    const Constructor: EventSourceConstructor = FetchEventSource;
    const FetchConstructor: FetchEventSourceConstructor = FetchEventSource;
    expect(FetchConstructor).toBe(Constructor);
    const source: EventSourceLike = new Constructor(server.url, { withCredentials: false });
    const received = new Promise<string>((resolve) => source.addEventListener('tick', (event) => resolve(event.data)));
    expect(await received).toBe('typed');
    source.close();
    expect(source.readyState).toBe(FetchEventSource.CLOSED);
  });

  it('starts CONNECTING, fires open, then message events with data, lastEventId, origin and target', async () => {
    const server = await serve((res) => stream(res, 'id: 42\ndata: hello\ndata: world\n\n'));
    const source = open(server.url);
    expect(source.readyState).toBe(FetchEventSource.CONNECTING);
    expect(source.url).toBe(server.url);
    expect(source.withCredentials).toBe(false);
    const opened = next<Event>(source, 'open');
    const message = next(source, 'message');
    const onopen = vi.fn();
    source.onopen = onopen;
    await opened;
    expect(onopen).toHaveBeenCalledOnce();
    const event = await message;
    expect(source.readyState).toBe(FetchEventSource.OPEN);
    expect(event).toBeInstanceOf(MessageEvent);
    expect(event.data).toBe('hello\nworld');
    expect(event.lastEventId).toBe('42');
    expect(event.origin).toBe(server.origin);
    expect(event.target).toBe(source);
    expect(source.lastEventId).toBe('42');
  });

  it('delivers named events to their listeners and only message events to onmessage', async () => {
    const server = await serve((res) => stream(res, 'event: tick\ndata: 1\n\ndata: 2\n\nevent: tock\ndata: 3\n\n'));
    const source = open(server.url);
    const ticks = collect(source, 'tick');
    const onmessage = vi.fn();
    source.onmessage = onmessage;
    await next(source, 'tock');
    expect(ticks).toEqual(['1']);
    expect(onmessage).toHaveBeenCalledOnce();
    expect((onmessage.mock.calls[0]?.[0] as MessageEvent<string>).data).toBe('2');
  });

  it('replaces a handler property, and null removes it', async () => {
    const server = await serve((res) => stream(res, 'data: 1\n\ndata: 2\n\ndata: 3\n\n'));
    const source = open(server.url);
    const first = vi.fn();
    const second = vi.fn();
    source.onmessage = first;
    source.onmessage = second;
    expect(source.onmessage).toBe(second);
    source.onmessage = null;
    expect(source.onmessage).toBeNull();
    const all = collect(source);
    await waitFor(() => expect(all).toEqual(['1', '2', '3']));
    expect(first).not.toHaveBeenCalled();
    expect(second).not.toHaveBeenCalled();
  });

  it('accepts a URL object and resolves it to an absolute string', async () => {
    const server = await serve((res) => stream(res));
    const source = open(new URL('/stream?x=1', server.origin));
    expect(source.url).toBe(`${server.origin}/stream?x=1`);
    await next<Event>(source, 'open');
    expect(server.requests[0]?.path).toBe('/stream?x=1');
  });

  it('resolves a relative URL against the document base URL in a browser', async () => {
    const server = await serve((res) => stream(res));
    vi.stubGlobal('document', { baseURI: `${server.origin}/app/page` });
    try {
      const source = open('events?room=1');
      expect(source.url).toBe(`${server.origin}/app/events?room=1`);
      await next<Event>(source, 'open');
      expect(server.requests[0]?.path).toBe('/app/events?room=1');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('throws a SyntaxError for a relative URL when there is no document', () => {
    expect(() => new FetchEventSource('/stream')).toThrow(expect.objectContaining({ name: 'SyntaxError' }));
  });

  it('throws a clear TypeError when there is no fetch to use', () => {
    vi.stubGlobal('fetch', undefined);
    try {
      expect(() => new FetchEventSource('http://127.0.0.1:9/stream')).toThrow(/\[@kit\/sse-react\] FetchEventSource needs fetch/);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('sends Accept: text/event-stream, a no-cache request and no Last-Event-ID on the first request', async () => {
    const server = await serve((res) => stream(res));
    const source = open(server.url);
    await next<Event>(source, 'open');
    const headers = server.requests[0]?.headers;
    expect(server.requests[0]?.method).toBe('GET');
    expect(headers?.accept).toBe('text/event-stream');
    expect(headers?.['cache-control']).toBe('no-cache');
    expect(headers?.['last-event-id']).toBeUndefined();
  });

  it('passes cache no-store, credentials and the abort signal to a custom fetch', async () => {
    const server = await serve((res) => stream(res));
    const calls: RequestInit[] = [];
    const spy: typeof fetch = (input, init) => {
      calls.push(init ?? {});
      return fetch(input, init);
    };
    const plain = open(server.url, { fetch: spy });
    const credentialed = open(server.url, { fetch: spy, withCredentials: true });
    const custom = open(server.url, { fetch: spy, credentials: 'omit' });
    await Promise.all([plain, credentialed, custom].map((source) => next<Event>(source, 'open')));
    expect(credentialed.withCredentials).toBe(true);
    expect(calls.map((init) => init.credentials)).toEqual(['same-origin', 'include', 'omit']);
    expect(calls.every((init) => init.cache === 'no-store' && init.signal instanceof AbortSignal)).toBe(true);
  });
});

describe('FetchEventSource: failing the connection', () => {
  for (const status of [204, 401, 404, 500]) {
    it(`fails on ${status}: CLOSED, an http error event, no reconnect`, async () => {
      const server = await serve((res) => {
        res.writeHead(status, EVENT_STREAM);
        res.end(status === 204 ? undefined : 'retry: 10\ndata: not for you\n\n');
      });
      const source = open(server.url);
      const onmessage = vi.fn();
      source.onmessage = onmessage;
      const errorEvent = await nextError(source);
      expect(source.readyState).toBe(FetchEventSource.CLOSED);
      expect(errorEvent).toBeInstanceOf(SSEErrorEvent);
      expect(errorEvent.error).toBeInstanceOf(SSEError);
      expect(errorEvent.error.kind).toBe('http');
      expect(errorEvent.error.status).toBe(status);
      expect(errorEvent.error.retryAfterMs).toBeUndefined();
      expect(errorEvent.error.message).toMatch(/^\[@kit\/sse-react\] .*answered \d{3}/);
      await tick();
      expect(server.requests).toHaveLength(1);
      expect(onmessage).not.toHaveBeenCalled();
    });
  }

  it('reads Retry-After in seconds on a 503', async () => {
    const server = await serve((res) => {
      res.writeHead(503, { 'retry-after': '120' });
      res.end();
    });
    const errorEvent = await nextError(open(server.url));
    expect(errorEvent.error).toMatchObject({ kind: 'http', status: 503, retryAfterMs: 120_000 });
  });

  it('reads Retry-After as an HTTP-date', async () => {
    const server = await serve((res) => {
      res.writeHead(429, { 'retry-after': new Date(Date.now() + 60_000).toUTCString() });
      res.end();
    });
    const errorEvent = await nextError(open(server.url));
    expect(errorEvent.error.status).toBe(429);
    // toUTCString drops the milliseconds, and the request took a moment.
    expect(errorEvent.error.retryAfterMs).toBeGreaterThan(55_000);
    expect(errorEvent.error.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it('ignores a malformed Retry-After', async () => {
    const server = await serve((res) => {
      res.writeHead(503, { 'retry-after': 'soon' });
      res.end();
    });
    expect((await nextError(open(server.url))).error.retryAfterMs).toBeUndefined();
  });

  it('fails on a 200 with an HTML page: content-type error, CLOSED, no reconnect', async () => {
    const server = await serve((res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><p>data: no</p>\n\n');
    });
    const source = open(server.url);
    const errorEvent = await nextError(source);
    expect(source.readyState).toBe(FetchEventSource.CLOSED);
    expect(errorEvent.error.kind).toBe('content-type');
    expect(errorEvent.error.message).toContain('text/html');
    await tick();
    expect(server.requests).toHaveLength(1);
  });

  it('fails on a 200 without a Content-Type', async () => {
    const server = await serve((res) => {
      res.removeHeader('content-type');
      res.writeHead(200);
      res.end('data: a\n\n');
    });
    const source = open(server.url);
    expect((await nextError(source)).error.kind).toBe('content-type');
    expect(source.readyState).toBe(FetchEventSource.CLOSED);
  });

  for (const contentType of ['text/event-stream-foo', 'application/json', 'text/plain', 'event-stream']) {
    it(`fails on Content-Type ${contentType}`, async () => {
      const server = await serve((res) => {
        res.writeHead(200, { 'content-type': contentType });
        res.end();
      });
      expect((await nextError(open(server.url))).error.kind).toBe('content-type');
    });
  }

  for (const contentType of ['Text/Event-Stream', 'text/event-stream; charset=utf-8', 'TEXT/EVENT-STREAM ;charset="x"', 'text/event-stream;']) {
    it(`accepts Content-Type ${contentType} (essence compared, case and parameters ignored)`, async () => {
      const server = await serve((res) => {
        res.writeHead(200, { 'content-type': contentType });
        res.write('data: ok\n\n');
      });
      expect((await next(open(server.url), 'message')).data).toBe('ok');
    });
  }
});

describe('FetchEventSource: reconnecting', () => {
  it('reconnects after the end of the stream with Last-Event-ID, in CONNECTING, after the retry: time', async () => {
    const server = await serve((res, _request, index) => {
      res.writeHead(200, EVENT_STREAM);
      res.end(index === 0 ? 'retry: 10\nid: 1\ndata: first\n\n' : `data: again\n\n`);
    });
    const source = open(server.url);
    const data = collect(source);
    const states: number[] = [];
    const kinds: string[] = [];
    source.onerror = (event) => {
      states.push(source.readyState);
      kinds.push((event as SSEErrorEvent).error.kind);
    };
    await waitFor(() => expect(data).toEqual(['first', 'again']));
    expect(states[0]).toBe(FetchEventSource.CONNECTING);
    expect(kinds[0]).toBe('network');
    expect(source.reconnectionTime).toBe(10);
    expect(server.requests[0]?.headers['last-event-id']).toBeUndefined();
    expect(server.requests[1]?.headers['last-event-id']).toBe('1');
  });

  it('keeps the last event id across reconnects and events without id', async () => {
    const server = await serve((res, _request, index) => {
      res.writeHead(200, EVENT_STREAM);
      res.end(index === 0 ? 'retry: 5\nid: a\ndata: 1\n\n' : 'data: 2\n\n\n');
    });
    const source = open(server.url);
    await waitFor(() => expect(server.requests.length).toBeGreaterThanOrEqual(3));
    source.close();
    expect(server.requests.slice(1, 3).map((request) => request.headers['last-event-id'])).toEqual(['a', 'a']);
  });

  it('does not commit the id of a block the stream ended in', async () => {
    const server = await serve((res, _request, index) => {
      res.writeHead(200, EVENT_STREAM);
      res.end(index === 0 ? 'retry: 5\nid: 1\ndata: a\n\nid: 2\ndata: cut off' : '');
    });
    const source = open(server.url);
    await waitFor(() => expect(server.requests.length).toBeGreaterThanOrEqual(2));
    source.close();
    expect(server.requests[1]?.headers['last-event-id']).toBe('1');
  });

  it('sends a non-ASCII Last-Event-ID as UTF-8 bytes', async () => {
    const id = 'é-日本-😀';
    let received: string | undefined;
    const server = await serve((res, request, index) => {
      res.writeHead(200, EVENT_STREAM);
      const header = request.headers['last-event-id'];
      // node:http hands header bytes over as latin1; undo that to get the bytes the client sent.
      if (typeof header === 'string') received = Buffer.from(header, 'latin1').toString('utf8');
      res.end(index === 0 ? `retry: 5\nid: ${id}\ndata: x\n\n` : '');
    });
    const source = open(server.url);
    const first = await next(source, 'message');
    expect(first.lastEventId).toBe(id);
    await waitFor(() => expect(received).toBe(id));
    expect(source.lastEventId).toBe(id);
  });

  it('sends the lastEventId option on the very first request', async () => {
    const server = await serve((res) => stream(res, 'data: x\n\n'));
    const source = open(server.url, { lastEventId: 'resume-9' });
    expect(source.lastEventId).toBe('resume-9');
    const message = await next(source, 'message');
    expect(server.requests[0]?.headers['last-event-id']).toBe('resume-9');
    expect(message.lastEventId).toBe('resume-9');
  });

  it('defaults the reconnection time to 3000 ms and updates it from retry:', async () => {
    const server = await serve((res) => stream(res, 'retry: 1234\n\n: after\n\n'));
    const activity = vi.fn();
    const source = open(server.url, { onActivity: activity });
    expect(source.reconnectionTime).toBe(3000);
    await waitFor(() => expect(source.reconnectionTime).toBe(1234));
  });

  it('reconnects after the connection breaks off mid-event', async () => {
    const server = await serve((res, _request, index) => {
      stream(res, index === 0 ? 'retry: 5\ndata: partial' : 'data: whole\n\n');
      if (index === 0) setTimeout(() => res.destroy(), 10);
    });
    const source = open(server.url);
    const data = collect(source);
    const errorEvent = await nextError(source);
    expect(errorEvent.error.kind).toBe('network');
    await waitFor(() => expect(data).toEqual(['whole']));
  });

  it('reports a refused connection as a network error and keeps trying', async () => {
    const dead = await serve(() => undefined);
    await dead.close();
    const onerror = vi.fn();
    const source = open(dead.url);
    source.onerror = onerror;
    const errorEvent = await nextError(source);
    expect(errorEvent.error.kind).toBe('network');
    expect(errorEvent.error.message).toContain(dead.url);
    expect(source.readyState).toBe(FetchEventSource.CONNECTING);
  });

  it('reports a redirect loop as a network error', async () => {
    const server = await serve((res) => {
      res.writeHead(302, { location: '/stream' });
      res.end();
    });
    const source = open(server.url, { reconnect: false });
    const errorEvent = await nextError(source);
    expect(errorEvent.error.kind).toBe('network');
    expect(source.readyState).toBe(FetchEventSource.CLOSED);
    expect(server.requests.length).toBeGreaterThan(2);
  });

  it('with reconnect: false, goes to CLOSED at the end of the stream instead of reconnecting', async () => {
    const server = await serve((res) => {
      res.writeHead(200, EVENT_STREAM);
      res.end('retry: 5\ndata: only\n\n');
    });
    const source = open(server.url, { reconnect: false });
    const data = collect(source);
    const errorEvent = await nextError(source);
    expect(errorEvent.error.kind).toBe('network');
    expect(source.readyState).toBe(FetchEventSource.CLOSED);
    expect(data).toEqual(['only']);
    await tick();
    expect(server.requests).toHaveLength(1);
  });

  it('with reconnect: false, goes to CLOSED on a refused connection', async () => {
    const dead = await serve(() => undefined);
    await dead.close();
    const source = open(dead.url, { reconnect: false });
    expect((await nextError(source)).error.kind).toBe('network');
    expect(source.readyState).toBe(FetchEventSource.CLOSED);
  });
});

describe('FetchEventSource: close', () => {
  it('stops reconnecting when close() is called from the error handler', async () => {
    const server = await serve((res) => {
      res.writeHead(200, EVENT_STREAM);
      res.end('retry: 1\ndata: x\n\n');
    });
    const source = open(server.url);
    source.onerror = () => source.close();
    await nextError(source);
    expect(source.readyState).toBe(FetchEventSource.CLOSED);
    await tick();
    expect(server.requests).toHaveLength(1);
  });

  it('aborts an open stream and makes no further request', async () => {
    const server = await serve((res) => stream(res, 'retry: 1\ndata: x\n\n'));
    const source = open(server.url);
    const onerror = vi.fn();
    source.onerror = onerror;
    await next(source, 'message');
    source.close();
    expect(source.readyState).toBe(FetchEventSource.CLOSED);
    await waitFor(() => expect(server.requests[0]?.aborted).toBe(true));
    await tick();
    expect(server.requests).toHaveLength(1);
    expect(onerror).not.toHaveBeenCalled();
  });

  it('aborts a request the server never answers, without events', async () => {
    const server = await serve(() => undefined);
    const source = open(server.url);
    const listener = vi.fn();
    for (const type of ['open', 'message', 'error']) source.addEventListener(type, listener);
    await waitFor(() => expect(server.requests).toHaveLength(1));
    source.close();
    await waitFor(() => expect(server.requests[0]?.aborted).toBe(true));
    expect(source.readyState).toBe(FetchEventSource.CLOSED);
    expect(listener).not.toHaveBeenCalled();
  });

  it('stops in the middle of a chunk when a message handler closes the source', async () => {
    const server = await serve((res) => stream(res, 'data: 1\n\ndata: 2\n\n'));
    const source = open(server.url);
    const data: string[] = [];
    source.onmessage = (event) => {
      data.push(event.data);
      source.close();
    };
    await waitFor(() => expect(data).toEqual(['1']));
    await tick();
    expect(data).toEqual(['1']);
  });

  it('cancels a pending reconnect', async () => {
    const server = await serve((res) => {
      res.writeHead(200, EVENT_STREAM);
      res.end('retry: 20\n\n');
    });
    const source = open(server.url);
    await nextError(source);
    source.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.requests).toHaveLength(1);
  });
});

describe('FetchEventSource: fetch extensions', () => {
  it('calls a headers function before every connect', async () => {
    let calls = 0;
    const server = await serve((res, _request, index) => {
      res.writeHead(200, EVENT_STREAM);
      res.end(index < 2 ? 'retry: 5\n\n' : '');
    });
    const source = open(server.url, {
      headers: async () => {
        calls++;
        await Promise.resolve();
        return { authorization: `Bearer token-${calls}` };
      },
    });
    await waitFor(() => expect(server.requests.length).toBeGreaterThanOrEqual(3));
    source.close();
    expect(server.requests.slice(0, 3).map((request) => request.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-2',
      'Bearer token-3',
    ]);
  });

  it('accepts headers as an object, a Headers instance or an array of pairs', async () => {
    const server = await serve((res) => stream(res));
    const inits: FetchEventSourceInit[] = [
      { headers: { 'x-one': '1' } },
      { headers: new Headers({ 'x-one': '1' }) },
      { headers: [['x-one', '1']] },
      { headers: () => [['x-one', '1']] },
    ];
    await Promise.all(inits.map((init) => next<Event>(open(server.url, init), 'open')));
    expect(server.requests.map((request) => request.headers['x-one'])).toEqual(['1', '1', '1', '1']);
  });

  it('lets the caller override Accept but still sends Last-Event-ID', async () => {
    const server = await serve((res) => stream(res));
    await next<Event>(open(server.url, { headers: { accept: 'text/event-stream, */*' }, lastEventId: '5' }), 'open');
    expect(server.requests[0]?.headers.accept).toBe('text/event-stream, */*');
    expect(server.requests[0]?.headers['last-event-id']).toBe('5');
  });

  it('reports a throwing headers function as a network error and retries', async () => {
    let calls = 0;
    const server = await serve((res) => stream(res, 'data: in\n\n'));
    const source = open(server.url, {
      headers: () => {
        calls++;
        if (calls === 1) throw new Error('token refresh failed');
        return {};
      },
    });
    const errorEvent = await nextError(source);
    expect(errorEvent.error.kind).toBe('network');
    expect(errorEvent.error.message).toContain('token refresh failed');
    source.close();
  });

  it('POSTs a string body', async () => {
    const server = await serve((res) => stream(res, 'data: ok\n\n'));
    const source = open(server.url, { method: 'POST', body: '{"q":1}', headers: { 'content-type': 'application/json' } });
    await next(source, 'message');
    expect(server.requests[0]).toMatchObject({ method: 'POST', body: '{"q":1}' });
    expect(server.requests[0]?.headers['content-type']).toBe('application/json');
  });

  it('calls a body function again on every reconnect', async () => {
    let calls = 0;
    const server = await serve((res, _request, index) => {
      res.writeHead(200, EVENT_STREAM);
      res.end(index === 0 ? 'retry: 5\nid: 3\ndata: x\n\n' : '');
    });
    const source = open(server.url, { method: 'POST', body: async () => `{"call":${++calls}}` });
    await waitFor(() => expect(server.requests.length).toBeGreaterThanOrEqual(2));
    source.close();
    expect(server.requests.slice(0, 2).map((request) => request.body)).toEqual(['{"call":1}', '{"call":2}']);
    expect(server.requests[1]?.headers['last-event-id']).toBe('3');
  });

  it('uses a custom fetch, and turns its rejection into a network error without an unhandled rejection', async () => {
    const failing = vi.fn<typeof fetch>(() => Promise.reject(new TypeError('offline')));
    const source = open('http://example.invalid/stream', { fetch: failing, reconnect: false });
    const errorEvent = await nextError(source);
    expect(failing).toHaveBeenCalledOnce();
    expect(errorEvent.error.kind).toBe('network');
    expect(errorEvent.error.cause).toBeInstanceOf(TypeError);
  });

  it('treats a custom fetch that throws synchronously like a network error', async () => {
    const source = open('http://example.invalid/stream', {
      fetch: () => {
        throw new Error('sync boom');
      },
      reconnect: false,
    });
    expect((await nextError(source)).error.message).toContain('sync boom');
  });

  it('reports a body stream that errors as a network error', async () => {
    const source = open('http://example.invalid/stream', {
      reconnect: false,
      fetch: () => {
        let sent = false;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            if (sent) {
              controller.error(new Error('connection reset'));
              return;
            }
            sent = true;
            controller.enqueue(new TextEncoder().encode('data: before\n\n'));
          },
        });
        return Promise.resolve(new Response(body, { headers: { 'content-type': 'text/event-stream' } }));
      },
    });
    const data = collect(source);
    const errorEvent = await nextError(source);
    expect(errorEvent.error.kind).toBe('network');
    expect(errorEvent.error.message).toContain('connection reset');
    expect(data).toEqual(['before']);
    expect(source.readyState).toBe(FetchEventSource.CLOSED);
  });

  it('treats a 200 without a body as the end of the stream', async () => {
    const source = open('http://example.invalid/stream', {
      reconnect: false,
      fetch: () => Promise.resolve(new Response(null, { headers: { 'content-type': 'text/event-stream' } })),
    });
    const opened = next<Event>(source, 'open');
    const errorEvent = await nextError(source);
    await opened;
    expect(errorEvent.error.kind).toBe('network');
    expect(source.readyState).toBe(FetchEventSource.CLOSED);
  });

  it('follows redirects, keeps url, and takes origin from the final response', async () => {
    const target = await serve((res) => stream(res, 'data: moved\n\n'));
    const server = await serve((res) => {
      res.writeHead(307, { location: target.url });
      res.end();
    });
    const source = open(server.url);
    const message = await next(source, 'message');
    expect(message.data).toBe('moved');
    expect(message.origin).toBe(target.origin);
    expect(message.origin).not.toBe(server.origin);
    expect(source.url).toBe(server.url);
  });

  it('calls onActivity for every chunk, comments included', async () => {
    const server = await serve((res) => {
      stream(res, ': heartbeat\n\n');
      setTimeout(() => res.write(': heartbeat\n\n'), 10);
    });
    const onActivity = vi.fn();
    const source = open(server.url, { onActivity });
    const onmessage = vi.fn();
    source.onmessage = onmessage;
    await waitFor(() => expect(onActivity).toHaveBeenCalledTimes(2));
    expect(onmessage).not.toHaveBeenCalled();
  });

  it('stays OPEN through a stall and still closes', async () => {
    const server = await serve((res) => stream(res, 'data: one\n\ndata: never fini'));
    const source = open(server.url);
    const data = collect(source);
    await waitFor(() => expect(data).toEqual(['one']));
    await tick();
    expect(source.readyState).toBe(FetchEventSource.OPEN);
    source.close();
    await waitFor(() => expect(server.requests[0]?.aborted).toBe(true));
  });
});

describe('FetchEventSource: maxEventSize', () => {
  it('aborts the connection with a too-large error and reconnects', async () => {
    const server = await serve((res, _request, index) =>
      stream(res, index === 0 ? `retry: 5\nid: 1\ndata: small\n\ndata: ${'x'.repeat(5000)}\n\n` : 'data: after\n\n'),
    );
    const source = open(server.url, { maxEventSize: 1000 });
    const data = collect(source);
    const errorEvent = await nextError(source);
    expect(errorEvent.error.kind).toBe('too-large');
    expect(errorEvent.error.message).toContain('maxEventSize');
    expect(source.readyState).toBe(FetchEventSource.CONNECTING);
    await waitFor(() => expect(data).toEqual(['small', 'after']));
    expect(server.requests[0]?.aborted).toBe(true);
    expect(server.requests[1]?.headers['last-event-id']).toBe('1');
  });

  it('catches a line that never ends', async () => {
    const server = await serve((res) => {
      stream(res, 'data: ');
      const timer = setInterval(() => res.write('y'.repeat(512)), 2);
      res.on('close', () => clearInterval(timer));
    });
    const source = open(server.url, { maxEventSize: 4096, reconnect: false });
    expect((await nextError(source)).error.kind).toBe('too-large');
    expect(source.readyState).toBe(FetchEventSource.CLOSED);
    await waitFor(() => expect(server.requests[0]?.aborted).toBe(true));
  });
});
