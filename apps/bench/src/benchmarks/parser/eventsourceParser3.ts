// Sample process: eventsource-parser 3.1.1 from its published build, fed the same chunks.
import type * as EventsourceParser from 'eventsource-parser';
import { importPublished } from '../../harness/published';
import { measurePasses, parserPass, type ParserSample, type ParserSampleArgs } from './measure';

const { createParser } = await importPublished<typeof EventsourceParser>('eventsource-parser');

export function sample(args: ParserSampleArgs): ParserSample {
  return measurePasses(args, parserPass(createParser));
}
