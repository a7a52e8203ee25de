// Sample process: eventsource-parser 4.1.3 from its published build, fed the same chunks.
import type * as EventsourceParser from 'eventsource-parser';
import { importPublished } from '../../harness/published';
import { measurePasses, parserPass, type ParserSample, type ParserSampleArgs } from './measure';

const { createParser } = await importPublished<typeof EventsourceParser>('eventsource-parser-4');

export function sample(args: ParserSampleArgs): ParserSample {
  return measurePasses(args, parserPass(createParser));
}
