// The connection's fetch transport: one request per instance, plain SSEMessage events with the
// block's own-id flag, activity and chunk-end hooks, no reconnect of its own.
import { afterEach, describe, expect, it } from 'vitest';
import { SSEError } from '@kit/sse-react/core';
import { CLOSED, FetchTransport, OPEN } from '../../src/core/transport/FetchTransport';
import { cleanup, serve, stream, waitFor } from './FetchEventSource.testServer';

const transports: FetchTransport[] = [];
afterEach(async () => {
  for (const transport of transports.splice(0)) transport.close();
  await cleanup();
});

function open(...args: ConstructorParameters<typeof FetchTransport>): FetchTransport {
  const transport = new FetchTransport(...args);
  transports.push(transport);
  return transport;
}

describe('FetchTransport', () => {
  it('hands each named listener an SSEMessage and whether its block had its own id', async () => {
    const server = await serve((res) => stream(res, 'id: 7\nevent: tick\ndata: a\n\nevent: tick\ndata: b\n\n'));
    const transport = open(server.url, { reconnect: false });
    const seen: Array<{ message: unknown; hasOwnId: boolean }> = [];
    transport.addEventListener('tick', ((message: unknown, hasOwnId: boolean) => seen.push({ message, hasOwnId })) as never);
    await waitFor(() => expect(seen).toHaveLength(2));
    expect(seen).toEqual([
      { message: { type: 'tick', data: 'a', lastEventId: '7', origin: server.origin }, hasOwnId: true },
      { message: { type: 'tick', data: 'b', lastEventId: '7', origin: server.origin }, hasOwnId: false },
    ]);
    expect(transport.readyState).toBe(OPEN);
    expect(transport.lastEventId).toBe('7');
  });

  it('calls onChunkParsed after the events of each network chunk, and onActivity before', async () => {
    const server = await serve((res) => {
      stream(res, 'data: 1\n\ndata: 2\n\n');
      setTimeout(() => res.write('data: 3\n\n'), 30);
    });
    const order: string[] = [];
    const transport = open(server.url, {
      onActivity: () => order.push('activity'),
      onChunkParsed: () => order.push('chunk'),
    });
    transport.addEventListener('message', ((message: { data: string }) => order.push(message.data)) as never);
    await waitFor(() => expect(order).toEqual(['activity', '1', '2', 'chunk', 'activity', '3', 'chunk']));
  });

  it('never reconnects: the end of the stream closes it and onerror says why, retryable', async () => {
    const server = await serve((res) => {
      stream(res, 'retry: 1500\ndata: last\n\n');
      res.end();
    });
    const transport = open(server.url);
    const errors: unknown[] = [];
    transport.onerror = (event) => errors.push((event as Event & { error: unknown }).error);
    await waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]).toBeInstanceOf(SSEError);
    expect((errors[0] as SSEError).kind).toBe('network');
    expect(transport.readyState).toBe(CLOSED);
    expect(transport.endedFatally).toBe(false);
    expect(transport.reconnectionTime).toBe(1500);
    expect(server.requests).toHaveLength(1);
  });

  it('marks an answer that retrying cannot change as fatal', async () => {
    const server = await serve((res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html></html>');
    });
    const transport = open(server.url);
    const errors: SSEError[] = [];
    transport.onerror = (event) => errors.push((event as Event & { error: SSEError }).error);
    await waitFor(() => expect(errors).toHaveLength(1));
    expect(errors[0]?.kind).toBe('content-type');
    expect(transport.endedFatally).toBe(true);
  });
});
