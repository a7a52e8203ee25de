import { afterEach, describe, expect, it, vi } from 'vitest';
import { createChannel, createFetchStream, createMemoryBroker, formatEvent, type SSESink } from '../src/index';
import { connect, listen, waitFor } from './helpers';
import { fetchHandler } from './sinkServers';

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

describe('createFetchStream', () => {
  it('returns an event-stream Response that a channel can broadcast to, and ends on abort', async () => {
    const channel = createChannel({ broker: createMemoryBroker({ epoch: 'e' }) });
    let sink: SSESink | undefined;
    const reasons: string[] = [];
    const { base, close } = await listen(
      fetchHandler((request) => {
        const stream = createFetchStream(request, { retry: 500, heartbeatMs: 20 });
        sink = stream.sink;
        sink.onClose((reason) => reasons.push(reason));
        void channel.connect(stream.sink, { lastEventId: request.headers.get('last-event-id') });
        return stream.response;
      }),
    );
    cleanup = async () => {
      channel.close();
      await close();
    };
    const client = await connect(`${base}/`);
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(client.headers['cache-control']).toBe('no-cache, no-transform');
    expect(client.headers['x-accel-buffering']).toBe('no');
    await waitFor(() => channel.stats.clients === 1);
    await channel.publish({ event: 'metrics', data: { cpu: 0.5 } });
    await client.until((events, raw) => events.length === 1 && raw.includes(':\n\n'));
    expect(client.raw().startsWith('retry: 500\n\n: sse:heartbeat=20\n\n')).toBe(true);
    expect(client.events()).toEqual([{ event: 'metrics', id: 'e.1', data: '{"cpu":0.5}' }]);
    client.close();
    await waitFor(() => sink?.closed === true);
    expect(reasons).toEqual(['client']);
    expect(channel.stats.clients).toBe(0);
  });

  it('advertises its heartbeat and sends one at least every period of silence', async () => {
    vi.useFakeTimers();
    try {
      const { sink, response } = createFetchStream(new Request('http://x/'), { heartbeatMs: 1000 });
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      const text = async (read: Promise<ReadableStreamReadResult<Uint8Array>>) => decoder.decode((await read).value);
      expect(await text(reader.read())).toBe('retry: 3000\n\n: sse:heartbeat=1000\n\n');
      for (let beat = 0; beat < 3; beat++) {
        const next = reader.read();
        await vi.advanceTimersByTimeAsync(1000);
        expect(await text(next)).toBe(':\n\n');
      }
      sink.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('honours an already aborted request signal', async () => {
    const abort = new AbortController();
    abort.abort();
    const { sink } = createFetchStream(new Request('http://x/', { signal: abort.signal }));
    await waitFor(() => sink.closed);
    expect(sink.closeReason).toBe('client');
  });

  it('drops a reader that falls more than maxQueueBytes behind', async () => {
    const { sink, response } = createFetchStream(new Request('http://x/'), { retry: null, heartbeatMs: 0, maxQueueBytes: 1000 });
    const frame = formatEvent({ data: 'x'.repeat(300) });
    // The first frame waits in the body stream (the reader has not asked yet); the next ones queue
    // in the sink, up to the bound.
    for (let i = 0; i < 4; i++) expect(sink.write(frame)).toBe(true);
    expect(sink.queuedBytes).toBe(3 * frame.length);
    expect(sink.write(frame)).toBe(false);
    expect(sink.closeReason).toBe('slow');
    await expect(response.text()).rejects.toThrow(/fell too far behind/);
  });

  it('a reader that keeps up is never dropped', async () => {
    const { sink, response } = createFetchStream(new Request('http://x/'), { retry: null, heartbeatMs: 0, maxQueueBytes: 1000 });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    let received = 0;
    for (let i = 0; i < 20; i++) {
      expect(sink.write(formatEvent({ data: 'x'.repeat(300) }))).toBe(true);
      received += (await reader.read()).value?.byteLength ?? 0;
    }
    expect(received).toBe(20 * 'data: \n\n'.length + 20 * 300);
    sink.close();
    expect((await reader.read()).done).toBe(true);
  });
});
