import type { IncomingMessage, ServerResponse } from 'node:http';
import type { createDeploys } from './history/createDeploys';
import type { History } from './history/createHistory';
import type { Ticker } from './history/createTicker';
import { SERVICES } from './history/topics';
import { checkStateChange } from './http/checkStateChange';
import { applyCors } from './http/cors';
import type { RateLimiter } from './http/createRateLimiter';
import { isRecord, readBodyOrRefuse, sendJson, sendRefusal } from './http/http';
import type { Refusals } from './http/refusals';
import type { ResolvedOptions } from './options';
import type { Chaos } from './streams/createChaos';
import type { Connections } from './streams/createConnections';
import { handleChat } from './streams/handleChat';
import { handleStream } from './streams/handleStream';
import type { createTokenStore } from './tokens/createTokenStore';
import { handleToken } from './tokens/handleToken';

/** Everything the routes read or change: built once by createDevServer. */
export interface App {
  options: ResolvedOptions;
  startedAt: number;
  history: History;
  connections: Connections;
  chaos: Chaos;
  tokens: ReturnType<typeof createTokenStore>;
  mintLimiter: RateLimiter;
  refusals: Refusals;
  deploys: ReturnType<typeof createDeploys>;
  ticker: Ticker;
  allowedOrigins: ReadonlySet<string>;
}

function stats(app: App, url: URL) {
  // ?gc=1 collects first when node runs with --expose-gc, so the load script's
  // memory-per-connection figures are not mostly garbage.
  if (url.searchParams.get('gc') === '1') (globalThis as { gc?: () => void }).gc?.();
  const channel = app.history.channel.stats;
  const memory = process.memoryUsage();
  return {
    uptimeSeconds: Math.round((Date.now() - app.startedAt) / 1000),
    connections: app.connections.snapshot(),
    eventsPublished: channel.eventsPublished,
    eventsSent: channel.framesSent,
    droppedSlowClients: channel.droppedSlowClients,
    runningDeploys: app.deploys.running,
    broker: app.history.broker.status,
    chaos: app.chaos.state,
    restarts: app.history.restarts,
    tokens: { live: app.tokens.live },
    refusals: { ...app.refusals },
    memory: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, externalBytes: memory.external },
  };
}

/** The request handler: CORS, the state-change gate, then one route per method and path. */
export function createRouter(app: App) {
  const { options, history, connections, chaos, tokens, refusals, deploys, ticker, allowedOrigins } = app;
  const readBody = (req: IncomingMessage, res: ServerResponse) => readBodyOrRefuse(req, res, options, refusals);

  return async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const { pathname } = url;
    if (applyCors(req, res, allowedOrigins)) return;
    // Before any route runs, so no state-changing endpoint can forget it.
    const refusal = checkStateChange(req, allowedOrigins);
    if (refusal) {
      refusals[refusal.kind]++;
      return sendRefusal(req, res, refusal.status, { error: refusal.error }, options);
    }
    switch (`${req.method ?? 'GET'} ${pathname}`) {
      case 'GET /health':
        return sendJson(res, 200, { ok: true, uptimeSeconds: Math.round(process.uptime()), broker: history.broker.status });
      case 'GET /api/stream':
        return handleStream(req, res, url, app);
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
        return handleStream(req, res, url, app, expiresAt);
      }
      case 'POST /api/token':
        return handleToken(req, res, url, app);
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
        if (tick) return sendJson(res, 200, tick);
        const error = '[@kit/dev-server] The tick history cannot be read (broker unavailable). Retry shortly.';
        return sendJson(res, 503, { error }, { 'Retry-After': '1' });
      }
      case 'GET /api/stats':
        return sendJson(res, 200, stats(app, url));
      default:
        // A body sent to no route is drained like any refused one.
        return sendRefusal(req, res, 404, { error: `No route for ${req.method} ${pathname}` }, options);
    }
  };
}
