import type { Benchmark } from '../harness/report';
export const reactBenchmark: Benchmark = async () => { throw new Error('not yet'); };
