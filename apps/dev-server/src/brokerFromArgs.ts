import type { Broker } from '@kit/sse-server';
import { createRedisBroker } from '@kit/sse-server-redis';

/**
 * The broker the command line asks for: `--broker redis://host:port` (or `--broker=...`, or
 * `SSE_BROKER_URL`) shares one Redis Stream between every dev-server started with the same URL, so
 * a client can resume on any of them. Nothing (or `memory`) keeps the in-memory default: returns
 * `{}` and createDevServer builds it as before. `SSE_BROKER_STREAM` names the stream.
 */
export function brokerFromArgs(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  replaySize = 5000,
): { broker?: Broker } {
  const index = argv.findIndex((arg) => arg === '--broker' || arg.startsWith('--broker='));
  const flag = argv[index];
  const raw = flag === undefined ? env.SSE_BROKER_URL : flag.includes('=') ? flag.slice('--broker='.length) : argv[index + 1];
  if (raw === undefined || raw === '' || raw === 'memory') return {};
  if (!/^rediss?:\/\//.test(raw)) {
    throw new Error(`[@kit/dev-server] --broker (or SSE_BROKER_URL) must be redis://host:port or memory, got ${JSON.stringify(raw)}.`);
  }
  // The stream is the replay buffer: cap it like the in-memory one.
  return { broker: createRedisBroker({ url: raw, stream: env.SSE_BROKER_STREAM || 'kit:dev-server', maxLen: replaySize }) };
}
