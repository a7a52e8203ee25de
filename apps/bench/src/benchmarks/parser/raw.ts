// Sample process: the practical ceiling, decode the bytes and cut lines (no fields, no events).
import { rawLineCounter } from '../../harness/rawLines';
import { measurePasses, type ParserSample, type ParserSampleArgs } from './measure';

export function sample(args: ParserSampleArgs): ParserSample {
  return measurePasses(args, ({ byteChunks }) => {
    const raw = rawLineCounter();
    for (const chunk of byteChunks) raw.feed(chunk);
    return { events: raw.blankLines };
  });
}
