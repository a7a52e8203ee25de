import type { Benchmark } from '../harness/report';

/**
 * Loaded lazily: each benchmark runs in its own child process, and the React one replaces globals
 * (a jsdom window, a fake EventSource) that must not leak into the others.
 */
export const BENCHMARKS: Record<string, { title: string; load: () => Promise<Benchmark> }> = {
  parser: { title: 'Parser throughput', load: async () => (await import('./parser')).parserBenchmark },
  client: { title: 'Client end to end', load: async () => (await import('./client')).clientBenchmark },
  react: { title: 'React fan-out', load: async () => (await import('./react')).reactBenchmark },
  bundle: { title: 'Bundle size', load: async () => (await import('./bundle')).bundleBenchmark },
  server: { title: 'Server fan-out', load: async () => (await import('./server')).serverBenchmark },
  'redis-broker': { title: 'Redis broker vs in-memory broker', load: async () => (await import('./redisBroker')).redisBrokerBenchmark },
};
