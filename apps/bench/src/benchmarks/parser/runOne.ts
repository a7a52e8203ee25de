// One sample in this process, for profiling a contender on one workload:
//   cd apps/bench && npx tsx --tsconfig tsconfig.run.json --conditions=source --cpu-prof --cpu-prof-dir=/tmp/prof \
//     src/benchmarks/parser/runOne.ts ours small-16k
import { PARSER_WORKLOADS, type ParserWorkloadId } from '../../fixtures/streams';
import type { ParserSample, ParserSampleArgs } from './measure';

const [contender = 'ours', workload = 'small-16k', sampleMs = '1000'] = process.argv.slice(2);
if (!(workload in PARSER_WORKLOADS)) throw new Error(`unknown workload ${workload}: one of ${Object.keys(PARSER_WORKLOADS).join(', ')}`);
const mod = (await import(`./${contender}.ts`)) as { sample(args: ParserSampleArgs): ParserSample };
console.log(contender, workload, mod.sample({ workload: workload as ParserWorkloadId, warmupMs: 200, sampleMs: Number(sampleMs) }));
