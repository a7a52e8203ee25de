import { afterEach, describe, expect, it } from 'vitest';
import { parseEvents, postJson, startServer } from './sse';

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

async function stats(base: string) {
  return (await (await fetch(`${base}/api/stats`)).json()) as { connections: { chat: number } };
}

describe('POST /api/chat', () => {
  it('streams token events on the POST response, then done', async () => {
    const started = await startServer({ chatTokenMs: 1 });
    close = started.close;
    const res = await postJson(`${started.base}/api/chat`, { prompt: 'What is SSE?' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = parseEvents(await res.text());
    const tokens = events.filter((e) => e.event === 'token').map((e) => JSON.parse(e.data) as { index: number; text: string });
    expect(tokens.length).toBeGreaterThan(10);
    expect(tokens.map((t) => t.index)).toEqual(tokens.map((_, i) => i));
    expect(tokens.map((t) => t.text).join('')).toMatch(/^You asked: "What is SSE\?"\. Here is a streamed answer/);
    expect(events.at(-1)).toEqual({
      event: 'done',
      id: undefined,
      data: JSON.stringify({ tokens: tokens.length, finishReason: 'stop' }),
    });
  });

  it('stops generating when the client aborts', async () => {
    // About 40 tokens at 25 ms: the answer would take a second to finish on its own.
    const started = await startServer({ chatTokenMs: 25 });
    close = started.close;
    const abort = new AbortController();
    const res = await postJson(`${started.base}/api/chat`, { prompt: 'hello' }, {});
    void res;
    const response = await fetch(`${started.base}/api/chat`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ prompt: 'hello' }),
      signal: abort.signal,
    });
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    // The stream opens with the heartbeat advertisement comment; read on to the first token.
    let head = '';
    while (!head.includes('event: token')) {
      const chunk = await reader.read();
      if (chunk.done) break;
      head += new TextDecoder().decode(chunk.value);
    }
    expect(head).toMatch(/^: sse:heartbeat=\d+\n\n/);
    expect(head).toMatch(/event: token/);
    expect((await stats(started.base)).connections.chat).toBe(2);
    const abortedAt = Date.now();
    abort.abort();
    let chat = 2;
    while (chat !== 1 && Date.now() - abortedAt < 500) chat = (await stats(started.base)).connections.chat;
    // The aborted answer is gone at once; the other one is still generating.
    expect(chat).toBe(1);
    await res.text();
    expect((await stats(started.base)).connections.chat).toBe(0);
  });

  it('rejects invalid JSON, a missing prompt and an oversized body', async () => {
    const started = await startServer();
    close = started.close;
    const invalid = await postJson(`${started.base}/api/chat`, '{"prompt": ');
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({ error: 'The request body is not valid JSON.' });

    const missing = await postJson(`${started.base}/api/chat`, { question: 'hi' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).error).toMatch(/prompt/);

    const huge = await postJson(`${started.base}/api/chat`, { prompt: 'x'.repeat(17 * 1024) });
    expect(huge.status).toBe(413);
    expect((await huge.json()).error).toMatch(/larger than 16384 bytes/);
  });
});
