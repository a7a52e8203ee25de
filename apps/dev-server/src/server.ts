import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Broker, Channel } from '@kit/sse-server';
import { checkStateChange } from './checkStateChange';
import { applyCors } from './cors';
import { createChaos } from './createChaos';
import { createConnections } from './createConnections';
import { createDeploys } from './createDeploys';
import { createHistory } from './createHistory';
import { createRateLimiter } from './createRateLimiter';
import { createTicker } from './createTicker';
import { createTokenStore } from './createTokenStore';
import { handleChat } from './handleChat';
import { handleStream, type StreamContext } from './handleStream';
import { handleToken } from './handleToken';
import { isRecord, readBodyOrRefuse, sendJson, sendRefusal } from './http';
import { resolveOptions, type DevServerOptions } from './options';
import type { DashboardEvents } from './events';
import { createRefusals } from './refusals';
import { startGenerators } from './startGenerators';
import { SERVICES } from './topics';

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
  const startedAt = Date.now();
  const history = createHistory({ replaySize: options.replaySize, sharedBroker: input.broker });
  const connections = createConnections();
  const chaos = createChaos(connections, history.restart);
  const tokens = createTokenStore(options.maxLiveTokens);
  const mintLimiter = createRateLimiter({ burst: options.tokenBurst, perMinute: options.tokenMintsPerMinute });
  const refusals = createRefusals();
  const deploys = createDeploys(history, options);
  const ticker = createTicker(history);
  const stopGenerators = options.generators ? startGenerators(history, ticker, options) : () => {};
  const allowedOrigins = new Set(options.corsOrigins);
  const ctx: StreamContext = { options, history, connections, chaos };

  const readBody = (req: IncomingMessage, res: ServerResponse) => readBodyOrRefuse(req, res, options, refusals);

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const { pathname } = url;
    if (applyCors(req, res, allowedOrigins)) return;
    // Before any route runs, so no state-changing endpoint can forget it.
    const refusal = checkStateChange(req, allowedOrigins);
    if (refusal) {
      refusals[refusal.kind]++;
      return sendRefusal(req, res, refusal.status, { error: refusal.error }, options);
    }
    const key = `${req.method ?? 'GET'} ${pathname}`;
    switch (key) {
      case 'GET /health':
        return sendJson(res, 200, { ok: true, uptimeSeconds: Math.round(process.uptime()), broker: history.broker.status });
      case 'GET /api/stream':
        return handleStream(req, res, url, ctx);
      case 'GET /api/secure/stream': {
        const expiresAt = tokens.verify(req.headers.authorization);
        if (expiresAt === null) {
          return sendJson(
            res,
            401,
            { error: 'A valid bearer token is required: POST /api/token, then send Authorization: Bearer <token>.' },
            { 'WWW-Authenticate': 'Bearer realm="dev-server", error="invalid_token"' },
          );
        }
        return handleStream(req, res, url, ctx, expiresAt);
      }
      case 'POST /api/token':
        return handleToken(req, res, url, { options, tokens, mintLimiter, refusals });
      case 'POST /api/chat': {
        const body = await readBody(req, res);
        return body ? handleChat(req, res, body.value, options, connections) : undefined;
      }
      case 'POST /api/deploys': {
        const body = await readBody(req, res);
        if (!body) return;
        const service = isRecord(body.value) && body.value.service !== undefined ? body.value.service : SERVICES[0];
        if (typeof service !== 'string' || !/^[a-z0-9-]{1,40}$/.test(service)) {
          return sendJson(res, 400, { error: 'service must be 1 to 40 characters among a-z 0-9 -' });
        }
        const deploy = deploys.start(service);
        if (!deploy) return sendJson(res, 429, { error: 'Too many deploys running.' }, { 'Retry-After': '5' });
        return sendJson(res, 202, deploy);
      }
      case 'POST /api/chaos': {
        const body = await readBody(req, res);
        if (!body) return;
        const result = chaos.apply(body.value);
        if (!result.ok) return sendJson(res, 400, { error: result.error });
        const { state, ...effects } = result;
        return sendJson(res, 200, { ...effects, chaos: state });
      }
      case 'GET /api/ticks/state': {
        // What a client refetches after a reset, then counts on from (see createTicker).
        const tick = await ticker.current().catch(() => null);
        if (!tick) return sendJson(res, 503, { error: '[@kit/dev-server] The tick history cannot be read (broker unavailable). Retry shortly.' }, { 'Retry-After': '1' });
        return sendJson(res, 200, tick);
      }
      case 'GET /api/stats': {
        // ?gc=1 collects first when node runs with --expose-gc, so the load script's
        // memory-per-connection figures are not mostly garbage.
        if (url.searchParams.get('gc') === '1') (globalThis as { gc?: () => void }).gc?.();
        const stats = history.channel.stats;
        const memory = process.memoryUsage();
        return sendJson(res, 200, {
          uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
          connections: connections.snapshot(),
          eventsPublished: stats.eventsPublished,
          eventsSent: stats.framesSent,
          droppedSlowClients: stats.droppedSlowClients,
          runningDeploys: deploys.running,
          broker: history.broker.status,
          chaos: chaos.state,
          restarts: history.restarts,
          tokens: { live: tokens.live },
          refusals: { ...refusals },
          memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, externalBytes: memory.external },
        });
      }
      default:
        // A body sent to no route is drained like any refused one.
        return sendRefusal(req, res, 404, { error: `No route for ${req.method} ${pathname}` }, options);
    }
  }

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
    deploys.stop();
    chaos.stop();
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
