import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, collect, EVENT_STREAM, next, nextError, open, serve, stream, tick, waitFor } from './FetchEventSource.testServer';

afterEach(cleanup);

/** Writes each part as its own chunk: a short pause lets the client read it before the next. */
async function writeApart(res: ServerResponse, parts: Array<string | number[]>): Promise<void> {
  for (const part of parts) {
    res.write(typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const BOM = [0xef, 0xbb, 0xbf];

describe('FetchEventSource: UTF-8 decoding', () => {
  it('strips one leading BOM split across chunks', async () => {
    const server = await serve((res) => {
      stream(res);
      void writeApart(res, [[0xef], [0xbb], [0xbf], 'data: a\n\n']);
    });
    const source = open(server.url);
    expect((await next(source, 'message')).data).toBe('a');
  });

  it('strips only the first BOM: a second one is part of the first line', async () => {
    const server = await serve((res) => {
      stream(res);
      void writeApart(res, [[...BOM, ...BOM], 'data: a\n\ndata: b\n\n']);
    });
    const data = collect(open(server.url));
    await waitFor(() => expect(data).toEqual(['b']));
  });

  it('strips the BOM again at the start of a reconnected stream, and nowhere else', async () => {
    const server = await serve((res, _request, index) => {
      res.writeHead(200, EVENT_STREAM);
      res.end(Buffer.concat([Buffer.from(BOM), Buffer.from(`retry: 5\ndata: ${index}\uFEFF\n\n`)]));
    });
    const data = collect(open(server.url));
    await waitFor(() => expect(data.slice(0, 2)).toEqual(['0\uFEFF', '1\uFEFF']));
  });

  it('turns invalid bytes into U+FFFD and keeps going', async () => {
    const server = await serve((res) => {
      stream(res);
      void writeApart(res, ['data: a', [0xff], [0xc3], 'b\n\n', [0xed, 0xa0, 0x80], '\n\ndata: c\n\n']);
    });
    const data = collect(open(server.url));
    // 0xED 0xA0 0x80 is an encoded surrogate: three replacement characters, as the Encoding spec says.
    await waitFor(() => expect(data).toEqual(['a\uFFFD\uFFFDb', 'c']));
  });

  it('keeps multi-byte characters split across chunks whole', async () => {
    const emoji = [...Buffer.from('😀')];
    const accent = [...Buffer.from('é')];
    const server = await serve((res) => {
      stream(res);
      void writeApart(res, ['data: ', ...emoji.map((byte) => [byte]), [accent[0] ?? 0], [accent[1] ?? 0, 0x0a, 0x0a]]);
    });
    expect((await next(open(server.url), 'message')).data).toBe('😀é');
  });

  it('handles CRLF split across chunks', async () => {
    const server = await serve((res) => {
      stream(res);
      void writeApart(res, ['data: a\r', '\ndata: b\r', '\n\r', '\n', 'data: c\r\r']);
    });
    const data = collect(open(server.url));
    await waitFor(() => expect(data).toEqual(['a\nb', 'c']));
  });
});

describe('FetchEventSource: malformed input', () => {
  it('skips malformed lines and still delivers the events around them', async () => {
    const server = await serve((res) =>
      stream(
        res,
        [
          'garbage without colon',
          'DATA: wrong case',
          'retry: soon',
          'retry: -5',
          'id: bad\0id',
          'event',
          ': comment',
          'data:first',
          '',
          ':::',
          'data',
          'data',
          '',
          '',
          '',
          'data: last',
          '',
          '',
        ].join('\n'),
      ),
    );
    const source = open(server.url);
    const data = collect(source);
    await waitFor(() => expect(data).toEqual(['first', '\n', 'last']));
    expect(source.reconnectionTime).toBe(3000);
    expect(source.lastEventId).toBe('');
    expect(source.readyState).toBe(source.OPEN);
  });
});

describe('FetchEventSource: handler exceptions', () => {
  it('keeps the stream going when a listener throws, and reports the exception', async () => {
    // Node reports an exception thrown by an EventTarget listener as an uncaught exception (a
    // browser reports it to window.onerror); catch it here so the test runner does not.
    const runnerListeners = process.listeners('uncaughtException');
    const reported: unknown[] = [];
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', (error) => reported.push(error));
    try {
      const server = await serve((res, _request, index) =>
        index === 0 ? stream(res, 'retry: 5\ndata: 1\n\ndata: 2\n\n') : stream(res, 'data: 3\n\n'),
      );
      const source = open(server.url);
      const seen: string[] = [];
      source.onmessage = (event) => {
        seen.push(event.data);
        throw new Error(`handler failed on ${event.data}`);
      };
      source.onerror = () => {
        throw new Error('error handler failed');
      };
      await waitFor(() => expect(seen).toEqual(['1', '2']));
      await tick();
      expect(reported.map((error) => (error as Error).message)).toEqual(['handler failed on 1', 'handler failed on 2']);
      expect(source.readyState).toBe(source.OPEN);
    } finally {
      process.removeAllListeners('uncaughtException');
      for (const listener of runnerListeners) process.on('uncaughtException', listener);
    }
  });

  it('still reconnects when the error handler throws', async () => {
    const runnerListeners = process.listeners('uncaughtException');
    const reported: unknown[] = [];
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', (error) => reported.push(error));
    try {
      const server = await serve((res, _request, index) => {
        res.writeHead(200, EVENT_STREAM);
        res.end(index === 0 ? 'retry: 5\n\n' : 'data: back\n\n');
      });
      const source = open(server.url);
      source.onerror = () => {
        throw new Error('error handler failed');
      };
      const data = collect(source);
      await nextError(source);
      await waitFor(() => expect(data).toContain('back'));
      await tick();
      expect(reported.length).toBeGreaterThan(0);
      expect((reported[0] as Error).message).toBe('error handler failed');
    } finally {
      process.removeAllListeners('uncaughtException');
      for (const listener of runnerListeners) process.on('uncaughtException', listener);
    }
  });
});
