// What a parser hands its callbacks, in order, for tests that compare two ways of feeding a stream
// (or the parser with the spec's literal algorithm).
import { createParser } from '@kit/sse-react/core';
import type { ParsedEvent } from '@kit/sse-react/core';

export type Output = Array<['event', ParsedEvent] | ['retry', number] | ['comment', string]>;

/** Feeds `chunks` to a fresh parser; events are copied, so a later mutation cannot hide a difference. */
export function recordParse(chunks: readonly string[]): { output: Output; lastEventId: string } {
  const output: Output = [];
  const parser = createParser({
    onEvent: (event) => output.push(['event', { ...event }]),
    onRetry: (ms) => output.push(['retry', ms]),
    onComment: (comment) => output.push(['comment', comment]),
  });
  for (const chunk of chunks) parser.feed(chunk);
  return { output, lastEventId: parser.lastEventId };
}
