// Sample process: @kit/sse-react's createParser, fed the pre-decoded chunks as its users' code would.
import { createParser } from '@kit/sse-react/core';
import { measurePasses, type ParserSample, type ParserSampleArgs, type Tally } from './measure';

export function sample(args: ParserSampleArgs): ParserSample {
  return measurePasses(args, ({ chunks }) => {
    const tally: Tally = { events: 0, dataLength: 0 };
    const parser = createParser({
      onEvent: (event) => {
        tally.events++;
        tally.dataLength = (tally.dataLength as number) + event.data.length;
      },
    });
    for (const chunk of chunks) parser.feed(chunk);
    return tally;
  });
}
