// Sample process: @kit/sse-react's createParser, fed the pre-decoded chunks as its users' code would.
import { createParser } from '@kit/sse-react/core';
import { measurePasses, parserPass, type ParserSample, type ParserSampleArgs } from './measure';

export function sample(args: ParserSampleArgs): ParserSample {
  return measurePasses(args, parserPass(createParser));
}
