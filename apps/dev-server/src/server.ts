import { createServer, type Server } from 'node:http';
import type { Broker, Channel } from '@kit/sse-server';
import type { DashboardEvents } from './events';
import { createDeploys } from './history/createDeploys';
import { createHistory } from './history/createHistory';
import { createRecentState } from './history/createRecentState';
import { createTicker } from './history/createTicker';
import { startGenerators } from './history/startGenerators';
import { createRateLimiter } from './http/createRateLimiter';
import { sendJson } from './http/http';
import { createRefusals } from './http/refusals';
import { resolveOptions, type DevServerOptions } from './options';
import { createRouter, type App } from './routes';
import { createChaos } from './streams/createChaos';
import { createConnections } from './streams/createConnections';
import { createTokenStore } from './tokens/createTokenStore';

export type { DevServerOptions } from './options';

export interface DevServer extends Server {
  /** The channel every stream reads from now (a restart replaces it); tests publish on it directly. */
  readonly channel: Channel<DashboardEvents>;
  /** Ends every stream, stops the generators and closes the server. */
  shutdown(): Promise<void>;
}

/**
 * Builds the dev server without listening, so tests can bind it to an ephemeral port. `broker`: a
 * shared one (see brokerFromArgs), kept across restarts and closed with the server; default in memory.
 */
export function createDevServer(input: DevServerOptions & { broker?: Broker } = {}): DevServer {
  const options = resolveOptions(input);
  const history = createHistory({ replaySize: options.replaySize, sharedBroker: input.broker, recent: createRecentState({ metricsWindowMs: options.metricsHistoryMs }) });
  const connections = createConnections();
  const ticker = createTicker(history);
  const app: App = {
    options,
    startedAt: Date.now(),
    history,
    connections,
    chaos: createChaos(connections, history.restart),
    tokens: createTokenStore(options.maxLiveTokens),
    mintLimiter: createRateLimiter({ burst: options.tokenBurst, perMinute: options.tokenMintsPerMinute }),
    refusals: createRefusals(),
    deploys: createDeploys(history, options),
    ticker,
    allowedOrigins: new Set(options.corsOrigins),
  };
  const stopGenerators = options.generators ? startGenerators(history, ticker, options) : () => {};
  const route = createRouter(app);

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error('[@kit/dev-server]', error);
      if (!res.headersSent) sendJson(res, 500, { error: 'Internal error.' });
      else res.destroy();
    });
  });

  let stopped = false;
  function stop(): void {
    if (stopped) return;
    stopped = true;
    stopGenerators();
    app.deploys.stop();
    app.chaos.stop();
    // Ending every stream lets each connection finish, so server.close() can complete.
    for (const sink of connections.sinks()) sink.close();
    history.close();
  }
  server.on('close', stop);

  Object.defineProperty(server, 'channel', { get: () => history.channel });
  return Object.assign(server as Server & Pick<DevServer, 'channel'>, {
    shutdown: () =>
      new Promise<void>((resolve) => {
        stop();
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  });
}
