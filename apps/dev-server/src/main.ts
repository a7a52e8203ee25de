import { brokerFromArgs } from './brokerFromArgs';
import { optionsFromEnv } from './options';
import { createDevServer } from './server';

function readPort(): number {
  const flag = process.argv.indexOf('--port');
  const raw = flag >= 0 ? process.argv[flag + 1] : process.env.PORT;
  const port = Number(raw ?? 8787);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`[@kit/dev-server] Invalid port ${JSON.stringify(raw)}: pass --port <0-65535> or PORT=<0-65535>.`);
  }
  return port;
}

const host = process.env.HOST ?? '127.0.0.1';
const options = optionsFromEnv(process.env);
// --no-generators: with a shared broker, one instance generating is enough (each would number its own ticks).
if (process.argv.includes('--no-generators')) options.generators = false;
const server = createDevServer({ ...options, ...brokerFromArgs(process.argv, process.env, options.replaySize) });
server.listen(readPort(), host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : readPort();
  console.log(`[dev-server] listening on http://${host}:${port}`);
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // Streams are ended cleanly first; anything still open after 3 s is cut.
    const force = setTimeout(() => server.closeAllConnections(), 3000);
    force.unref();
    void server.shutdown().then(() => process.exit(0));
  });
}
