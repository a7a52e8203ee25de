import type { IncomingMessage, ServerResponse } from 'node:http';
import { connect as netConnect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeStream, formatEvent, type SSESink } from '../src/index';
import { listen, waitFor } from './helpers';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** A raw HTTP/1.1 client: what it received so far, as latin1, and a way to send more. */
function rawClient(port: number, path = '/', extraHeaders = ''): { socket: Socket; wire: () => string } {
  const socket = netConnect(port, '127.0.0.1');
  let wire = '';
  socket.setEncoding('latin1');
  socket.on('data', (chunk: string) => (wire += chunk));
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n${extraHeaders}\r\n`);
  return { socket, wire: () => wire };
}

describe('the node:http state open streams share', () => {
  it("gives every stream's socket the same listener wrappers, which still act on their own socket", async () => {
    const streams: { res: ServerResponse; sink: SSESink }[] = [];
    const pipelined: string[] = [];
    const { base, close } = await listen((req, res) => {
      if (req.url === '/next') res.end('next response');
      else streams.push({ res, sink: createNodeStream(req, res, { retry: null, heartbeatMs: 0 }) });
    });
    cleanup = close;
    const port = Number(new URL(base).port);
    const [a, b] = [rawClient(port), rawClient(port)];
    await waitFor(() => streams.length === 2);
    const [first, second] = streams.map(({ res }) => res.socket as Socket) as [Socket, Socket];
    expect(second.on).toBe(first.on);
    expect(second.addListener).toBe(first.addListener);
    expect(second.on.name).toBe('socketListenerWrap');
    expect(Object.hasOwn(second, 'on')).toBe(true);

    // Listening for 'data' takes the socket back from the native parser: that one socket's bytes
    // reach JavaScript (and still reach the parser, which queues the pipelined request).
    second.on('data', (chunk: Buffer) => pipelined.push(chunk.toString('latin1')));
    b.socket.write('GET /next HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await waitFor(() => pipelined.join('').includes('GET /next'));
    for (const { sink } of streams) sink.write(formatEvent({ data: 'still streaming' }));
    await waitFor(() => a.wire().includes('still streaming') && b.wire().includes('still streaming'));

    // Ending the stream hands the connection to the pipelined request, as node:http always does.
    streams[1]?.sink.close();
    await waitFor(() => b.wire().includes('next response'));
    a.socket.destroy();
    b.socket.destroy();
  });

  it('keeps the response head node:http sent, as text equal to what went on the wire', async () => {
    const heads: string[] = [];
    const { base, close } = await listen((req, res) => {
      createNodeStream(req, res, { retry: null, heartbeatMs: 0 });
      heads.push((res as ServerResponse & { _header: string })._header);
      expect(res.headersSent).toBe(true);
      expect(() => res.setHeader('X-Late', '1')).toThrow(/headers after they are sent/);
    });
    cleanup = close;
    const port = Number(new URL(base).port);
    const clients = [rawClient(port), rawClient(port)];
    await waitFor(() => clients.every((client) => client.wire().includes('\r\n\r\n')));
    for (const [i, client] of clients.entries()) expect(heads[i]).toBe(client.wire().slice(0, client.wire().indexOf('\r\n\r\n') + 4));
    for (const client of clients) client.socket.destroy();
  });

  it('leaves the request as it was: its header names, version and URL keep their text', async () => {
    type Text = Pick<IncomingMessage, 'rawHeaders' | 'headers' | 'httpVersion' | 'url'>;
    const copy = ({ rawHeaders, headers, httpVersion, url }: Text): Text => ({ rawHeaders: [...rawHeaders], headers: { ...headers }, httpVersion, url });
    const seen: { before: Text; after: Text }[] = [];
    const { base, close } = await listen((req, res) => {
      const before = copy(req);
      createNodeStream(req, res, { retry: null, heartbeatMs: 0 });
      seen.push({ before, after: copy(req) });
    });
    cleanup = close;
    const port = Number(new URL(base).port);
    // More distinct names than the shared table takes, a repeated header (joined in req.headers)
    // and a value too long to share, twice; then a plain request.
    const many = `X-Twice: 1\r\nX-Twice: 2\r\nX-Long: ${'x'.repeat(300)}\r\n${Array.from({ length: 300 }, (_, i) => `X-Name-${i}: ${i}\r\n`).join('')}`;
    const clients = [rawClient(port, '/a?x=1', many), rawClient(port, '/a?x=1', many), rawClient(port, '/b')];
    await waitFor(() => seen.length === 3);
    for (const { before, after } of seen) expect(after).toEqual(before);
    expect(seen.find(({ after }) => after.url === '/a?x=1')?.after.headers['x-twice']).toBe('1, 2');
    // The three connect at once, so in any order.
    expect(seen.map(({ after }) => [after.url, after.httpVersion, after.rawHeaders.length]).sort()).toEqual([
      ['/a?x=1', '1.1', 610],
      ['/a?x=1', '1.1', 610],
      ['/b', '1.1', 4],
    ]);
    for (const client of clients) client.socket.destroy();
  });

  it("keeps the response's listeners, their order and the emitter's behaviour", async () => {
    type Emitter = ServerResponse & { _events: object };
    const checks: (() => void)[] = [];
    const { base, close } = await listen((req, res) => {
      const mine = (): void => {};
      res.on('finish', mine);
      const before = res.eventNames().map((name) => [name, res.listeners(name)]);
      const sink = createNodeStream(req, res, { retry: null, heartbeatMs: 0 });
      checks.push(() => {
        expect(Object.getPrototypeOf((res as Emitter)._events)).toBeNull();
        const after = res.eventNames().map((name) => [name, res.listeners(name)]);
        // The same listeners in the same order, plus the stream's own 'close'.
        expect(after.filter(([name]) => name !== 'close')).toEqual(before.filter(([name]) => name !== 'close'));
        expect(res.listenerCount('close')).toBe(before.filter(([name]) => name === 'close').length + 1);
        const calls: string[] = [];
        res.on('custom', (value: string) => calls.push(value));
        res.once(Symbol.for('custom'), () => calls.push('symbol'));
        res.emit('custom', 'a');
        res.emit(Symbol.for('custom'));
        res.emit(Symbol.for('custom'));
        res.removeAllListeners('custom');
        res.emit('custom', 'b');
        res.off('finish', mine);
        expect(calls).toEqual(['a', 'symbol']);
        expect(res.listeners('finish')).not.toContain(mine);
        expect(sink.closed).toBe(false);
      });
    });
    cleanup = close;
    const port = Number(new URL(base).port);
    const client = rawClient(port);
    await waitFor(() => checks.length === 1);
    for (const check of checks) check();
    client.socket.destroy();
  });
});
