import type { IncomingMessage, ServerResponse } from 'node:http';
import { createChannel, createNodeStream } from '@kit/sse-server';
import { createOrderStore, type Events } from './orders';

export interface Api {
  /** Answers /api/*; returns false for other paths (the client's files). */
  handle(req: IncomingMessage, res: ServerResponse): boolean;
  close(): void;
}

/**
 * The REST API TanStack Query fetches (`/api/orders`, `/api/orders/:id`), a write
 * (`POST /api/orders/:id/advance`), and the stream that keeps the cache live (`/api/stream`: one
 * `order` event per change, carrying the whole order).
 */
export function createApi({ stepEveryMs, heartbeatMs }: { stepEveryMs: number; heartbeatMs: number }): Api {
  const store = createOrderStore();
  // The default in-memory broker: a fresh epoch per process, so a client resuming with an id from
  // before a restart gets a reset (foreign-epoch) instead of a wrong replay.
  const channel = createChannel<Events>({ topics: ['order'] });
  // 0: nothing changes by itself, only through POST /api/orders/:id/advance.
  const timer = stepEveryMs > 0 ? setInterval(() => void channel.publish({ event: 'order', data: store.step() }), stepEveryMs) : undefined;

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
  };

  return {
    handle(req, res) {
      const { pathname } = new URL(req.url ?? '/', 'http://localhost');
      if (!pathname.startsWith('/api/')) return false;
      const advance = /^\/api\/orders\/([^/]+)\/advance$/.exec(pathname);
      if (advance && req.method === 'POST') {
        // A write: the change reaches every tab (this one included) as an `order` event.
        const order = store.advance(decodeURIComponent(advance[1] ?? ''));
        if (order) void channel.publish({ event: 'order', data: order }).then(() => json(res, 200, order));
        else json(res, 404, { error: `No order ${advance[1]}` });
      } else if (req.method !== 'GET') json(res, 405, { error: `${req.method} ${pathname} is not supported` });
      else if (pathname === '/api/stream') {
        const lastEventId = req.headers['last-event-id'];
        void channel.connect(createNodeStream(req, res, { heartbeatMs, retry: 1000 }), {
          lastEventId: typeof lastEventId === 'string' ? lastEventId : null,
        });
      } else if (pathname === '/api/orders') json(res, 200, store.list());
      else if (pathname.startsWith('/api/orders/')) {
        const order = store.get(decodeURIComponent(pathname.slice('/api/orders/'.length)));
        if (order) json(res, 200, order);
        else json(res, 404, { error: `No order ${pathname.slice('/api/orders/'.length)}` });
      } else if (pathname === '/api/health') json(res, 200, { ok: true, clients: channel.stats.clients });
      else json(res, 404, { error: `No route ${pathname}` });
      return true;
    },
    close() {
      if (timer) clearInterval(timer);
      channel.close();
    },
  };
}
