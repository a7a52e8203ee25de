import { FetchEventSource } from '@kit/sse-react/core';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, next, open, serve, stream, waitFor } from './FetchEventSource.testServer';

afterEach(cleanup);

// Code written for other clients' `fetch` option (eventsource, @microsoft/fetch-event-source)
// spreads `init.headers` into a new object. A Headers instance spreads to {}; a plain object keeps them.
describe('FetchEventSource: the headers a custom fetch receives', () => {
  it('are a plain object of the final headers, names lowercased', async () => {
    const server = await serve((res) => stream(res));
    const seen: unknown[] = [];
    const spy: typeof fetch = (input, init) => {
      seen.push(init?.headers);
      return fetch(input, init);
    };
    const source = open(server.url, { fetch: spy, headers: { 'X-Team': 'ops' }, lastEventId: 'm4x2k9qa7f.41' });
    await next<Event>(source, 'open');
    expect(seen[0]).not.toBeInstanceOf(Headers);
    expect(Object.getPrototypeOf(seen[0])).toBe(Object.prototype);
    expect(seen[0]).toEqual({ accept: 'text/event-stream', 'last-event-id': 'm4x2k9qa7f.41', 'x-team': 'ops' });
  });

  it('survive `{ ...init.headers, authorization }`, so a reconnect still resumes with Last-Event-ID', async () => {
    const server = await serve((res, _request, index) => {
      if (index === 0) {
        // One event with an id, then the stream ends: the spec's reconnect follows.
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.end('retry: 5\nid: m4x2k9qa7f.7\ndata: first\n\n');
      } else stream(res);
    });
    const withToken: typeof fetch = (input, init) =>
      fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), authorization: 'Bearer t0k3n' } });
    const source = new FetchEventSource(server.url, { fetch: withToken });
    try {
      await waitFor(() => expect(server.requests.length).toBeGreaterThanOrEqual(2));
    } finally {
      source.close();
    }
    const [first, second] = server.requests;
    expect(first?.headers).toMatchObject({ accept: 'text/event-stream', authorization: 'Bearer t0k3n' });
    expect(first?.headers['last-event-id']).toBeUndefined();
    expect(second?.headers).toMatchObject({
      accept: 'text/event-stream',
      authorization: 'Bearer t0k3n',
      'last-event-id': 'm4x2k9qa7f.7',
    });
  });
});
