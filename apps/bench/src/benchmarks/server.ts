import type { Benchmark } from '../harness/report';
export const serverBenchmark: Benchmark = async () => { throw new Error('not yet'); };
