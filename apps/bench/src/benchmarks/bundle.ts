import type { Benchmark } from '../harness/report';
export const bundleBenchmark: Benchmark = async () => { throw new Error('not yet'); };
