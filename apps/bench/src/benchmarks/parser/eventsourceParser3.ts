// Sample process: eventsource-parser 3.1.1 from its published build, fed the same chunks.
import type * as EventsourceParser from 'eventsource-parser';
import { importPublished } from '../../harness/published';
import { measurePasses, type ParserSample, type ParserSampleArgs, type Tally } from './measure';

const { createParser } = await importPublished<typeof EventsourceParser>('eventsource-parser');

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
