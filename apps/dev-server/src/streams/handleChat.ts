import type { IncomingMessage, ServerResponse } from 'node:http';
import { createNodeStream, formatEvent } from '@kit/sse-server';
import type { Connections } from './createConnections';
import type { ChatEvents } from '../events';
import { isRecord, sendJson } from '../http/http';
import type { ResolvedOptions } from '../options';

const MAX_PROMPT = 4000;

function answer(prompt: string): string[] {
  const reply =
    `You asked: "${prompt.slice(0, 120)}". Here is a streamed answer, one token at a time, ` +
    'the way a language model would send it. Each token is its own Server-Sent Event, so the ' +
    'interface can render text as it arrives and stop the moment you press cancel.';
  // Tokens keep their leading space, as model tokenizers do, so joining them restores the text.
  return reply.match(/\s*\S+/g) ?? [];
}

/** POST /api/chat `{ prompt }` (the body already read): an AI-style token stream on the POST response itself. */
export function handleChat(req: IncomingMessage, res: ServerResponse, body: unknown, options: ResolvedOptions, connections: Connections) {
  const prompt = isRecord(body) ? body.prompt : undefined;
  if (typeof prompt !== 'string' || prompt.trim() === '' || prompt.length > MAX_PROMPT) {
    return sendJson(res, 400, { error: `Expected { "prompt": string } with 1 to ${MAX_PROMPT} characters.` });
  }

  // A chat answer is not resumable, so no retry hint: the client should not silently re-POST.
  const sink = createNodeStream(req, res, { retry: null, heartbeatMs: options.heartbeatMs });
  connections.add('chat', sink, 'chat');
  const tokens = answer(prompt);
  let index = 0;
  const timer = setInterval(() => {
    const text = tokens[index];
    if (text === undefined) {
      clearInterval(timer);
      sink.write(formatEvent({ event: 'done', data: { tokens: tokens.length, finishReason: 'stop' } satisfies ChatEvents['done'] }));
      sink.close();
      return;
    }
    sink.write(formatEvent({ event: 'token', data: { index, text } satisfies ChatEvents['token'] }));
    index++;
  }, options.chatTokenMs);
  // The client aborting (or a chaos drop) stops generation at once.
  sink.onClose(() => clearInterval(timer));
}
