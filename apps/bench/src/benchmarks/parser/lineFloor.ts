// Sample process: the floor for parsers fed strings, cutting the same pre-decoded chunks into lines
// and reading each one (no fields, no events). On 1 MiB events it is the cost of joining each
// event's chunks into one string, which every parser that hands its consumer a string pays.
import { lineCounter } from '../../harness/rawLines';
import { measurePasses, type ParserSample, type ParserSampleArgs } from './measure';

export function sample(args: ParserSampleArgs): ParserSample {
  return measurePasses(args, ({ chunks }) => {
    const lines = lineCounter();
    for (const chunk of chunks) lines.feed(chunk);
    return { events: lines.blankLines };
  });
}
